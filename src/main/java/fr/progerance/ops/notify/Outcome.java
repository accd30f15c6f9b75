package fr.progerance.ops.notify;

/**
 * The result of looking up or answering a decision. {@code decision} is null when the link is
 * invalid or unknown, or when the answer was rolled back ({@link Result#NO_LONGER_OPEN},
 * {@link Result#BUSY}).
 */
public record Outcome(Result result, ClientDecision decision) {

    public enum Result {
        /** (lookup) The decision waits for an answer. */
        OPEN,
        /** The answer "approve" was recorded and delivered to the process. */
        APPROVED,
        /** The answer "decline" was recorded and delivered to the process. */
        DECLINED,
        /** Malformed, tampered with or signed with another secret. */
        INVALID_LINK,
        /** Well signed, but no such decision here. */
        UNKNOWN,
        /** An answer was already recorded; it stands. */
        ALREADY_ANSWERED,
        /** Past its expiry, or marked expired by the process. */
        EXPIRED,
        /** The process cancelled it. */
        CANCELLED,
        /** The process no longer waits for this answer; nothing was recorded. */
        NO_LONGER_OPEN,
        /** The process was being changed at the same moment; nothing was recorded, try again. */
        BUSY
    }

    static Outcome of(Result result) {
        return new Outcome(result, null);
    }

    /** Whether this call recorded an answer. */
    public boolean recorded() {
        return result == Result.APPROVED || result == Result.DECLINED;
    }
}
