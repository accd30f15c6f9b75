package fr.progerance.ops.billing.charges;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * R7.5 late charges and the legal-rate table. Computing and reading are for every API user (ops,
 * managers); entering a missing semester's rate is for managers. A late day whose semester has no
 * rate answers 409 naming {@code semester} ({@link MissingLegalRateAdvice}).
 */
@RestController
@RequestMapping("/api/billing")
public class LateChargesController {

    private static final List<String> RATE_GROUPS = List.of(OpsGroups.MANAGERS, OpsGroups.ADMIN);

    private final LateCharges charges;
    private final LegalRateBook rates;
    private final IdentityService identity;
    private final ContractClock clock;

    public LateChargesController(LateCharges charges, LegalRateBook rates, IdentityService identity,
            ContractClock clock) {
        this.charges = charges;
        this.rates = rates;
        this.identity = identity;
        this.clock = clock;
    }

    /** The answer of {@code GET /api/billing/late-charges}: amounts as strings with two decimals. */
    public record LateChargeView(String dueDate, long daysLate, String interest, String recoveryFee, String total) {

        static LateChargeView of(LateCharge c) {
            return new LateChargeView(c.dueDate().toString(), c.daysLate(), c.interest().toPlainString(),
                    c.recoveryFee().toPlainString(), c.total().toPlainString());
        }
    }

    /** The body of {@code PUT /api/billing/legal-rates/{semester}}. */
    public record RateRequest(@NotNull BigDecimal ratePercent,
            @NotBlank @Size(max = LegalRateRules.MAX_SOURCE_LENGTH) @PlainText String source) {
    }

    /** One row of the table: where it comes from ({@code FILE} or {@code ENTERED}, with who and when). */
    public record RateView(String semester, String ratePercent, String source, LegalRateBook.Origin origin,
            String enteredBy, OffsetDateTime enteredAt) {

        static RateView of(LegalRateBook.Row r, ContractClock clock) {
            return new RateView(r.semester(), r.ratePercent().stripTrailingZeros().toPlainString(), r.source(), r.origin(),
                    r.enteredBy(), r.enteredAt() == null ? null : clock.atZone(r.enteredAt()));
        }
    }

    /**
     * R7.5: what an invoice of {@code amount} issued on {@code issuedOn} and paid in full on
     * {@code paidOn} costs beyond its amount. 400 naming each bad parameter; 409 naming the
     * semester whose rate is missing.
     */
    @GetMapping("/late-charges")
    public LateChargeView lateCharges(@RequestParam(required = false) String amount,
            @RequestParam(required = false) String issuedOn, @RequestParam(required = false) String paidOn) {
        LateChargeParameters query = LateChargeParameters.parse(amount, issuedOn, paidOn);
        return LateChargeView.of(charges.compute(query.amount(), query.issuedOn(), query.paidOn()));
    }

    /** R7.5: every semester with a rate, its source and origin. */
    @GetMapping("/legal-rates")
    public List<RateView> legalRates() {
        return rates.all().stream().map(r -> RateView.of(r, clock)).toList();
    }

    /**
     * R7.5: a manager enters the rate of a semester the file does not hold yet. 201 with the row;
     * 400 naming the field; 409 when the semester already has a rate (file or entered); 403 for
     * anyone but managers.
     */
    @PutMapping(path = "/legal-rates/{semester}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<RateView> enter(@PathVariable("semester") String semester,
            @Valid @RequestBody RateRequest request) {
        String who = manager();
        rates.enter(semester, request.ratePercent(), request.source(), who);
        RateView row = rates.all().stream().filter(r -> r.semester().equals(semester)).findFirst()
                .map(r -> RateView.of(r, clock)).orElseThrow();
        return ResponseEntity.status(HttpStatus.CREATED).body(row);
    }

    private String manager() {
        Authentication who = identity.getCurrentAuthentication();
        if (who == null || who.getGroupIds() == null || who.getGroupIds().stream().noneMatch(RATE_GROUPS::contains)) {
            throw new AuthorizationException("Only managers may enter a legal interest rate (R7.5)");
        }
        return who.getUserId();
    }
}
