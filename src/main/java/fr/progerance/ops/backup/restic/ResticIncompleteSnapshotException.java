package fr.progerance.ops.backup.restic;

import java.util.Optional;

/**
 * restic exit status 3: "snapshot created but some files could not be read". DESIGN rule 13: a
 * snapshot missing data is a failure, not a success with warnings. Not retryable without a person
 * (the unreadable source will not fix itself); the snapshot restic saved is named so that the caller
 * can forget it.
 */
public class ResticIncompleteSnapshotException extends ResticException {

    private static final long serialVersionUID = 1L;

    private final String snapshotId;

    public ResticIncompleteSnapshotException(String message, String snapshotId) {
        super(message);
        this.snapshotId = snapshotId;
    }

    /** The snapshot restic saved anyway (full id when it could be resolved), if restic named it. */
    public Optional<String> snapshotId() {
        return Optional.ofNullable(snapshotId);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
