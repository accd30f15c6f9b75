package fr.progerance.ops.quote;

/** Where a quote stands. The last three are final: the outcome returned to the caller. */
public enum QuoteStatus {
    /** Ops are preparing it (Tasklist). */
    PREPARING,
    /** Sent to the client, waiting for the answer. */
    SENT,
    /** The client approved it (who and when on the record). */
    APPROVED,
    /** The client declined it. */
    DECLINED,
    /** Nobody answered before its validity date: closed, nothing is done. */
    EXPIRED;

    public boolean decided() {
        return this == APPROVED || this == DECLINED || this == EXPIRED;
    }
}
