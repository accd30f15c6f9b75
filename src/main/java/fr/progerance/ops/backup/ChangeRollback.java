package fr.progerance.ops.backup;

import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.transfer.BackupTransfer;
import fr.progerance.ops.backup.transfer.RestoreDestination;
import fr.progerance.ops.backup.transfer.TransferResult;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.engine.worker.NonRetryableWork;
import fr.progerance.ops.remote.NonRetryable;
import fr.progerance.ops.remote.SshTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts a server back as it was before a risky change (an update): the snapshots of the change's own
 * {@link BackupTrigger#BEFORE_CHANGE} runs are streamed back to that server by the restore transfer
 * ({@link BackupTransfer#restore}, R3.6-d): {@code restic dump} into {@code mysql} for the shop's
 * database, into {@code tar -x} in the install path for its files. The caller names the runs it
 * found in its own record (DESIGN rule 11); every run is checked to be that server's, of that
 * trigger, and backed up. Restoring the same snapshot again is idempotent (the dump recreates its
 * tables, tar overwrites), so a retried rollback is safe. No client validation is asked: the change
 * itself was announced, and this undoes it.
 *
 * <p>Unlike the {@code Restore} process this is no client-requested restore (R3.6-d's 4 business
 * hours do not apply): it is the last step of the change that failed.
 */
@Component
public class ChangeRollback {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeRollback.class);

    /** A rollback that must not run: retrying cannot help (wrong runs, nowhere to restore). */
    public static final class RollbackRefused extends IllegalStateException implements NonRetryableWork, NonRetryable {

        private static final long serialVersionUID = 1L;

        RollbackRefused(String message) {
            super(message);
        }
    }

    /** One snapshot streamed back. */
    public record Restored(BackupKind kind, String runId, String snapshotId, String destination, long bytes) {

        /** One line for a report: {@code DATABASE snapshot 1a2b3c4d (run ...) -> shop_db}. */
        public String describe() {
            return kind + " snapshot " + snapshotId.substring(0, Math.min(8, snapshotId.length())) + " -> "
                    + destination;
        }
    }

    private final BackupRunRepository runs;
    private final ServerRepository servers;
    private final RepositoryLocator repositories;
    private final BackupTransfer transfer;

    public ChangeRollback(BackupRunRepository runs, ServerRepository servers, RepositoryLocator repositories,
            BackupTransfer transfer) {
        this.runs = runs;
        this.servers = servers;
        this.repositories = repositories;
        this.transfer = transfer;
    }

    /**
     * Streams the snapshots of {@code runIds} back to server {@code serverId}, the database first,
     * then the files.
     *
     * @throws RollbackRefused when a run is missing, of another server, not a BEFORE_CHANGE run, has no
     *     snapshot, or the register has nowhere to restore it (no retry)
     * @throws fr.progerance.ops.backup.transfer.BackupTransferException when a stream failed (retryable or not)
     */
    public List<Restored> restore(long serverId, List<String> runIds) {
        if (runIds == null || runIds.isEmpty()) {
            throw new RollbackRefused("No pre-change backup run to restore on server " + serverId);
        }
        Server server = servers.findById(serverId).orElseThrow(() -> new RollbackRefused("No server " + serverId));
        List<BackupRun> chosen = new ArrayList<>();
        EnumSet<BackupKind> kinds = EnumSet.noneOf(BackupKind.class);
        for (String runId : runIds) {
            BackupRun run = runs.findById(runId).orElseThrow(() -> new RollbackRefused("No backup run " + runId));
            if (run.getServerId() != serverId) {
                throw new RollbackRefused("Backup run " + runId + " is server " + run.getServerId() + "'s, not server "
                        + serverId + "'s: nothing is restored");
            }
            if (run.getTrigger() != BackupTrigger.BEFORE_CHANGE) {
                throw new RollbackRefused("Backup run " + runId + " was taken for " + run.getTrigger()
                        + ", not before the change: nothing is restored");
            }
            if (run.getSnapshotId() == null || !EnumSet.of(BackupRunStatus.BACKED_UP, BackupRunStatus.MIRRORED)
                    .contains(run.getStatus())) {
                throw new RollbackRefused("Backup run " + runId + " (" + run.getKind() + ") is " + run.getStatus()
                        + " without a verified snapshot: nothing is restored");
            }
            if (!chosen.isEmpty() && chosen.get(0).getClientId() != run.getClientId()) {
                throw new RollbackRefused("Backup runs " + chosen.get(0).getId() + " and " + runId
                        + " are in different clients' repositories: nothing is restored");
            }
            if (run.getKind() == BackupKind.SERVER || !kinds.add(run.getKind())) {
                throw new RollbackRefused("A rollback restores one DATABASE and one FILES snapshot at most; run "
                        + runId + " is " + run.getKind());
            }
            chosen.add(run);
        }
        chosen.sort(Comparator.comparing(BackupRun::getKind));
        // The repository the runs wrote their snapshots into (one per client, R8.2).
        ResticRepository repository = repositories.repository(chosen.get(0).getClientId());
        SshTarget target = new SshTarget(server.getAddress(), server.getSshPort(), server.getSshUser(),
                server.getHostKeyFingerprint());
        List<Restored> restored = new ArrayList<>();
        for (BackupRun run : chosen) {
            String name = run.getKind() == BackupKind.DATABASE ? server.getDatabaseName() : server.getInstallPath();
            if (name == null || name.isBlank()) {
                throw new RollbackRefused("Server " + server.getName() + " has no " + (run.getKind() == BackupKind.DATABASE
                        ? "database name" : "install path") + " in the register: nowhere to restore");
            }
            TransferResult result = transfer.restore(target, repository, run.getSnapshotId(),
                    new RestoreDestination(run.getKind(), name));
            LOG.info("Rollback of server {}: {} snapshot {} of run {} streamed back to {} ({} bytes)", serverId,
                    run.getKind(), run.getSnapshotId(), run.getId(), name, result.bytes());
            restored.add(new Restored(run.getKind(), run.getId(), run.getSnapshotId(), name, result.bytes()));
        }
        return restored;
    }
}
