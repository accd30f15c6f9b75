package fr.progerance.ops.backup.restic;

/**
 * The restic binary is missing, cannot be run, prints a version that cannot be read, or is older
 * than {@code ops.backup.restic.minimum-version}. Not retryable: a person installs restic.
 */
public class ResticVersionException extends ResticException {

    private static final long serialVersionUID = 1L;

    public ResticVersionException(String message) {
        super(message);
    }

    public ResticVersionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
