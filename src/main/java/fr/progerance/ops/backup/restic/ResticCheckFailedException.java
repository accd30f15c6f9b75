package fr.progerance.ops.backup.restic;

/**
 * {@code restic check} found errors in the repository. Not retryable: damaged data needs a person
 * (R3.6-a: the off-site copy may hold the intact files). The message carries restic's findings.
 */
public class ResticCheckFailedException extends ResticException {

    private static final long serialVersionUID = 1L;

    private final String findings;

    public ResticCheckFailedException(String message, String findings) {
        super(message);
        this.findings = findings;
    }

    /** restic's report (bounded), as it printed it. */
    public String findings() {
        return findings;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
