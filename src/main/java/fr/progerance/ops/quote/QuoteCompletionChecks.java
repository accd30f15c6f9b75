package fr.progerance.ops.quote;

import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.engine.TaskCompletion;
import fr.progerance.ops.engine.TaskCompletionCheck;
import fr.progerance.ops.notify.Answer;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.DecisionStatus;
import fr.progerance.ops.quote.QuoteApprovalProcess.Elements;
import fr.progerance.ops.quote.QuoteApprovalProcess.Vars;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * What ops enter in the QuoteApproval forms, checked before the completion runs, whoever sends it
 * (Tasklist, {@code /engine-rest}, the Java API): a refusal keeps the task open and saves nothing,
 * Tasklist shows why on the form and the REST API answers 400. The form's own validation is a
 * convenience; this is the rule (RD-extra, R4.0-c, R7.1, DESIGN rule 11: answers logged by phone
 * need a logged-in person and a decision that still takes them). That the completion carries only
 * the task's own inputs is {@code OwnedVariablesGuard}'s part.
 */
@Component
public class QuoteCompletionChecks implements TaskCompletionCheck {

    private final QuoteRepository records;
    private final QuoteCalendar calendar;
    private final ClientDecisions decisions;
    private final IdentityService identity;

    public QuoteCompletionChecks(QuoteRepository records, QuoteCalendar calendar,
            ClientDecisions decisions, IdentityService identity) {
        this.records = records;
        this.calendar = calendar;
        this.decisions = decisions;
        this.identity = identity;
    }

    @Override
    public String processKey() {
        return QuoteApprovalProcess.KEY;
    }

    @Override
    public void check(TaskCompletion completion) {
        switch (completion.taskKey()) {
            case Elements.PREPARE -> {
                try {
                    QuotePreparation.read(completion::value, calendar);
                } catch (QuotePreparation.Refusal refusal) {
                    throw new FormRefusal(refusal.getMessage());
                }
                requirePerson(completion, "the quote");
            }
            case Elements.FOLLOW_UP -> phoneAnswer(completion);
            default -> {
                // no rule beyond the form's own fields
            }
        }
    }

    /** Task_FollowUpQuote: APPROVE or DECLINE, while the quote's decision still takes an answer, by a person. */
    private void phoneAnswer(TaskCompletion completion) {
        Object answer = completion.value(Vars.PHONE_ANSWER);
        if (answer == null || !(Answer.APPROVE.name().equals(answer.toString().strip())
                || Answer.DECLINE.name().equals(answer.toString().strip()))) {
            throw new FormRefusal("Log the client's answer to the quote (" + Vars.PHONE_ANSWER + "): APPROVE or DECLINE");
        }
        Object quoteId = completion.value(Vars.QUOTE_ID);
        String decisionId = quoteId instanceof Number n ? records.findById(n.longValue()).map(Quote::getDecisionId)
                .orElse(null) : null;
        DecisionStatus status = decisionId == null ? null
                : decisions.find(decisionId).map(d -> d.getStatus()).orElse(null);
        if (status != DecisionStatus.PENDING) {
            throw new FormRefusal("The quote can no longer take an answer: its decision is " + status);
        }
        requirePerson(completion, "the client's answer");
    }

    /** What the contract turns on names the person who logged it: a logged-in user, or the task's assignee. */
    private void requirePerson(TaskCompletion completion, String what) {
        Authentication who = identity.getCurrentAuthentication();
        if ((who == null || who.getUserId() == null) && completion.assignee() == null) {
            throw new FormRefusal("Log in (or claim the task) to record " + what + ": the record names who did it"
                    + " (DESIGN rule 11)");
        }
    }
}
