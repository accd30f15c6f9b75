package fr.progerance.ops.backup.restic;

/**
 * A restic call that failed (DESIGN rule 13: a non-zero exit status is a failure). Subclasses say
 * why: wrong password, repository missing, repository locked (the only retryable one by nature),
 * incomplete snapshot (exit 3), version too old, time-out, anything else. Messages are readable by
 * ops (they end up in Camunda incidents) and never contain the password or the data.
 */
public class ResticException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ResticException(String message) {
        super(message);
    }

    public ResticException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether trying again later may succeed without a person changing anything. */
    public boolean retryable() {
        return true;
    }
}
