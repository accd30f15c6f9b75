package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.restore.RestoreProcess.Elements;
import fr.progerance.ops.backup.restore.RestoreProcess.Vars;
import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.engine.TaskCompletion;
import fr.progerance.ops.engine.TaskCompletionCheck;
import fr.progerance.ops.notify.Answer;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.DecisionStatus;
import fr.progerance.ops.web.TextRules;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * What ops enter in the Restore forms, checked before the completion runs: a refusal keeps the
 * task open, Tasklist shows why, the REST API answers 400. R3.6-e: the backup point must be one of
 * the server's; R4.3-t3: a written validation names its writing and the logged-in person.
 */
@Component
public class RestoreCompletionChecks implements TaskCompletionCheck {

    private final RestoreService restores;
    private final ClientDecisions decisions;
    private final IdentityService identity;

    public RestoreCompletionChecks(RestoreService restores, ClientDecisions decisions, IdentityService identity) {
        this.restores = restores;
        this.decisions = decisions;
        this.identity = identity;
    }

    @Override
    public String processKey() {
        return RestoreProcess.KEY;
    }

    @Override
    public void check(TaskCompletion completion) {
        Function<String, Object> values = completion::value;
        try {
            switch (completion.taskKey()) {
                case Elements.CHOOSE_BACKUP_POINT -> backupPoint(values);
                case Elements.RECORD_WRITTEN_VALIDATION -> writtenValidation(completion, values);
                case Elements.REPAIR -> text(values, Vars.REPAIR_NOTES, true, 1000, "Say what was repaired");
                case Elements.CONFIRM -> {
                    if (!TaskValues.flag(values, Vars.SHOP_CHECKED)) {
                        throw new FormRefusal("Check the restored shop yourself before confirming (" + Vars.SHOP_CHECKED
                                + "); the client's report follows this confirmation");
                    }
                    text(values, Vars.REMARKS, false, 1000, "Remarks");
                    requirePerson(completion, "the confirmation");
                }
                default -> {
                    // no rule beyond the form's own fields
                }
            }
        } catch (FormRefusal refusal) {
            throw refusal;
        } catch (ProcessEngineException unreadable) {
            throw new FormRefusal(unreadable.getMessage());
        }
    }

    /** R3.6-e: only one of the server's own snapshots (restic, tag server=&lt;id&gt;). */
    private void backupPoint(Function<String, Object> values) {
        String snapshotId = TaskValues.text(values, Vars.SNAPSHOT_ID);
        if (snapshotId == null) {
            throw new FormRefusal("Choose the backup point to restore (" + Vars.SNAPSHOT_ID + ")");
        }
        Long id = TaskValues.number(values, Vars.RESTORE_ID);
        if (id == null || restores.backupPoint(id, snapshotId).isEmpty()) {
            throw new FormRefusal("Snapshot '" + excerpt(snapshotId) + "' is not a backup point of server "
                    + TaskValues.text(values, Vars.SERVER_NAME) + " (R3.6-e): choose one of the list");
        }
    }

    /** R4.3-t3: the written answer, the reference of the writing, a decision still open, a person. */
    private void writtenValidation(TaskCompletion completion, Function<String, Object> values) {
        String answer = TaskValues.text(values, Vars.WRITTEN_ANSWER);
        if (answer == null || !(answer.equals(Answer.APPROVE.name()) || answer.equals(Answer.DECLINE.name()))) {
            throw new FormRefusal("Record the client's written answer (" + Vars.WRITTEN_ANSWER + "): APPROVE or DECLINE");
        }
        text(values, Vars.WRITTEN_REFERENCE, true, 300, "Give the reference of the client's writing (date and sender"
                + " of the mail, or the letter)");
        String decisionId = TaskValues.text(values, Vars.DECISION_ID);
        DecisionStatus status = decisionId == null ? null : decisions.find(decisionId).map(d -> d.getStatus()).orElse(null);
        if (status != DecisionStatus.PENDING) {
            throw new FormRefusal("The validation can no longer take an answer: it is " + status);
        }
        requirePerson(completion, "the client's written validation");
    }

    private static void text(Function<String, Object> values, String name, boolean required, int max, String what) {
        String v = TaskValues.text(values, name);
        if (v == null) {
            if (required) {
                throw new FormRefusal(what + " (" + name + ")");
            }
            return;
        }
        TextRules.problem(v, max > 300, max).ifPresent(p -> {
            throw new FormRefusal(name + " " + p);
        });
    }

    private void requirePerson(TaskCompletion completion, String what) {
        Authentication who = identity.getCurrentAuthentication();
        if ((who == null || who.getUserId() == null) && completion.assignee() == null) {
            throw new FormRefusal("Log in (or claim the task) to record " + what + ": the record names who logged"
                    + " it (DESIGN rule 11)");
        }
    }

    private static String excerpt(String s) {
        return s.length() > 70 ? s.substring(0, 70) + "..." : s;
    }
}
