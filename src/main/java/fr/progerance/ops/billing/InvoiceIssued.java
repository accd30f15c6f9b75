package fr.progerance.ops.billing;

import java.time.Instant;

/**
 * Published (synchronously, inside the issuing transaction) for each new invoice. The dunning part
 * listens and starts the invoice's {@code InvoiceDunning} instance in that same transaction, so an
 * invoice never exists without its dunning, nor a dunning without its invoice.
 */
public record InvoiceIssued(String invoiceNumber, long clientId, long contractId, Instant issuedAt) {
}
