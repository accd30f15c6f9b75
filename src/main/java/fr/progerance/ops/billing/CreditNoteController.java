package fr.progerance.ops.billing;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Credit notes (R4.4-c, R7.6): managers grant them ({@code POST}, 403 for anyone else); ops and
 * managers read them. Each is deducted from the contract's next invoices until used up.
 */
@RestController
@RequestMapping("/api/credit-notes")
public class CreditNoteController {

    private final CreditNoteService notes;
    private final BillingCaller caller;
    private final Validator validator;
    private final ContractClock clock;

    public CreditNoteController(CreditNoteService notes, BillingCaller caller, Validator validator, ContractClock clock) {
        this.notes = notes;
        this.caller = caller;
        this.validator = validator;
        this.clock = clock;
    }

    /** The body: the contract, the amount excluding tax (JSON string or number), the reason (French, shown on the invoice), the rule. */
    public record CreditNoteRequest(
            @NotNull @Positive Long contractId,
            @NotNull @Positive @DecimalMax(value = "1000000.00", message = "must be at most 1000000.00")
            @Digits(integer = 10, fraction = 2) @JsonDeserialize(using = Money.Reader.class) BigDecimal amountExclTax,
            @NotBlank @Size(max = CreditNoteService.MAX_REASON) @PlainText String reason,
            @NotBlank @Size(max = 16) @Pattern(regexp = CreditNoteService.RULE_PATTERN,
                    message = "must be a rule id of the contract, such as R4.4-c or R7.6") String rule) {
    }

    /** A credit note: amounts as strings with two decimals. */
    public record CreditNoteView(long id, long contractId, long clientId, String amountExclTax, String remainingExclTax,
            String reason, String rule, String createdBy, OffsetDateTime createdAt) {

        static CreditNoteView of(CreditNote n, ContractClock clock) {
            return new CreditNoteView(n.getId(), n.getContractId(), n.getClientId(), Money.text(n.getAmountExclTax()),
                    Money.text(n.getRemainingExclTax()), n.getReason(), n.getRule(), n.getCreatedBy(),
                    clock.atZone(n.getCreatedAt()));
        }
    }

    @GetMapping
    public List<CreditNoteView> list(@RequestParam(required = false) Long contractId) {
        return notes.list(contractId).stream().map(n -> CreditNoteView.of(n, clock)).toList();
    }

    /** 404 for an unknown id. */
    @GetMapping("/{id}")
    public CreditNoteView get(@PathVariable("id") long id) {
        return CreditNoteView.of(notes.get(id), clock);
    }

    /** 201 with the credit note; 400 naming each bad field (an unknown contract included); 403 for non-managers. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CreditNoteView> grant(@RequestBody CreditNoteRequest request) {
        String manager = caller.manager("grant credit notes (R4.4-c, R7.6)");
        List<FieldProblem> problems = new ArrayList<>();
        if (request == null) {
            throw new InvalidInputException("body", "is missing");
        }
        for (ConstraintViolation<CreditNoteRequest> v : validator.validate(request)) {
            problems.add(new FieldProblem(v.getPropertyPath().toString(), v.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        CreditNote note = notes.record(request.contractId(), request.amountExclTax(), request.reason(), request.rule(),
                manager);
        return ResponseEntity.created(URI.create("/api/credit-notes/" + note.getId())).body(CreditNoteView.of(note, clock));
    }
}
