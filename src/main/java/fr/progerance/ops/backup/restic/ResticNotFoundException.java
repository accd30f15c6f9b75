package fr.progerance.ops.backup.restic;

/**
 * A snapshot id (or a path inside a snapshot) that the repository does not have. restic 0.14 only
 * prints "Ignoring ...: no matching ID found" for some commands and exits 0: the wrapper turns it
 * into this failure. Not retryable.
 */
public class ResticNotFoundException extends ResticException {

    private static final long serialVersionUID = 1L;

    public ResticNotFoundException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
