package fr.progerance.ops.backup.restic;

/**
 * A repository's password file is missing, not a regular file, or readable by group or others
 * (DESIGN rule 6: 0600 only). Not retryable: a person fixes the file. The message names the file,
 * never its content.
 */
public class ResticPasswordFileException extends ResticException {

    private static final long serialVersionUID = 1L;

    public ResticPasswordFileException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
