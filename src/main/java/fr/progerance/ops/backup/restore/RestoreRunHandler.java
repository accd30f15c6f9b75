package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.restic.ResticException;
import fr.progerance.ops.backup.restore.RestoreProcess.Vars;
import fr.progerance.ops.backup.transfer.BackupTransferException;
import fr.progerance.ops.engine.worker.ExternalTaskHandler;
import fr.progerance.ops.engine.worker.ExternalTaskWork;
import fr.progerance.ops.engine.worker.NonRetryableWork;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.ClientDecisions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Task_RunRestore, topic {@value RestoreProcess#TOPIC_RUN} (R3.6-d, DESIGN rule 5): {@code restic
 * dump} streams the snapshot back over SSH into {@code mysql} (a database) or {@code tar -x} (files,
 * server) on the server, through {@code BackupTransfer.restore}. Each attempt first reads the
 * decision record: nothing is restored without an APPROVED validation, whatever the variables say
 * (rule 11). Restoring the same snapshot again is idempotent (the dump recreates its tables, tar
 * overwrites), so a retried attempt is safe. Failures retry ({@code ops.backup.restore.attempts},
 * {@code retry-timeout}), then the incident and a mail to ops.
 */
@Component
public class RestoreRunHandler implements ExternalTaskHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreRunHandler.class);

    private final RestoreService restores;
    private final ClientDecisions decisions;
    private final RestorePorts ports;
    private final RestoreMails mails;
    private final RestoreSettings settings;

    public RestoreRunHandler(RestoreService restores, ClientDecisions decisions, RestorePorts ports, RestoreMails mails,
            RestoreSettings settings) {
        this.restores = restores;
        this.decisions = decisions;
        this.ports = ports;
        this.mails = mails;
        this.settings = settings;
    }

    @Override
    public String topic() {
        return RestoreProcess.TOPIC_RUN;
    }

    @Override
    public List<String> variables() {
        return List.of(Vars.RESTORE_ID);
    }

    @Override
    public Duration lockDuration() {
        return settings.getLockDuration();
    }

    @Override
    public int attempts() {
        return settings.getAttempts();
    }

    @Override
    public Duration retryTimeout() {
        return settings.getRetryTimeout();
    }

    @Override
    public Map<String, Object> handle(ExternalTaskWork work) {
        long id = work.requiredId(Vars.RESTORE_ID);
        RestoreRequest r = restores.get(id);
        if (!work.processInstanceId().equals(r.getProcessInstanceId())) {
            throw new RestoreService.RestoreRefused("Restore " + id + " belongs to process instance "
                    + r.getProcessInstanceId() + ", not " + work.processInstanceId());
        }
        ClientDecision decision = r.getDecisionId() == null ? null : decisions.find(r.getDecisionId()).orElse(null);
        RestoreService.RunPlan plan = restores.start(id, decision);
        var result = ports.transfer().restore(plan.server(), plan.repository(), plan.snapshotId(), plan.destination());
        LOG.info("Restore {}: snapshot {} streamed back to {} ({} bytes in {})", id, plan.snapshotId(),
                plan.destination(), result.bytes(), result.took());
        return Map.of();
    }

    @Override
    public boolean retryable(Exception failure) {
        if (failure instanceof NonRetryableWork) {
            return false;
        }
        if (failure instanceof BackupTransferException e) {
            return e.retryable();
        }
        if (failure instanceof ResticException e) {
            return e.retryable();
        }
        return true;
    }

    @Override
    public void onRetriesExhausted(ExternalTaskWork work, Exception failure) {
        long id = work.requiredId(Vars.RESTORE_ID);
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        restores.failed(id, message);
        mails.failed(restores.context(id), message);
    }
}
