package fr.progerance.ops.backup;

import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.backup.transfer.TransferResult;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The run records (DESIGN rules 11 and 13): created when a run starts, marked backed up only with
 * a snapshot restic listed with the run's tags, mirrored once the off-site copy holds it, failed
 * once a step has no retries left. Each write is its own short transaction (the handlers run on the
 * worker's threads, outside the engine's transactions); metrics move after commit.
 */
@Service
public class BackupRuns {

    private final BackupRunRepository runs;
    private final OffsiteMirrorRepository mirrors;
    private final ServerRepository servers;
    private final ContractClock clock;
    private final BackupMetrics metrics;

    public BackupRuns(BackupRunRepository runs, OffsiteMirrorRepository mirrors, ServerRepository servers,
            ContractClock clock, BackupMetrics metrics) {
        this.runs = runs;
        this.mirrors = mirrors;
        this.servers = servers;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The server, or 404. */
    @Transactional(readOnly = true)
    public Server server(long serverId) {
        return servers.findById(serverId).orElseThrow(() -> new NotFoundException("Server", serverId));
    }

    /** The client whose repository holds the server's backups. */
    @Transactional(readOnly = true)
    public long clientOf(long serverId) {
        return server(serverId).getContract().getClientId();
    }

    /** Whether a run of that server and kind is alive (its process has not ended). */
    @Transactional(readOnly = true)
    public boolean running(long serverId, BackupKind kind) {
        return runs.existsByServerIdAndKindAndActiveSlotIsNotNull(serverId, kind);
    }

    /**
     * The run of a process instance, created when missing (idempotent: a retried job finds the one
     * it created). Inside the caller's transaction, so the run and its process start commit together.
     *
     * @throws IllegalStateException when another run of the server and kind is alive (the unique
     *     slot refuses a second one)
     */
    @Transactional
    public BackupRun open(String processInstanceId, String businessKey, long serverId, BackupKind kind,
            BackupTrigger trigger) {
        Optional<BackupRun> existing = runs.findByProcessInstanceId(processInstanceId);
        if (existing.isPresent()) {
            return existing.get();
        }
        long clientId = clientOf(serverId);
        if (running(serverId, kind)) {
            throw new IllegalStateException("A " + kind + " backup of server " + serverId
                    + " is already running; one run per server and kind at a time");
        }
        BackupRun run = new BackupRun(UUID.randomUUID().toString(), serverId, clientId, kind, trigger,
                processInstanceId, businessKey, clock.instant());
        return runs.saveAndFlush(run);
    }

    @Transactional(readOnly = true)
    public Optional<BackupRun> byProcessInstance(String processInstanceId) {
        return runs.findByProcessInstanceId(processInstanceId);
    }

    /** The run of a process instance, which Task_PrepareBackupRun created. */
    @Transactional(readOnly = true)
    public BackupRun ofProcessInstance(String processInstanceId) {
        return runs.findByProcessInstanceId(processInstanceId).orElseThrow(() -> new IllegalStateException(
                "No backup run record for process instance " + processInstanceId));
    }

    /**
     * DESIGN rule 13: the snapshot exists (restic listed it with the run's tags); now the run is
     * backed up.
     */
    @Transactional
    public BackupRun backedUp(String runId, ResticSnapshot verified, TransferResult transfer) {
        BackupRun run = get(runId);
        if (run.getStatus() == BackupRunStatus.BACKED_UP || run.getStatus() == BackupRunStatus.MIRRORED) {
            return run;
        }
        run.backedUp(verified.id(), verified.time(), transfer.bytes(), transfer.dataAdded(), clock.instant());
        metrics.backedUp(run);
        return run;
    }

    /** One failed attempt of a step: its message is kept for the status page; the run keeps running. */
    @Transactional
    public void attemptFailed(String runId, String step, String message) {
        get(runId).attemptFailed(step, message, clock.instant());
    }

    /** A step has no retries left: a Camunda incident exists. */
    @Transactional
    public BackupRun failed(String runId, String step, String message) {
        BackupRun run = get(runId);
        run.failed(step, message, clock.instant());
        metrics.failed(run);
        return run;
    }

    /** The off-site mirror of the run's repository succeeded after the run's snapshot. */
    @Transactional
    public BackupRun mirrored(String runId) {
        BackupRun run = get(runId);
        if (run.getStatus() != BackupRunStatus.MIRRORED) {
            run.mirrored(clock.instant());
            metrics.changed(run.getServerId());
        }
        return run;
    }

    /**
     * R3.6-a: a mirror of the client's repository that started at {@code startedAt} succeeded:
     * every snapshot taken before it is off-site.
     */
    @Transactional
    public void mirrorSucceeded(long clientId, String remoteName, Instant startedAt, Instant finishedAt, int files,
            long bytes) {
        OffsiteMirror mirror = mirrors.findById(clientId).orElseGet(() -> new OffsiteMirror(clientId, remoteName));
        mirror.succeeded(remoteName, startedAt, finishedAt, files, bytes);
        mirrors.save(mirror);
        metrics.clientChanged(clientId);
    }

    @Transactional
    public void mirrorFailed(long clientId, String remoteName, String message) {
        OffsiteMirror mirror = mirrors.findById(clientId).orElseGet(() -> new OffsiteMirror(clientId, remoteName));
        mirror.failed(message, clock.instant());
        mirrors.save(mirror);
    }

    /** The last successful mirror's start of the client's repository, if any. */
    @Transactional(readOnly = true)
    public Optional<OffsiteMirror> mirror(long clientId) {
        return mirrors.findById(clientId);
    }

    /**
     * The run's process ended (its end event, or a cancellation in Cockpit): the slot is free. A run
     * that never got its snapshot mirrored is failed, with the reason.
     */
    @Transactional
    public void processEnded(String processInstanceId, String reason) {
        runs.findByProcessInstanceId(processInstanceId).ifPresent(run -> {
            if (run.getStatus() == BackupRunStatus.RUNNING || run.getStatus() == BackupRunStatus.BACKED_UP) {
                run.failed("process", reason, clock.instant());
                metrics.failed(run);
            }
            run.released(clock.instant());
        });
    }

    /** The client ids that have a repository with backups. */
    @Transactional(readOnly = true)
    public List<Long> clientsWithBackups() {
        return runs.findClientIds();
    }

    /** The server's latest failures, newest first. */
    @Transactional(readOnly = true)
    public List<BackupRun> lastFailures(long serverId) {
        return runs.findTop10ByServerIdAndFailureMessageIsNotNullOrderByFailedAtDesc(serverId);
    }

    @Transactional(readOnly = true)
    public BackupRun get(String runId) {
        return runs.findById(runId).orElseThrow(() -> new IllegalStateException("No backup run " + runId));
    }
}
