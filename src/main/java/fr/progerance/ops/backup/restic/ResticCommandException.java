package fr.progerance.ops.backup.restic;

/**
 * restic exited with a failure status that no more specific exception explains (a full disk, an
 * I/O error, a damaged pack...). Carries the exit status and the start of restic's standard error.
 * Retryable: the job retries, then raises an incident with this message.
 */
public class ResticCommandException extends ResticException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public ResticCommandException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public ResticCommandException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** restic's exit status, or -1 when restic did not get to exit on its own. */
    public int exitCode() {
        return exitCode;
    }
}
