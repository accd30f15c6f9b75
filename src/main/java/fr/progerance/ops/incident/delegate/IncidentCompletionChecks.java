package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.engine.TaskCompletion;
import fr.progerance.ops.engine.TaskCompletionCheck;
import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentHandlingProcess;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentHandlingProcess.PhoneOutcome;
import fr.progerance.ops.incident.IncidentHandlingProcess.RemediationAction;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentHandlingProcess.Version1;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.IncidentSettings;
import fr.progerance.ops.notify.Answer;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.DecisionStatus;
import java.math.BigDecimal;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * What ops enter in the IncidentHandling forms, checked before the completion runs: a refusal keeps
 * the task open, Tasklist shows why, the REST API answers 400 (DESIGN rule 11 for the answers
 * logged by phone: they need a logged-in person and a decision that still takes them). The
 * listeners then write what passed to the records.
 */
@Component
public class IncidentCompletionChecks implements TaskCompletionCheck {

    private final IncidentService incidents;
    private final IncidentSettings settings;
    private final ClientDecisions decisions;
    private final IdentityService identity;

    public IncidentCompletionChecks(IncidentService incidents, IncidentSettings settings, ClientDecisions decisions,
            IdentityService identity) {
        this.incidents = incidents;
        this.settings = settings;
        this.decisions = decisions;
        this.identity = identity;
    }

    @Override
    public String processKey() {
        return IncidentHandlingProcess.KEY;
    }

    @Override
    public void check(TaskCompletion completion) {
        Function<String, Object> values = completion::value;
        try {
            switch (completion.taskKey()) {
                case Elements.RECORD_AGREEMENT -> requirePerson(completion, "the client's answer");
                case Elements.TAKE_CHARGE -> {
                    if (ProcessVariables.choice(values, Vars.CAUSE_CATEGORY, CauseCategory.class) == null) {
                        throw new FormRefusal("Choose the cause of the incident (" + Vars.CAUSE_CATEGORY + "): it decides"
                                + " the routing (R4.2) and who answers for the downtime (R4.4-t); UNKNOWN if it is not"
                                + " known yet");
                    }
                }
                case Elements.CHOOSE_REMEDIATION -> remediation(values);
                case Elements.CALL_CONTACT -> contactAnswer(completion, values);
                case Version1.FOLLOW_UP_QUOTE -> quoteAnswer(completion, values);
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

    /** Task_ChooseRemediation: a known action; R4.3-t5 (3) read from the incident record; its details. */
    private void remediation(Function<String, Object> values) {
        RemediationAction action = ProcessVariables.choice(values, Vars.REMEDIATION_ACTION, RemediationAction.class);
        if (action == null) {
            throw new FormRefusal("Choose a remediation (" + Vars.REMEDIATION_ACTION + ")");
        }
        Incident incident = incidents.get(ProcessVariables.text(values, Vars.INCIDENT_NUMBER));
        if (settings.getImpactingActions().contains(action) && !incident.mayRunImpacting(action.name())) {
            throw new FormRefusal(action + " has an impact on the infrastructure: R4.3-t5 (3) allows only actions"
                    + " without impact until the client validates it explicitly (ask the client with CLIENT_DECISION"
                    + " and this action): " + incident.getRestrictionReason());
        }
        switch (action) {
            case RESTART_SERVICE -> {
                String service = ProcessVariables.text(values, Vars.SERVICE_NAME);
                if (service == null || !settings.getAllowedServices().contains(service)) {
                    throw new FormRefusal("Service to restart: choose one of " + settings.getAllowedServices()
                            + " (got '" + service + "')");
                }
            }
            case CLIENT_DECISION -> {
                if (ProcessVariables.text(values, Vars.DECISION_ACTION) == null) {
                    throw new FormRefusal("Say which action needs the client's decision (" + Vars.DECISION_ACTION + ")");
                }
                if (ProcessVariables.text(values, Vars.DECISION_DESCRIPTION) == null) {
                    throw new FormRefusal("Describe the action for the client (" + Vars.DECISION_DESCRIPTION + ")");
                }
                BigDecimal cost = ProcessVariables.decimal(values, Vars.ESTIMATED_COST);
                if (cost == null || cost.signum() < 0) {
                    throw new FormRefusal("Give the estimated cost excluding tax, 0 or more (" + Vars.ESTIMATED_COST
                            + "): the emergency budget is compared with it (R4.3-t4)");
                }
            }
            default -> {
                // REBOOT_SERVER and NO_ACTION need nothing more
            }
        }
    }

    /** Task_CallContact (R4.3-t4, R4.3-t5): only a person who may authorise approves or declines. */
    private void contactAnswer(TaskCompletion completion, Function<String, Object> values) {
        PhoneOutcome outcome = ProcessVariables.choice(values, Vars.PHONE_OUTCOME, PhoneOutcome.class);
        if (outcome == null) {
            throw new FormRefusal("Log the answer on the phone (" + Vars.PHONE_OUTCOME + ")");
        }
        if (outcome == PhoneOutcome.NO_ANSWER) {
            return;
        }
        String decisionId = ProcessVariables.text(values, Vars.DECISION_ID);
        if (decisionId == null) {
            throw new FormRefusal(ProcessVariables.text(values, Vars.CURRENT_CONTACT) + " may not authorise"
                    + " decisions for the client (R4.3-t4): log NO_ANSWER, and the next contact is called");
        }
        requirePending(decisionId, "decision");
        requirePerson(completion, "the client's answer");
    }

    /**
     * Task_FollowUpQuote of version 1 (RD-extra), for the instances still there: the client's answer
     * by phone, while the quote is open. Version 2 calls QuoteApproval, checked by QuoteCompletionChecks.
     */
    private void quoteAnswer(TaskCompletion completion, Function<String, Object> values) {
        if (ProcessVariables.choice(values, Version1.QUOTE_PHONE_ANSWER, Answer.class) == null) {
            throw new FormRefusal("Log the client's answer to the quote (" + Version1.QUOTE_PHONE_ANSWER + ")");
        }
        requirePending(ProcessVariables.text(values, Version1.QUOTE_DECISION_ID), "quote");
        requirePerson(completion, "the client's answer");
    }

    private void requirePending(String decisionId, String what) {
        DecisionStatus status = decisionId == null ? null
                : decisions.find(decisionId).map(d -> d.getStatus()).orElse(null);
        if (status != DecisionStatus.PENDING) {
            throw new FormRefusal("The " + what + " can no longer take an answer: it is " + status);
        }
    }

    /** What the contract turns on names the person who logged it: a logged-in user, or the task's assignee. */
    private void requirePerson(TaskCompletion completion, String what) {
        Authentication who = identity.getCurrentAuthentication();
        if ((who == null || who.getUserId() == null) && completion.assignee() == null) {
            throw new FormRefusal("Log in (or claim the task) to record " + what + ": the record names who logged"
                    + " it (DESIGN rule 11)");
        }
    }
}
