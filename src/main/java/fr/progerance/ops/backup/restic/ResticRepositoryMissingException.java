package fr.progerance.ops.backup.restic;

/**
 * No repository at the location (restic: "unable to open config file ... Is there a repository at
 * the following location?"). Not retryable: the repository must be created (initIfMissing) or the
 * backup volume mounted.
 */
public class ResticRepositoryMissingException extends ResticException {

    private static final long serialVersionUID = 1L;

    public ResticRepositoryMissingException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
