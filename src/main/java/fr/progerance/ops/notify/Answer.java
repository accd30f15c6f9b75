package fr.progerance.ops.notify;

/** A client's answer to a {@link ClientDecision}. */
public enum Answer {
    APPROVE,
    DECLINE
}
