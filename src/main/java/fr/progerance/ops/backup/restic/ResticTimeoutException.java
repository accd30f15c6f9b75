package fr.progerance.ops.backup.restic;

import java.time.Duration;

/**
 * A restic call did not finish within its time-out setting; the process was destroyed (then killed).
 * Retryable. The lock the killed process leaves is stale and removed by {@link ResticLocks} later.
 */
public class ResticTimeoutException extends ResticException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final Duration timeout;

    public ResticTimeoutException(String message, String setting, Duration timeout) {
        super(message);
        this.setting = setting;
        this.timeout = timeout;
    }

    /** The setting that gave the time-out, e.g. {@code ops.backup.restic.transfer-timeout}. */
    public String setting() {
        return setting;
    }

    public Duration timeout() {
        return timeout;
    }
}
