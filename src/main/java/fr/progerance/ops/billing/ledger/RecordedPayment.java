package fr.progerance.ops.billing.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A committed payment record and what it left to pay.
 *
 * @param paymentId     the record's id
 * @param invoiceNumber the invoice it pays
 * @param amount        the amount recorded
 * @param paidOn        its date
 * @param duplicate     true when the same {@code (source, externalId)} was already recorded: nothing changed
 * @param invoiceDue    what the invoice still needs (principal and late charges) after it
 * @param clientDue     what the client still owes in all (R7.5: every sum due) after it
 */
public record RecordedPayment(long paymentId, String invoiceNumber, BigDecimal amount, LocalDate paidOn,
        boolean duplicate, BigDecimal invoiceDue, BigDecimal clientDue) {
}
