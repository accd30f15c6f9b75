package fr.progerance.ops.backup.restic;

/**
 * restic said "wrong password or no key found": the repository's password file does not open it.
 * Not retryable: a person must find the right password file (never guessed, never overwritten).
 */
public class ResticWrongPasswordException extends ResticException {

    private static final long serialVersionUID = 1L;

    public ResticWrongPasswordException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
