package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.BillingCaller;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contests by registered letter (R7.6, R7.7), recorded by ops and managers from the letter they
 * received: {@code POST /api/invoices/{n}/contest} answers 201 when the letter is within the
 * contest window (a managers' task follows in the invoice's dunning), and 422 with the reason when
 * it is not; both are kept with who and when. {@code GET /api/invoices/{n}/contests} lists them.
 */
@RestController
@Validated
@RequestMapping("/api/invoices")
public class ContestController {

    /** An invoice number as the path names it (as {@code /api/invoices/{number}}). */
    static final String INVOICE_NUMBER = "[A-Za-z0-9][A-Za-z0-9_-]{0,31}";

    private final InvoiceContests contests;
    private final BillingCaller caller;
    private final ContractClock clock;

    public ContestController(InvoiceContests contests, BillingCaller caller, DunningTimeline timeline) {
        this.contests = contests;
        this.caller = caller;
        this.clock = timeline.clock();
    }

    /** The body of {@code POST /api/invoices/{n}/contest}: the registered letter's date and its grounds. */
    public record ContestRequest(@NotNull LocalDate letterDate,
            @NotBlank @Size(max = InvoiceContests.MAX_TEXT) @PlainText(multiLine = true) String reason) {
    }

    /** A contest record. Amounts are strings with two decimals. */
    public record ContestView(long id, String invoiceNumber, LocalDate invoiceIssuedOn, LocalDate letterDate,
            String reason, ContestStatus status, String refusalReason, String recordedBy, OffsetDateTime recordedAt,
            ContestDecision decision, String creditNoteAmount, String decisionNote, String decidedBy,
            OffsetDateTime decidedAt, Long creditNoteId) {

        static ContestView of(InvoiceContest c, ContractClock clock) {
            return new ContestView(c.getId(), c.getInvoiceNumber(), c.getInvoiceIssuedOn(), c.getLetterDate(),
                    c.getReason(), c.getStatus(), c.getRefusalReason(), c.getRecordedBy(), clock.atZone(c.getRecordedAt()),
                    c.getDecision(), c.getCreditNoteAmount() == null ? null : c.getCreditNoteAmount().toPlainString(),
                    c.getDecisionNote(), c.getDecidedBy(), c.getDecidedAt() == null ? null : clock.atZone(c.getDecidedAt()),
                    c.getCreditNoteId());
        }
    }

    /** What a refused contest answers (422): the reason, the field it concerns, and the record kept. */
    public record RefusedContest(int status, String error, String message, List<FieldProblem> problems,
            ContestView contest) {
    }

    /** 201 accepted; 422 refused with the reason (recorded too); 400 bad input; 404 unknown invoice. */
    @PostMapping(path = "/{number}/contest", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> contest(
            @PathVariable("number") @Pattern(regexp = INVOICE_NUMBER, message = "is not an invoice number") String number,
            @Valid @RequestBody ContestRequest request) {
        InvoiceContest c = contests.record(number, request.letterDate(), request.reason(), caller.user());
        ContestView view = ContestView.of(c, clock);
        if (c.getStatus() == ContestStatus.ACCEPTED) {
            return ResponseEntity.created(URI.create("/api/invoices/" + c.getInvoiceNumber() + "/contests/" + c.getId()))
                    .body(view);
        }
        HttpStatus status = HttpStatus.UNPROCESSABLE_ENTITY;
        return ResponseEntity.status(status).body(new RefusedContest(status.value(), status.getReasonPhrase(),
                c.getRefusalReason(), List.of(new FieldProblem("letterDate", c.getRefusalReason())), view));
    }

    @GetMapping("/{number}/contests")
    public List<ContestView> list(
            @PathVariable("number") @Pattern(regexp = INVOICE_NUMBER, message = "is not an invoice number") String number) {
        return contests.list(number).stream().map(c -> ContestView.of(c, clock)).toList();
    }
}
