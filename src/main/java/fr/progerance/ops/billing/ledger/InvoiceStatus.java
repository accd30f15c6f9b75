package fr.progerance.ops.billing.ledger;

/** An invoice's record status, kept under the client's account lock. */
public enum InvoiceStatus {
    /** Something is still due on it: principal, or R7.5 late charges. */
    OPEN,
    /** Nothing is due on it any more, late charges included (final: payments are never removed). */
    PAID
}
