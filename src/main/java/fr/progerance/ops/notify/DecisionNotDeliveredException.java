package fr.progerance.ops.notify;

/** The engine did not take a decision's answer: the process no longer waits, or it was busy. */
class DecisionNotDeliveredException extends RuntimeException {

    private final boolean retryable;

    DecisionNotDeliveredException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True when the process was changed concurrently (try again); false when it no longer waits. */
    boolean retryable() {
        return retryable;
    }
}
