package fr.progerance.ops.backup.transfer;

import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.remote.SshTarget;
import java.util.List;

/**
 * Moves data between a client server and its restic repository (R3.6-b, R3.6-d): a dump or tar
 * stream read over SSH straight into {@code restic backup --stdin}, and back with
 * {@code restic dump} into {@code mysql} or {@code tar -x} on the server. Nothing is written to a
 * local temporary file.
 *
 * <p>DESIGN rule 13: the remote exit status and standard error are checked, and a stream that
 * ended early (an SSH drop, a dump without its completion line) is a failure. A failed backup never
 * leaves a snapshot that looks good: the snapshot restic saved from the broken stream is forgotten
 * before {@link BackupTransferException} is thrown.
 */
public interface BackupTransfer {

    /**
     * Streams {@code source} from the server into a new snapshot tagged with {@code tags}.
     *
     * @throws BackupTransferException when the remote command, the stream or restic failed (the
     *     snapshot of that stream, if any, is forgotten first)
     */
    TransferResult backup(SshTarget server, BackupSource source, ResticRepository repository, List<String> tags);

    /**
     * Streams one snapshot back to the server into {@code destination}.
     *
     * @throws BackupTransferException when restic, the stream or the remote command failed
     */
    TransferResult restore(SshTarget server, ResticRepository repository, String snapshotId,
            RestoreDestination destination);
}
