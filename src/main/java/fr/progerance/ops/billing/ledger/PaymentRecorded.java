package fr.progerance.ops.billing.ledger;

/**
 * Published when a payment record is written; listeners that wake processes use
 * {@code @TransactionalEventListener(phase = AFTER_COMMIT)} so a process is only woken for a
 * committed record (a duplicate that changed nothing publishes nothing).
 */
public record PaymentRecorded(long paymentId, String invoiceNumber, long clientId) {
}
