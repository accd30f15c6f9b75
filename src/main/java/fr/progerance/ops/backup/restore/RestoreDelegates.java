package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.restore.RestoreProcess.Messages;
import fr.progerance.ops.backup.restore.RestoreProcess.Vars;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.notify.Answer;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.DecisionRequest;
import fr.progerance.ops.notify.DecisionStatus;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates and task listeners of {@code Restore} (R3.6-d, R3.6-e, R4.3-t3): each reads
 * the restore id, calls {@link RestoreService} (or notify), and writes the few variables that steer
 * the flow, copied from the records (DESIGN rule 11).
 */
@Configuration(proxyBeanMethods = false)
public class RestoreDelegates {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /**
     * Task_RegisterRestoreRequest. From the API the record exists and its id is the business key:
     * the instance claims it (a record already handled is refused, so a direct start cannot skip
     * the API's checks). From Tasklist's start form it registers a new record (server, reason, the
     * starting user). Refusals show on the start form (400).
     */
    @Bean
    JavaDelegate registerRestoreDelegate(RestoreService restores, RestoreSettings settings, ContractClock clock) {
        return execution -> {
            String businessKey = execution.getProcessBusinessKey();
            RestoreRequest r;
            try {
                if (businessKey != null && businessKey.matches("[0-9]{1,18}")
                        && restores.find(Long.parseLong(businessKey)).isPresent()) {
                    r = restores.claim(Long.parseLong(businessKey), execution.getProcessInstanceId());
                } else {
                    r = restores.register(TaskValues.number(execution::getVariable, Vars.SERVER_ID),
                            TaskValues.text(execution, Vars.REASON), TaskValues.text(execution, Vars.REQUESTED_BY));
                    r = restores.claim(r.getId(), execution.getProcessInstanceId());
                }
            } catch (InvalidInputException | NotFoundException | IllegalStateException
                    | ProcessEngineException e) {
                throw new FormRefusal(e.getMessage());
            }
            RestoreService.Context ctx = restores.context(r.getId());
            execution.setProcessBusinessKey(String.valueOf(r.getId()));
            execution.setVariable(Vars.RESTORE_ID, r.getId());
            execution.setVariable(Vars.SERVER_ID, r.getServerId());
            execution.setVariable(Vars.SERVER_NAME, ctx.server().getName());
            execution.setVariable(Vars.CLIENT_NAME, ctx.client().getCompanyName());
            execution.setVariable(Vars.REASON, r.getReason());
            execution.setVariable(Vars.BACKUP_POINT_CHOSEN, r.getSnapshotId() != null);
            execution.setVariable(Vars.BACKUP_POINT, label(r, clock));
            execution.setVariable(Vars.CHOICE_DUE, Date.from(clock.after(settings.getChoiceTime()).toInstant()));
        };
    }

    /** Task_ListBackupPoints (restic): the server's snapshots become the choice's select options. */
    @Bean
    JavaDelegate listBackupPointsDelegate(RestoreService restores, BackupPoints backupPoints) {
        return execution -> {
            long id = TaskValues.restoreId(execution);
            var points = restores.backupPoints(id);
            if (points.isEmpty()) {
                throw new ProcessEngineException("Server " + TaskValues.text(execution, Vars.SERVER_NAME)
                        + " has no backup point in its client's repository: nothing to restore from (R3.6-b)");
            }
            execution.setVariable(Vars.BACKUP_POINT_OPTIONS, FormOptionsJson.value(backupPoints.options(points)));
        };
    }

    /** On completion of Task_ChooseBackupPoint (checked by {@link RestoreCompletionChecks}): R3.6-e on the record. */
    @Bean
    TaskListener backupPointChoiceListener(RestoreService restores, ContractClock clock) {
        return task -> {
            RestoreRequest r = restores.choose(TaskValues.restoreId(task), TaskValues.text(task, Vars.SNAPSHOT_ID));
            task.getExecution().setVariable(Vars.BACKUP_POINT, label(r, clock));
        };
    }

    /**
     * Task_RequestClientValidation (R3.6-d, R4.3-t3, R4.3-t4): the decision record (purpose
     * RESTORE) and its signed link mailed in French to the contact who may authorise.
     */
    @Bean
    JavaDelegate requestValidationDelegate(RestoreService restores, ClientDecisions decisions, RestoreMails mails,
            RestoreSettings settings) {
        return execution -> {
            long id = TaskValues.restoreId(execution);
            RestoreService.Context ctx = restores.context(id);
            Contact contact = ctx.validator().orElseThrow(() -> new ProcessEngineException("Client "
                    + ctx.client().getCompanyName() + " has no contact who may authorise with an email address"
                    + " (R4.3-t4): add one in the register, or retry once the client's written validation is known"));
            ClientDecision d = decisions.request(new DecisionRequest("restore:" + execution.getProcessInstanceId()
                    + ":validation", RestoreProcess.PURPOSE, mails.validationQuestion(ctx), mails.validationDetails(ctx),
                    execution.getProcessInstanceId(), Messages.VALIDATION, RestoreProcess.DECISION_PREFIX,
                    contact.getId(), contact.getEmail(), settings.getValidationExpiry()));
            restores.awaitValidation(id, d.getId());
            execution.setVariable(Vars.DECISION_ID, d.getId());
            execution.setVariable(Vars.VALIDATION_EXPIRES_AT, Date.from(d.getExpiresAt()));
            execution.setVariable(Vars.REMINDERS_SENT, 0L);
            mails.validationRequest(restores.context(id), d, contact);
        };
    }

    /**
     * On completion of Task_RecordWrittenValidation (checked by {@link RestoreCompletionChecks}):
     * R4.3-t3, the client's written answer on the decision record, with the logged-in ops user and the
     * reference of the writing. The process then reads the record.
     */
    @Bean
    TaskListener writtenValidationListener(ClientDecisions decisions, IdentityService identity) {
        return task -> decisions.recordWrittenAnswer(TaskValues.text(task, Vars.DECISION_ID),
                Answer.valueOf(TaskValues.text(task, Vars.WRITTEN_ANSWER)), TaskValues.text(task, Vars.WRITTEN_REFERENCE),
                TaskValues.user(identity, task));
    }

    /** Task_RemindClientOfValidation (DESIGN rule 12): the same links again while the validation is open. */
    @Bean
    JavaDelegate remindValidationDelegate(RestoreService restores, ClientDecisions decisions, RestoreMails mails) {
        return execution -> {
            ClientDecision d = ownDecision(decisions, execution);
            if (d.getStatus() != DecisionStatus.PENDING) {
                return;
            }
            Long sent = TaskValues.number(execution::getVariable, Vars.REMINDERS_SENT);
            long n = (sent == null ? 0 : sent) + 1;
            mails.validationReminder(restores.context(TaskValues.restoreId(execution)), d, n);
            execution.setVariable(Vars.REMINDERS_SENT, n);
        };
    }

    /** Task_CloseExpiredRequest (DESIGN rule 12): the link closes, the request is EXPIRED, ops are told. */
    @Bean
    JavaDelegate closeExpiredRestoreDelegate(RestoreService restores, ClientDecisions decisions, RestoreMails mails) {
        return execution -> {
            long id = TaskValues.restoreId(execution);
            decisions.expire(ownDecision(decisions, execution).getId());
            restores.expire(id);
            mails.closed(restores.context(id));
        };
    }

    /**
     * Task_RecordClientValidation (R3.6-d, rule 11): what the decision record says, whichever channel
     * wrote it. APPROVED starts the clock (the due date of every later task); DECLINED closes the
     * request and tells ops; anything else raises an incident at once: nothing is restored.
     */
    @Bean
    JavaDelegate recordValidationDelegate(RestoreService restores, ClientDecisions decisions, RestoreMails mails) {
        return execution -> {
            long id = TaskValues.restoreId(execution);
            RestoreRequest r = restores.validation(id, ownDecision(decisions, execution));
            boolean validated = r.getStatus() != RestoreStatus.DECLINED;
            execution.setVariable(Vars.VALIDATED, validated);
            if (validated) {
                execution.setVariable(Vars.RESTORE_DUE, Date.from(r.getDueAt()));
            } else {
                mails.closed(restores.context(id));
            }
        };
    }

    /** Task_CheckRestoredServer (R3.6-d): the shop answers and the database has its tables. */
    @Bean
    JavaDelegate checkRestoredServerDelegate(RestoreService restores) {
        return execution -> {
            RestoreService.CheckResult result = restores.check(TaskValues.restoreId(execution));
            execution.setVariable(Vars.HEALTHY, result.healthy());
            execution.setVariable(Vars.CHECK_FINDINGS, result.findings());
        };
    }

    /** On completion of Task_ConfirmRestoredShop: who confirmed, when, and their remarks. */
    @Bean
    TaskListener restoreConfirmationListener(RestoreService restores, IdentityService identity) {
        return task -> restores.confirm(TaskValues.restoreId(task), TaskValues.user(identity, task),
                TaskValues.text(task, Vars.REMARKS));
    }

    /** Task_EscalateRestoreDeadline (R3.6-d): managers and ops are told unless it finished in time. */
    @Bean
    JavaDelegate escalateRestoreDeadlineDelegate(RestoreService restores, RestoreMails mails) {
        return execution -> {
            long id = TaskValues.restoreId(execution);
            if (restores.deadlinePassed(id)) {
                mails.escalation(restores.context(id));
            }
        };
    }

    /** Task_SendRestoreReport (R3.6-d, R3.6-e): the French report naming the backup point. */
    @Bean
    JavaDelegate sendRestoreReportDelegate(RestoreService restores, ClientDecisions decisions, RestoreMails mails) {
        return execution -> {
            long id = TaskValues.restoreId(execution);
            mails.report(restores.context(id), ownDecision(decisions, execution).getRecipientEmail());
            restores.reported(id);
        };
    }

    /** The validation's decision record, which must belong to this process instance. */
    static ClientDecision ownDecision(ClientDecisions decisions, DelegateExecution execution) {
        String id = TaskValues.text(execution, Vars.DECISION_ID);
        if (id == null) {
            throw new ProcessEngineException("Variable '" + Vars.DECISION_ID + "' is required but missing");
        }
        ClientDecision d = decisions.find(id).orElseThrow(() -> new ProcessEngineException("No client decision " + id));
        if (!d.getProcessInstanceId().equals(execution.getProcessInstanceId())) {
            throw new ProcessEngineException("Client decision " + id + " belongs to another process instance");
        }
        return d;
    }

    /** The backup point as ops read it in Tasklist; null before it is chosen. */
    static String label(RestoreRequest r, ContractClock clock) {
        if (r.getSnapshotId() == null) {
            return null;
        }
        return LABEL.format(clock.atZone(r.getSnapshotTime())) + " (" + clock.zone() + "), " + r.getKind().tag()
                + ", " + r.getSnapshotId().substring(0, 8);
    }
}
