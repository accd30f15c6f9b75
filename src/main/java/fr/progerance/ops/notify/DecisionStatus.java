package fr.progerance.ops.notify;

/** Life of a {@link ClientDecision}: PENDING, then exactly one of the four final states. */
public enum DecisionStatus {
    /** Waiting for the client's answer. */
    PENDING,
    /** The client approved (by link or by phone). */
    APPROVED,
    /** The client declined (by link or by phone). */
    DECLINED,
    /** Nobody answered in time; the process said so ({@link ClientDecisions#expire}). */
    EXPIRED,
    /** The process moved on without this answer (e.g. the next contact is asked). */
    CANCELLED;

    public boolean answered() {
        return this == APPROVED || this == DECLINED;
    }
}
