package fr.progerance.ops.backup.transfer;

import java.time.Duration;
import java.util.Objects;

/**
 * What a backup or restore stream did.
 *
 * @param snapshotId the snapshot written (backup) or read (restore)
 * @param bytes bytes that went through the stream
 * @param dataAdded bytes added to the repository (backup; 0 for a restore)
 * @param took the whole transfer
 */
public record TransferResult(String snapshotId, long bytes, long dataAdded, Duration took) {

    public TransferResult {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(took, "took");
    }
}
