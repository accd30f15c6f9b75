package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.charges.LegalRateRules;
import fr.progerance.ops.billing.charges.LegalRates;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Elements;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Vars;
import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.engine.TaskCompletion;
import fr.progerance.ops.engine.TaskCompletionCheck;
import java.math.BigDecimal;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * What managers enter in the InvoiceDunning forms, checked before the completion runs: a refusal
 * keeps the task open, Tasklist shows why, the REST API answers 400. R7.5: a legal rate and its
 * source as {@link LegalRateRules} wants them; R7.6: a contest decision is
 * CREDIT_NOTE (at most the invoice's amount excluding tax) or REJECT, with a note, on a contest
 * still undecided. Both name the logged-in person on the record.
 */
@Component
public class DunningCompletionChecks implements TaskCompletionCheck {

    private final LegalRates rates;
    private final InvoiceContests contests;
    private final IdentityService identity;

    public DunningCompletionChecks(LegalRates rates, InvoiceContests contests, IdentityService identity) {
        this.rates = rates;
        this.contests = contests;
        this.identity = identity;
    }

    @Override
    public String processKey() {
        return InvoiceDunningProcess.KEY;
    }

    @Override
    public void check(TaskCompletion completion) {
        try {
            if (DunningCorrelator.RATE_TASKS.contains(completion.taskKey())) {
                legalRate(completion);
            } else if (Elements.DECIDE_CONTEST.equals(completion.taskKey())) {
                contestDecision(completion);
            }
        } catch (FormRefusal refusal) {
            throw refusal;
        } catch (ProcessEngineException | IllegalArgumentException unreadable) {
            throw new FormRefusal(unreadable.getMessage());
        }
    }

    /** R7.5: a rate and its source; nothing when the semester got its rate meanwhile (the task is moot). */
    private void legalRate(TaskCompletion completion) {
        String semester = DunningVariables.text(completion.value(Vars.MISSING_SEMESTER));
        if (semester != null && rates.find(semester).isPresent()) {
            return;
        }
        BigDecimal rate = DunningVariables.decimal(completion.value(Vars.LEGAL_RATE), Vars.LEGAL_RATE);
        if (rate == null) {
            throw new FormRefusal("Enter the legal rate of " + semester + " in percent per year (" + Vars.LEGAL_RATE
                    + "), e.g. 2.76");
        }
        LegalRateRules.rateProblem(rate).ifPresent(p -> {
            throw new FormRefusal(Vars.LEGAL_RATE + " " + p);
        });
        LegalRateRules.sourceProblem(DunningVariables.text(completion.value(Vars.LEGAL_RATE_SOURCE))).ifPresent(p -> {
            throw new FormRefusal(Vars.LEGAL_RATE_SOURCE + " " + p);
        });
        requirePerson(completion, "the legal rate");
    }

    /** R7.6: the decision on the contest record. */
    private void contestDecision(TaskCompletion completion) {
        Long contestId = DunningVariables.number(completion.value(Vars.CONTEST_ID), Vars.CONTEST_ID);
        contests.problem(contestId, DunningVariables.text(completion.value(Vars.CONTEST_DECISION)),
                DunningVariables.decimal(completion.value(Vars.CREDIT_NOTE_AMOUNT), Vars.CREDIT_NOTE_AMOUNT),
                DunningVariables.text(completion.value(Vars.CONTEST_NOTE))).ifPresent(p -> {
                    throw new FormRefusal(p);
                });
        requirePerson(completion, "the contest decision");
    }

    private void requirePerson(TaskCompletion completion, String what) {
        Authentication who = identity.getCurrentAuthentication();
        if ((who == null || who.getUserId() == null) && completion.assignee() == null) {
            throw new FormRefusal("Log in (or claim the task) to record " + what + ": the record names who entered it"
                    + " (DESIGN rule 11)");
        }
    }
}
