package fr.progerance.ops.billing.statement;

/** What became of a statement line. No line is ever dropped: each one is kept with its status. */
public enum LineStatus {
    /** One existing invoice was found and the payment was recorded. */
    MATCHED,
    /** No payment recorded; the reason says why. Listed for ops, who may assign it. */
    UNMATCHED,
    /** Not a client's payment (a debit) or not booked yet (pending): nothing to record. */
    IGNORED,
    /** Was UNMATCHED; ops assigned it to an invoice, which recorded the payment. */
    ASSIGNED,
    /**
     * The same bank entry was already in an earlier statement (overlapping statements) or earlier in
     * this one: nothing recorded twice; the reason names where it was.
     */
    DUPLICATE
}
