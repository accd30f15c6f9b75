package fr.progerance.ops.billing;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import fr.progerance.ops.billing.ledger.NewPayment;
import fr.progerance.ops.billing.ledger.PaymentRecorder;
import fr.progerance.ops.billing.ledger.PaymentSource;
import fr.progerance.ops.billing.ledger.RecordedPayment;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/payments} (ops, managers): records a payment against an invoice (DESIGN rule 11:
 * the record, with who recorded it, is what the dunning reads). The caller's reference makes it
 * unique: the same invoice and reference again is the same payment (200, {@code duplicate: true},
 * nothing changes); a new one answers 201.
 */
@RestController
public class PaymentController {

    /** What the recorder calls a field, as this API names it. */
    private static final Map<String, String> FIELDS = Map.of("paidOn", "date", "externalId", "reference");
    private static final int ATTEMPTS = 3;

    private final PaymentRecorder recorder;
    private final BillingCaller caller;

    public PaymentController(PaymentRecorder recorder, BillingCaller caller) {
        this.recorder = recorder;
        this.caller = caller;
    }

    /**
     * The body: the invoice number, the amount (a JSON string or number, positive, two decimals at
     * most), the date it was paid (not in the future, not before the invoice's issue) and the
     * payer's reference (plain text, at most 140 characters).
     */
    public record PaymentRequest(
            @NotBlank @Size(max = 32) @Pattern(regexp = InvoiceController.NUMBER,
                    message = "must be an invoice number such as F2026-000042") String invoiceNumber,
            @NotNull @Positive @DecimalMax(value = "1000000.00", message = "must be at most 1000000.00")
            @Digits(integer = 10, fraction = 2) @JsonDeserialize(using = Money.Reader.class) BigDecimal amount,
            @NotNull LocalDate date,
            @NotBlank @Size(max = 140) @PlainText String reference) {
    }

    /** A recorded payment; amounts as strings with two decimals (what is due: null while a legal rate is missing). */
    public record PaymentView(long paymentId, String invoiceNumber, String amount, LocalDate paidOn, boolean duplicate,
            String invoiceDue, String clientDue) {

        static PaymentView of(RecordedPayment p) {
            return new PaymentView(p.paymentId(), p.invoiceNumber(), Money.text(p.amount()), p.paidOn(), p.duplicate(),
                    Money.text(p.invoiceDue()), Money.text(p.clientDue()));
        }
    }

    /** 201 recorded, 200 the same payment again, 400 naming the field, 404 unknown invoice, 409 reference reused. */
    @PostMapping(path = "/api/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PaymentView> record(@Valid @RequestBody PaymentRequest request) {
        NewPayment payment = new NewPayment(request.invoiceNumber(), request.amount(), request.date(),
                request.reference(), PaymentSource.API, request.invoiceNumber() + ":" + request.reference(),
                caller.user());
        RecordedPayment recorded = recordOnce(payment);
        PaymentView view = PaymentView.of(recorded);
        if (recorded.duplicate()) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/invoices/" + recorded.invoiceNumber()))
                .body(view);
    }

    private RecordedPayment recordOnce(NewPayment payment) {
        for (int attempt = 1;; attempt++) {
            try {
                return recorder.record(payment);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(renamed(e.problems()));
            } catch (ConflictException e) {
                throw new ConflictException(e.getMessage(), renamed(e.problems()));
            } catch (ConcurrencyFailureException busy) {
                // The client's account is locked by a dunning decision for longer than the database waits.
                if (attempt >= ATTEMPTS) {
                    throw new ConflictException("The client's account is busy (a dunning decision): try again",
                            List.of(new FieldProblem("invoiceNumber", "its client's account is busy, try again")));
                }
            }
        }
    }

    private static List<FieldProblem> renamed(List<FieldProblem> problems) {
        return problems.stream().map(p -> new FieldProblem(FIELDS.getOrDefault(p.field(), p.field()), p.message()))
                .toList();
    }
}
