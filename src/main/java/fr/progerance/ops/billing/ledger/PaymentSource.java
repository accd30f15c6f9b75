package fr.progerance.ops.billing.ledger;

/** The channel a payment record came from (DESIGN rule 11: the record says who wrote it). */
public enum PaymentSource {
    /** {@code POST /api/payments}. */
    API,
    /** A line of an imported ISO 20022 camt.053 bank statement. */
    CAMT053,
    /** A line of an imported CSV bank statement. */
    CSV,
    /** An unmatched statement line that ops assigned to an invoice. */
    MATCHED_BY_OPS
}
