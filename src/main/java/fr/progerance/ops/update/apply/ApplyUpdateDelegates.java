package fr.progerance.ops.update.apply;

import fr.progerance.ops.update.ShopUpdate;
import fr.progerance.ops.update.UpdateService;
import fr.progerance.ops.update.apply.ApplyUpdateProcess.Vars;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates of {@code ApplyUpdate} (RD-ps, R4.0-c, R4.3-p2): each reads the update id,
 * calls {@link UpdateService} (or the checks, the mails), and writes the few variables that steer
 * the flow, copied from the records (DESIGN rule 11).
 */
@Configuration(proxyBeanMethods = false)
public class ApplyUpdateDelegates {

    /**
     * Task_PrepareUpdate: the instance claims the SCHEDULED record (R4.0-c: a major update's quote is
     * APPROVED on the quote record); the window's start and the R4.3-p2 time limit for the timers.
     */
    @Bean
    JavaDelegate prepareUpdateDelegate(UpdateService updates, UpdateDeadlines deadlines) {
        return execution -> {
            long id = updateId(execution);
            ShopUpdate u = updates.claim(id, execution.getProcessInstanceId());
            UpdateService.Context ctx = updates.context(id);
            execution.setVariable(Vars.SERVER_ID, u.getServerId());
            execution.setVariable(Vars.WINDOW_START, Date.from(u.getWindowStart()));
            execution.setVariable(Vars.TIME_LIMIT, Date.from(deadlines.timeLimit(u, ctx.server())));
        };
    }

    /** Task_TellClientBefore: the French notice of the window. */
    @Bean
    JavaDelegate tellClientBeforeDelegate(UpdateService updates, UpdateMails mails) {
        return execution -> mails.before(updates.context(updateId(execution)));
    }

    /** Task_MarkUpdateRunning: RUNNING; the pre-update backup is awaited until now + backup-wait. */
    @Bean
    JavaDelegate markUpdateRunningDelegate(UpdateService updates, UpdateDeadlines deadlines) {
        return execution -> {
            updates.started(updateId(execution));
            execution.setVariable(Vars.BACKUP_UNTIL, Date.from(deadlines.backupUntil()));
        };
    }

    /**
     * Task_CheckPreUpdateBackup (DESIGN rule 11): what the called Backup instances' run records say;
     * both kinds saved, they go on the update record (the rollback restores them).
     */
    @Bean
    JavaDelegate checkPreUpdateBackupDelegate(UpdateService updates, PreUpdateBackups backups) {
        return execution -> {
            long id = updateId(execution);
            ShopUpdate u = updates.record(id);
            Optional<PreUpdateBackups.Saved> saved = backups.of(execution.getProcessInstanceId(), u.getServerId(), id);
            saved.ifPresent(s -> updates.backedUp(id, s.database().getId(), s.files().getId()));
            execution.setVariable(Vars.BACKED_UP, saved.isPresent());
        };
    }

    /** Task_RecordUpdateNotRun: no update without its backup; NOT_DONE with what the runs say. */
    @Bean
    JavaDelegate recordUpdateNotRunDelegate(UpdateService updates, PreUpdateBackups backups) {
        return execution -> {
            long id = updateId(execution);
            ShopUpdate u = updates.record(id);
            updates.notRun(id, "No update without its backup: the pre-update backup (database and files) was not"
                    + " done in time, so the update was not run and nothing was sent to the server. "
                    + backups.describe(execution.getProcessInstanceId(), u.getServerId(), id));
        };
    }

    /** Task_VerifyUpdate (DESIGN rule 13): the shop answers and reports the target; the findings on the record. */
    @Bean
    JavaDelegate verifyUpdateDelegate(UpdateService updates, UpdateChecks checks) {
        return execution -> {
            long id = updateId(execution);
            UpdateService.Context ctx = updates.context(id);
            UpdateChecks.Findings f = checks.afterUpdate(ctx.update(), ctx.server());
            updates.checked(id, f.versionRead(), f.text(), f.healthy());
            execution.setVariable(Vars.VERIFIED, f.healthy());
        };
    }

    /** Task_RecordUpdateDone: final DONE. */
    @Bean
    JavaDelegate recordUpdateDoneDelegate(UpdateService updates) {
        return execution -> updates.done(updateId(execution));
    }

    /** Task_WarnWindowTimeLimit (R4.3-p2): ops and managers, the work goes on. */
    @Bean
    JavaDelegate warnWindowTimeLimitDelegate(UpdateService updates, UpdateMails mails) {
        return execution -> mails.timeLimitPassed(updates.context(updateId(execution)));
    }

    /** Task_TellClientAfter: the outcome the record says (done, rolled back, not run). */
    @Bean
    JavaDelegate tellClientAfterDelegate(UpdateService updates, UpdateMails mails) {
        return execution -> mails.after(updates.context(updateId(execution)));
    }

    static long updateId(DelegateExecution execution) {
        Object value = execution.getVariable(Vars.UPDATE_ID);
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new ProcessEngineException("Variable '" + Vars.UPDATE_ID + "' is required (a number), got " + value);
    }
}
