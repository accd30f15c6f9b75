package fr.progerance.ops.billing.dunning;

/** R7.6: what managers decide on an accepted contest. */
public enum ContestDecision {
    /** A credit note of at most the invoice's amount excluding tax, deducted from the next invoices. */
    CREDIT_NOTE,
    /** The contest is rejected: the invoice stands (and R7.7: it was due all along). */
    REJECT
}
