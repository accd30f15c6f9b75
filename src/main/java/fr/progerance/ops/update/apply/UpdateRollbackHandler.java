package fr.progerance.ops.update.apply;

import fr.progerance.ops.backup.ChangeRollback;
import fr.progerance.ops.backup.restic.ResticException;
import fr.progerance.ops.backup.transfer.BackupTransferException;
import fr.progerance.ops.engine.worker.ExternalTaskHandler;
import fr.progerance.ops.engine.worker.ExternalTaskWork;
import fr.progerance.ops.update.ShopUpdate;
import fr.progerance.ops.update.UpdateService;
import fr.progerance.ops.update.UpdateSettings;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.apply.ApplyUpdateProcess.Vars;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Task_RollBackUpdate, topic {@value ApplyUpdateProcess.Topics#ROLLBACK} (RD-ps, DESIGN rules 5, 11
 * and 13): the pre-update snapshots the update's own Backup runs recorded (read from the update
 * record, never a variable) are streamed back by {@link ChangeRollback} (database, then files); then
 * the shop must answer and its files report the version of before. Only then is the update
 * ROLLED_BACK, with why. Restoring the same snapshots again is idempotent, so a retried attempt is
 * safe. Failures retry ({@code ops.update.apply.rollback.*}), then a Camunda incident, the update
 * FAILED and a mail to ops.
 */
@Component
public class UpdateRollbackHandler implements ExternalTaskHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateRollbackHandler.class);

    /** Restored, but the shop is not as it was: retried, then ops act. */
    static final class RollbackNotConfirmed extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        RollbackNotConfirmed(String message) {
            super(message);
        }
    }

    private final UpdateService updates;
    private final ChangeRollback rollback;
    private final UpdateChecks checks;
    private final UpdateMails mails;
    private final UpdateSettings settings;

    public UpdateRollbackHandler(UpdateService updates, ChangeRollback rollback, UpdateChecks checks, UpdateMails mails,
            UpdateSettings settings) {
        this.updates = updates;
        this.rollback = rollback;
        this.checks = checks;
        this.mails = mails;
        this.settings = settings;
    }

    @Override
    public String topic() {
        return ApplyUpdateProcess.Topics.ROLLBACK;
    }

    @Override
    public List<String> variables() {
        return List.of(Vars.UPDATE_ID);
    }

    @Override
    public Duration lockDuration() {
        return settings.getApply().getRollback().getLockDuration();
    }

    @Override
    public int attempts() {
        return settings.getApply().getRollback().getAttempts();
    }

    @Override
    public Duration retryTimeout() {
        return settings.getApply().getRollback().getRetryTimeout();
    }

    @Override
    public Map<String, Object> handle(ExternalTaskWork work) {
        long id = work.requiredId(Vars.UPDATE_ID);
        ShopUpdate u = UpdateRunHandler.own(updates, id, work);
        if (!EnumSet.of(UpdateStatus.RUNNING, UpdateStatus.FAILED).contains(u.getStatus()) || u.getBackedUpAt() == null) {
            throw new UpdateRunHandler.UpdateRefused("Update " + id + " is " + u.getStatus()
                    + (u.getBackedUpAt() == null ? " without a pre-update backup on record" : "")
                    + ": there is nothing to roll back to");
        }
        List<ChangeRollback.Restored> restored = rollback.restore(u.getServerId(),
                List.of(u.getDatabaseBackupRun(), u.getFilesBackupRun()));
        String report = restored.stream().map(ChangeRollback.Restored::describe).collect(Collectors.joining(", "));
        UpdateService.Context ctx = updates.context(id);
        UpdateChecks.Findings f = checks.afterRollback(ctx.update(), ctx.server());
        if (!f.healthy()) {
            throw new RollbackNotConfirmed("Restored " + report + ", but the shop is not as before the update: "
                    + f.text());
        }
        updates.rolledBack(id, "restored " + report + "; " + f.text(), f.versionRead());
        LOG.info("Update {} of server {} rolled back: {}", id, u.getServerId(), report);
        return Map.of();
    }

    @Override
    public boolean retryable(Exception failure) {
        if (UpdateRunHandler.nonRetryable(failure)) {
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
        long id = work.requiredId(Vars.UPDATE_ID);
        ShopUpdate u = updates.record(id);
        if (!work.processInstanceId().equals(u.getProcessInstanceId())
                || !EnumSet.of(UpdateStatus.RUNNING, UpdateStatus.FAILED).contains(u.getStatus())) {
            return; // not this instance's update, or already final
        }
        updates.rollbackFailed(id, UpdateRunHandler.describe(failure));
        mails.rollbackFailed(updates.context(id));
    }
}
