package fr.progerance.ops.backup.handler;

import fr.progerance.ops.backup.BackupMails;
import fr.progerance.ops.backup.BackupRuns;
import fr.progerance.ops.backup.BackupScheduleProcess;
import fr.progerance.ops.backup.BackupSettings;
import fr.progerance.ops.backup.Failures;
import fr.progerance.ops.backup.RepositoryLocator;
import fr.progerance.ops.backup.offsite.OffsiteStore;
import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.engine.worker.ExternalTaskHandler;
import fr.progerance.ops.engine.worker.ExternalTaskWork;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Task_CheckIntegrity (topic {@code backup-check}, R3.6-a): per client repository,
 * {@code restic check --read-data-subset n/m} locally and {@code OffsiteStore.check} of subset n of
 * m of the off-site copy (when one was mirrored), n rotating each week so that every subset is read
 * within m weeks ({@code ops.backup.check.subsets}). Any problem fails the job: it retries, then
 * becomes an incident and a mail to ops.
 */
@Component
public class IntegrityCheckHandler implements ExternalTaskHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrityCheckHandler.class);

    private final BackupRuns runs;
    private final Restic restic;
    private final OffsiteStore offsite;
    private final RepositoryLocator repositories;
    private final BackupSettings settings;
    private final ContractClock clock;
    private final BackupMails mails;

    public IntegrityCheckHandler(BackupRuns runs, Restic restic, OffsiteStore offsite, RepositoryLocator repositories,
            BackupSettings settings, ContractClock clock, BackupMails mails) {
        this.runs = runs;
        this.restic = restic;
        this.offsite = offsite;
        this.repositories = repositories;
        this.settings = settings;
        this.clock = clock;
        this.mails = mails;
    }

    @Override
    public String topic() {
        return BackupScheduleProcess.Topics.CHECK;
    }

    @Override
    public List<String> variables() {
        return List.of();
    }

    @Override
    public Duration lockDuration() {
        return Duration.ofMinutes(10);
    }

    @Override
    public int attempts() {
        return settings.getRetry().getAttempts();
    }

    @Override
    public Duration retryTimeout() {
        return settings.getRetry().getInterval();
    }

    /** This week's subset, 1 to m. */
    public int subset() {
        int m = settings.getCheck().getSubsets();
        return (int) Math.floorMod(clock.weekIndex(), (long) m) + 1;
    }

    @Override
    public Map<String, Object> handle(ExternalTaskWork work) {
        int m = settings.getCheck().getSubsets();
        int n = subset();
        ScheduledJobs.perClient("Integrity check " + n + "/" + m, runs.clientsWithBackups(), clientId -> {
            ResticRepository repository = repositories.repository(clientId);
            if (!restic.exists(repository)) {
                return;
            }
            restic.check(repository, n + "/" + m);
            if (runs.mirror(clientId).map(x -> x.getLastSuccessStartedAt() != null).orElse(false)) {
                OffsiteStore.OffsiteCheckReport report = offsite.check(repository.location(),
                        repositories.offsiteName(clientId), n, m);
                if (!report.sound()) {
                    throw new IllegalStateException("off-site copy " + repositories.offsiteName(clientId) + ": "
                            + String.join("; ", report.problems()));
                }
            }
        }, LOG);
        return Map.of();
    }

    @Override
    public boolean retryable(Exception failure) {
        return Failures.retryable(failure);
    }

    @Override
    public void onRetriesExhausted(ExternalTaskWork work, Exception failure) {
        mails.scheduledJobFailed(topic(), work.processInstanceId(), Failures.message(failure));
    }
}
