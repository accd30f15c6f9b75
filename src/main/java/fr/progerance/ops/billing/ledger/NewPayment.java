package fr.progerance.ops.billing.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A payment to record against an invoice.
 *
 * @param invoiceNumber the invoice it pays
 * @param amount        positive, in euros, two decimals at most
 * @param paidOn        the value date (bank) or the date given by the caller
 * @param reference     the payer's or bank's reference, shown to ops
 * @param source        the channel
 * @param externalId    what makes the payment unique in its channel (the bank entry's reference,
 *                      the statement line's hash, the API caller's reference): recording the same
 *                      {@code (source, externalId)} twice changes nothing
 * @param recordedBy    the authenticated user who caused it
 */
public record NewPayment(String invoiceNumber, BigDecimal amount, LocalDate paidOn, String reference,
        PaymentSource source, String externalId, String recordedBy) {
}
