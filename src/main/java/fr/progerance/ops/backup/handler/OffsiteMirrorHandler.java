package fr.progerance.ops.backup.handler;

import fr.progerance.ops.backup.BackupMails;
import fr.progerance.ops.backup.BackupProcess;
import fr.progerance.ops.backup.BackupProcess.Elements;
import fr.progerance.ops.backup.BackupRun;
import fr.progerance.ops.backup.BackupRunStatus;
import fr.progerance.ops.backup.BackupRuns;
import fr.progerance.ops.backup.BackupSettings;
import fr.progerance.ops.backup.Failures;
import fr.progerance.ops.backup.OffsiteMirroring;
import fr.progerance.ops.engine.worker.ExternalTaskHandler;
import fr.progerance.ops.engine.worker.ExternalTaskWork;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Task_MirrorOffsite (topic {@code backup-offsite}, R3.6-a): mirrors the client's repository to the
 * off-site store after the run's snapshot, records the mirror, then the run as mirrored.
 */
@Component
public class OffsiteMirrorHandler implements ExternalTaskHandler {

    private final BackupRuns runs;
    private final OffsiteMirroring mirroring;
    private final BackupSettings settings;
    private final BackupMails mails;

    public OffsiteMirrorHandler(BackupRuns runs, OffsiteMirroring mirroring, BackupSettings settings,
            BackupMails mails) {
        this.runs = runs;
        this.mirroring = mirroring;
        this.settings = settings;
        this.mails = mails;
    }

    @Override
    public String topic() {
        return BackupProcess.Topics.OFFSITE;
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

    @Override
    public Map<String, Object> handle(ExternalTaskWork work) {
        BackupRun run = runs.ofProcessInstance(work.processInstanceId());
        if (run.getStatus() == BackupRunStatus.MIRRORED) {
            return Map.of();
        }
        if (run.getSnapshotId() == null) {
            throw new IllegalStateException("Run " + run.getId() + " has no verified snapshot to mirror");
        }
        try {
            mirroring.mirror(run.getClientId());
            runs.mirrored(run.getId());
            return Map.of();
        } catch (RuntimeException e) {
            runs.attemptFailed(run.getId(), Elements.MIRROR, Failures.message(e));
            throw e;
        }
    }

    @Override
    public boolean retryable(Exception failure) {
        return Failures.retryable(failure);
    }

    @Override
    public void onRetriesExhausted(ExternalTaskWork work, Exception failure) {
        BackupRun run = runs.failed(runs.ofProcessInstance(work.processInstanceId()).getId(), Elements.MIRROR,
                Failures.message(failure));
        mails.runFailed(run, runs.server(run.getServerId()).getName(), Elements.MIRROR, Failures.message(failure));
    }
}
