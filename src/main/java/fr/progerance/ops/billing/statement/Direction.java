package fr.progerance.ops.billing.statement;

/** Which way the money went on the provider's account ({@code CdtDbtInd}). */
public enum Direction {
    /** Money received: a client's payment, possibly. */
    CREDIT,
    /** Money paid out: never a client's payment, kept as IGNORED. */
    DEBIT
}
