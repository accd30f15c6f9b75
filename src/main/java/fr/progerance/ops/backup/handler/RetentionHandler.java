package fr.progerance.ops.backup.handler;

import fr.progerance.ops.backup.BackupHolds;
import fr.progerance.ops.backup.BackupMails;
import fr.progerance.ops.backup.BackupRuns;
import fr.progerance.ops.backup.BackupScheduleProcess;
import fr.progerance.ops.backup.BackupSettings;
import fr.progerance.ops.backup.Failures;
import fr.progerance.ops.backup.OffsiteMirroring;
import fr.progerance.ops.backup.RepositoryLocator;
import fr.progerance.ops.backup.RetentionPolicy;
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
 * Task_ApplyRetention (topic {@code backup-retention}, R3.6-c, R8.2): per client repository, the
 * snapshots older than {@code ops.backup.retention.keep} counted back from now and under no active
 * hold are forgotten and pruned ({@link RetentionPolicy}; never restic's {@code --keep-within}),
 * then the repository is mirrored so that the off-site copy follows.
 */
@Component
public class RetentionHandler implements ExternalTaskHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionHandler.class);

    private final BackupRuns runs;
    private final BackupHolds holds;
    private final Restic restic;
    private final RepositoryLocator repositories;
    private final OffsiteMirroring mirroring;
    private final BackupSettings settings;
    private final ContractClock clock;
    private final BackupMails mails;

    public RetentionHandler(BackupRuns runs, BackupHolds holds, Restic restic, RepositoryLocator repositories,
            OffsiteMirroring mirroring, BackupSettings settings, ContractClock clock, BackupMails mails) {
        this.runs = runs;
        this.holds = holds;
        this.restic = restic;
        this.repositories = repositories;
        this.mirroring = mirroring;
        this.settings = settings;
        this.clock = clock;
        this.mails = mails;
    }

    @Override
    public String topic() {
        return BackupScheduleProcess.Topics.RETENTION;
    }

    @Override
    public List<String> variables() {
        return List.of();
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
        RetentionPolicy policy = new RetentionPolicy(settings.getRetention().getKeep(), clock.zone());
        ScheduledJobs.perClient("Retention", runs.clientsWithBackups(), clientId -> apply(policy, clientId), LOG);
        return Map.of();
    }

    /** R3.6-c for one client's repository. */
    public RetentionPolicy.Decision apply(RetentionPolicy policy, long clientId) {
        ResticRepository repository = repositories.repository(clientId);
        if (!restic.exists(repository)) {
            // A run recorded but never prepared (its repository was never created): nothing to keep.
            return new RetentionPolicy.Decision(clock.instant(), List.of(), List.of());
        }
        RetentionPolicy.Decision decision = policy.decide(restic.snapshots(repository, List.of()),
                holds.facts(clientId), clock.instant());
        if (!decision.forget().isEmpty()) {
            restic.forget(repository, decision.forgetIds(), true);
            mirroring.mirror(clientId);
        }
        LOG.info("Retention of client {}: {} snapshots taken before {} forgotten, {} kept by a hold", clientId,
                decision.forget().size(), decision.cutoff(), decision.held().size());
        return decision;
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
