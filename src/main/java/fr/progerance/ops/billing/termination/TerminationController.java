package fr.progerance.ops.billing.termination;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * R8.3, R8.5: a contract's termination notice. Managers record it (the registered letter's date,
 * who sent it, why); every API user reads it.
 */
@RestController
public class TerminationController {

    private static final List<String> MANAGER_GROUPS = List.of(OpsGroups.MANAGERS, OpsGroups.ADMIN);

    private final Terminations terminations;
    private final IdentityService identity;
    private final ContractClock clock;

    public TerminationController(Terminations terminations, IdentityService identity, ContractClock clock) {
        this.terminations = terminations;
        this.identity = identity;
        this.clock = clock;
    }

    /** The body of {@code POST /api/contracts/{id}/termination}. */
    public record TerminationRequest(@NotNull LocalDate noticeDate, @NotNull TerminationParty party,
            @NotBlank @Size(max = 500) @PlainText(multiLine = true) String reason) {
    }

    /**
     * The notice and its consequences: {@code effectiveEnd} is the first day without service,
     * {@code lastInvoicedMonth} the last month invoiced (in full, R8.3, R8.5).
     */
    public record TerminationView(long contractId, LocalDate noticeDate, TerminationParty party, String reason,
            LocalDate effectiveEnd, LocalDate lastDayOfService, String lastInvoicedMonth, String recordedBy,
            OffsetDateTime recordedAt) {

        static TerminationView of(Terminations.Termination t, ContractClock clock) {
            return new TerminationView(t.contractId(), t.noticeDate(), t.party(), t.reason(), t.effectiveEnd(),
                    t.lastDayOfService(), t.lastInvoicedMonth().toString(), t.recordedBy(), clock.atZone(t.recordedAt()));
        }
    }

    /** 201 with the effective end; 400 naming the field; 403 for anyone but managers; 404 unknown contract; 409 see {@link Terminations#record}. */
    @PostMapping(path = "/api/contracts/{id}/termination", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TerminationView> record(@PathVariable("id") long contractId,
            @Valid @RequestBody TerminationRequest request) {
        String who = manager();
        Terminations.Termination t = terminations.record(contractId, request.noticeDate(), request.party(),
                request.reason(), who);
        return ResponseEntity.created(URI.create("/api/contracts/" + contractId + "/termination"))
                .body(TerminationView.of(t, clock));
    }

    /** The recorded notice; 404 when the contract does not exist or has none. */
    @GetMapping("/api/contracts/{id}/termination")
    public TerminationView get(@PathVariable("id") long contractId) {
        return TerminationView.of(terminations.get(contractId), clock);
    }

    private String manager() {
        Authentication who = identity.getCurrentAuthentication();
        if (who == null || who.getGroupIds() == null || who.getGroupIds().stream().noneMatch(MANAGER_GROUPS::contains)) {
            throw new AuthorizationException("Only managers may record a termination notice (R8.3)");
        }
        return who.getUserId();
    }
}
