package fr.progerance.ops.backup.handler;

import fr.progerance.ops.backup.BackupProcess;
import fr.progerance.ops.backup.BackupProcess.Elements;
import fr.progerance.ops.backup.BackupRun;
import fr.progerance.ops.backup.BackupRunStatus;
import fr.progerance.ops.backup.BackupRuns;
import fr.progerance.ops.backup.BackupMails;
import fr.progerance.ops.backup.BackupSettings;
import fr.progerance.ops.backup.Failures;
import fr.progerance.ops.backup.RepositoryLocator;
import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.backup.transfer.BackupSource;
import fr.progerance.ops.backup.transfer.BackupTransfer;
import fr.progerance.ops.backup.transfer.TransferResult;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.engine.worker.ExternalTaskHandler;
import fr.progerance.ops.engine.worker.ExternalTaskWork;
import fr.progerance.ops.remote.SshTarget;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Task_RunBackup (topic {@code backup-run}, R3.6-b): streams the server's data into a new snapshot
 * of the client's repository, tagged {@code server=<id>}, {@code kind=<kind>}, {@code run=<run id>}.
 * The run is recorded backed up only once restic lists that snapshot with those tags (DESIGN rule
 * 13). Idempotent: a run already backed up, or whose snapshot an earlier attempt saved before it
 * died, is not backed up again. The run is found by its process instance, never by a variable.
 */
@Component
public class BackupRunHandler implements ExternalTaskHandler {

    private final BackupRuns runs;
    private final BackupTransfer transfer;
    private final Restic restic;
    private final RepositoryLocator repositories;
    private final BackupSettings settings;
    private final BackupMails mails;

    public BackupRunHandler(BackupRuns runs, BackupTransfer transfer, Restic restic, RepositoryLocator repositories,
            BackupSettings settings, BackupMails mails) {
        this.runs = runs;
        this.transfer = transfer;
        this.restic = restic;
        this.repositories = repositories;
        this.settings = settings;
        this.mails = mails;
    }

    @Override
    public String topic() {
        return BackupProcess.Topics.RUN;
    }

    @Override
    public List<String> variables() {
        return List.of(BackupProcess.Vars.RUN_ID);
    }

    @Override
    public int attempts() {
        return settings.getRetry().getAttempts();
    }

    @Override
    public Duration retryTimeout() {
        return settings.getRetry().getInterval();
    }

    /** The tags of a run's snapshot. */
    public static List<String> tags(BackupRun run) {
        return List.of("server=" + run.getServerId(), "kind=" + run.getKind().tag(), "run=" + run.getId());
    }

    @Override
    public Map<String, Object> handle(ExternalTaskWork work) {
        BackupRun run = runs.ofProcessInstance(work.processInstanceId());
        if (run.getSnapshotId() != null
                && (run.getStatus() == BackupRunStatus.BACKED_UP || run.getStatus() == BackupRunStatus.MIRRORED)) {
            return Map.of(BackupProcess.Vars.SNAPSHOT_ID, run.getSnapshotId());
        }
        try {
            Server server = runs.server(run.getServerId());
            ResticRepository repository = repositories.repository(run.getClientId());
            List<String> tags = tags(run);
            Optional<ResticSnapshot> earlier = latest(restic.snapshots(repository, List.of("run=" + run.getId())));
            ResticSnapshot verified;
            TransferResult result;
            if (earlier.isPresent()) {
                // An earlier attempt saved the snapshot and died before recording it.
                verified = earlier.get();
                result = new TransferResult(verified.id(), restic.restoreSize(repository, verified.id()), 0,
                        Duration.ZERO);
            } else {
                result = transfer.backup(target(server), source(server, run), repository, tags);
                verified = restic.snapshots(repository, tags).stream()
                        .filter(s -> s.id().equals(result.snapshotId()) || s.id().startsWith(result.snapshotId()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("Snapshot " + result.snapshotId() + " of run "
                                + run.getId() + " is not listed by restic with the tags " + tags
                                + ": the backup is not recorded as done"));
            }
            BackupRun done = runs.backedUp(run.getId(), verified, result);
            return Map.of(BackupProcess.Vars.SNAPSHOT_ID, done.getSnapshotId());
        } catch (RuntimeException e) {
            runs.attemptFailed(run.getId(), Elements.RUN_BACKUP, Failures.message(e));
            throw e;
        }
    }

    @Override
    public boolean retryable(Exception failure) {
        return Failures.retryable(failure);
    }

    @Override
    public void onRetriesExhausted(ExternalTaskWork work, Exception failure) {
        BackupRun run = runs.failed(runs.ofProcessInstance(work.processInstanceId()).getId(), Elements.RUN_BACKUP,
                Failures.message(failure));
        mails.runFailed(run, runs.server(run.getServerId()).getName(), Elements.RUN_BACKUP, Failures.message(failure));
    }

    private static Optional<ResticSnapshot> latest(List<ResticSnapshot> snapshots) {
        return snapshots.stream().max(Comparator.comparing(ResticSnapshot::time));
    }

    static SshTarget target(Server server) {
        return new SshTarget(server.getAddress(), server.getSshPort(), server.getSshUser(),
                server.getHostKeyFingerprint());
    }

    /** R3.6-b: the database, the shop's files, or the whole server. */
    static BackupSource source(Server server, BackupRun run) {
        return switch (run.getKind()) {
            case DATABASE -> new BackupSource(run.getKind(), server.getDatabaseName());
            case FILES -> new BackupSource(run.getKind(), server.getInstallPath());
            case SERVER -> new BackupSource(run.getKind(), "/");
        };
    }
}
