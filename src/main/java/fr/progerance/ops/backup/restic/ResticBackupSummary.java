package fr.progerance.ops.backup.restic;

import java.time.Duration;
import java.util.Objects;

/**
 * The summary line of {@code restic backup --json}.
 *
 * @param snapshotId the new snapshot's full id
 * @param totalBytesProcessed bytes read from the source (the dump or tar stream)
 * @param dataAdded bytes added to the repository (after deduplication and compression)
 * @param took restic's own duration
 */
public record ResticBackupSummary(String snapshotId, long totalBytesProcessed, long dataAdded, Duration took) {

    public ResticBackupSummary {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(took, "took");
    }
}
