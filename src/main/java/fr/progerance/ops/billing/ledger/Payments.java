package fr.progerance.ops.billing.ledger;

import fr.progerance.ops.billing.charges.MissingLegalRateException;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import fr.progerance.ops.web.TextRules;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link PaymentRecorder}: validates, takes the client's account lock, writes the record once per
 * {@code (source, externalId)}, marks the invoice PAID once nothing is due on it, and publishes
 * {@link PaymentRecorded} in the transaction (listeners that wake processes act after the commit).
 *
 * <p>A late day whose semester has no legal rate yet (R7.5) never stops a payment from being
 * recorded: the record is written, the invoice stays OPEN, and what is still due is answered as
 * unknown (null), never as zero.
 */
@Component
public class Payments implements PaymentRecorder {

    /** Issue 7: the largest amount the API takes. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000.00");
    public static final int MAX_REFERENCE = 140;
    public static final int MAX_EXTERNAL_ID = 200;
    private static final int MAX_USER = 64;
    private static final Logger LOG = LoggerFactory.getLogger(Payments.class);

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final AccountLock lock;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;
    private final ContractClock clock;

    public Payments(InvoiceRepository invoices, PaymentRepository payments, AccountLock lock, Ledger ledger,
            ApplicationEventPublisher events, ContractClock clock) {
        this.invoices = invoices;
        this.payments = payments;
        this.lock = lock;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ConflictException the same {@code (source, externalId)} was recorded for another
     *     invoice, amount or date
     */
    @Override
    @Transactional
    public RecordedPayment record(NewPayment payment) {
        Invoice invoice = invoices.findByNumber(payment.invoiceNumber())
                .orElseThrow(() -> new NotFoundException("Invoice", payment.invoiceNumber()));
        validate(payment, invoice);
        BigDecimal amount = InvoiceAmounts.cents(payment.amount());
        lock.lock(invoice.getClientId());
        Optional<Payment> existing = payments.findBySourceAndExternalId(payment.source(), payment.externalId());
        if (existing.isPresent()) {
            Payment first = existing.get();
            if (first.getInvoiceId() != invoice.getId() || first.getAmount().compareTo(amount) != 0
                    || !first.getPaidOn().equals(payment.paidOn())) {
                throw new ConflictException("Payment " + payment.source() + " " + payment.externalId()
                        + " was already recorded for another invoice, amount or date",
                        List.of(new FieldProblem("externalId", "already recorded: " + first.getAmount() + " on "
                                + first.getPaidOn() + " for invoice " + numberOf(first))));
            }
            return recorded(first, invoice, true);
        }
        Payment saved = payments.saveAndFlush(new Payment(invoice.getId(), amount, payment.paidOn(),
                payment.reference(), payment.source(), payment.externalId(), payment.recordedBy(), clock.instant()));
        events.publishEvent(new PaymentRecorded(saved.getId(), invoice.getNumber(), invoice.getClientId()));
        return recorded(saved, invoice, false);
    }

    private RecordedPayment recorded(Payment payment, Invoice invoice, boolean duplicate) {
        BigDecimal invoiceDue = null;
        BigDecimal clientDue = null;
        try {
            InvoiceStanding standing = ledger.standing(invoice);
            invoiceDue = standing.totalDue();
            if (standing.settled() && invoice.getStatus() == InvoiceStatus.OPEN) {
                invoice.markPaid();
                invoices.flush();
            }
            clientDue = ledger.clientStanding(invoice.getClientId()).totalDue();
        } catch (MissingLegalRateException e) {
            // R7.5: never a silent zero. The payment stands; what is due stays unknown until the rate is entered.
            LOG.warn("Payment {} on invoice {} recorded; what is still due is unknown: {}", payment.getId(),
                    invoice.getNumber(), e.getMessage());
        }
        return new RecordedPayment(payment.getId(), invoice.getNumber(), payment.getAmount(), payment.getPaidOn(),
                duplicate, invoiceDue, clientDue);
    }

    private String numberOf(Payment payment) {
        return invoices.findById(payment.getInvoiceId()).map(Invoice::getNumber).orElse("?");
    }

    private void validate(NewPayment p, Invoice invoice) {
        List<FieldProblem> problems = new ArrayList<>();
        BigDecimal amount = p.amount();
        if (amount == null) {
            problems.add(new FieldProblem("amount", "is required"));
        } else if (amount.signum() <= 0) {
            problems.add(new FieldProblem("amount", "must be positive"));
        } else if (amount.stripTrailingZeros().scale() > 2) {
            problems.add(new FieldProblem("amount", "must have at most 2 decimals"));
        } else if (amount.compareTo(MAX_AMOUNT) > 0) {
            problems.add(new FieldProblem("amount", "must be at most " + MAX_AMOUNT.toPlainString()));
        }
        LocalDate paidOn = p.paidOn();
        LocalDate today = clock.today();
        if (paidOn == null) {
            problems.add(new FieldProblem("paidOn", "is required"));
        } else if (paidOn.isAfter(today)) {
            problems.add(new FieldProblem("paidOn", "must not be in the future (today is " + today + ")"));
        } else if (paidOn.isBefore(invoice.getIssuedOn())) {
            problems.add(new FieldProblem("paidOn", "must not be before the invoice's issue date "
                    + invoice.getIssuedOn()));
        }
        text(problems, "reference", p.reference(), MAX_REFERENCE);
        text(problems, "externalId", p.externalId(), MAX_EXTERNAL_ID);
        text(problems, "recordedBy", p.recordedBy(), MAX_USER);
        if (p.source() == null) {
            problems.add(new FieldProblem("source", "is required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
        } else {
            TextRules.problem(value, false, max).ifPresent(m -> problems.add(new FieldProblem(field, m)));
        }
    }
}
