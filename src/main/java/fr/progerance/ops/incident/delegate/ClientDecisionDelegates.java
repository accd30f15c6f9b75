package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.contract.EmergencyAction;
import fr.progerance.ops.contract.EmergencyReadiness;
import fr.progerance.ops.incident.DecisionContacts;
import fr.progerance.ops.incident.DecisionPolicy;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.DecisionOutcome;
import fr.progerance.ops.incident.IncidentHandlingProcess.Messages;
import fr.progerance.ops.incident.IncidentHandlingProcess.PhoneOutcome;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentMails;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.IncidentSettings;
import fr.progerance.ops.notify.Answer;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.DecisionRequest;
import fr.progerance.ops.notify.DecisionStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SubProcess_ClientDecision (R4.3-t3 to R4.3-t5): call the primary contact, then each secondary
 * contact in order, then the 24/7 contact, waiting the acknowledgement time for each. A contact
 * who may authorise gets a signed decision link by mail; one who may not is still called, and
 * mailed, to reach someone who can, but gets no link and cannot decide (R4.3-t4). If nobody
 * decides, the emergency procedure applies within the budget, else only actions without impact on
 * the infrastructure, and the reason is recorded. The answer is always read from the decision
 * record that its channel wrote (the signed-link page, or the phone answer logged by the
 * authenticated ops user), never from a variable (DESIGN rule 11).
 */
@Configuration(proxyBeanMethods = false)
public class ClientDecisionDelegates {

    private static final String ROUND = Vars.DECISION_ROUND;

    /** Task_PrepareClientDecision: the contract's readiness (R4.3-t4) and the contacts to call. */
    @Bean
    JavaDelegate prepareClientDecisionDelegate(IncidentService incidents) {
        return execution -> {
            IncidentService.Context ctx = incidents.context(number(execution));
            EmergencyReadiness readiness = EmergencyReadiness.assess(ctx.contract(), ctx.contacts());
            List<Contact> contacts = DecisionContacts.inOrder(ctx.contacts());
            if (contacts.isEmpty()) {
                throw new ProcessEngineException("Incident " + ctx.incident().getNumber() + ": the client has no"
                        + " contact to call (PRIMARY, SECONDARY or ON_CALL); add one in the register");
            }
            Long round = ProcessVariables.number(execution, ROUND);
            execution.setVariable(ROUND, round == null ? 1 : round + 1);
            execution.setVariable(Vars.EMERGENCY_READY, readiness.ready());
            execution.setVariable(Vars.READINESS_GAPS, readiness.missing().stream()
                    .map(EmergencyReadiness.Gap::description).collect(Collectors.joining("; ")));
            execution.setVariable(Vars.CONTACT_COUNT, contacts.size());
            execution.setVariable(Vars.CONTACT_INDEX, 0);
            execution.setVariable(Vars.CLIENT_ANSWERED, false);
            execution.setVariable(Vars.DECISION_OUTCOME, null);
            execution.setVariable(Vars.PROCEDURE_APPLIES, false);
        };
    }

    /**
     * Task_AskContact: the current contact is mailed (a signed decision link if they may decide, a
     * request to reach an authorised person otherwise), and ops get the call task, due at the end of
     * the acknowledgement time.
     */
    @Bean
    JavaDelegate askContactDelegate(IncidentService incidents, ClientDecisions decisions, IncidentMails mails,
            IncidentSettings settings, ContractClock clock) {
        return execution -> {
            String number = number(execution);
            IncidentService.Context ctx = incidents.context(number);
            List<Contact> contacts = DecisionContacts.inOrder(ctx.contacts());
            int index = ProcessVariables.number(execution, Vars.CONTACT_INDEX).intValue();
            Contact contact = contacts.get(Math.min(index, contacts.size() - 1));
            boolean last = index >= contacts.size() - 1;
            boolean mayDecide = DecisionContacts.mayDecide(contact, ctx.contacts());
            IncidentMails.ActionQuestion question = new IncidentMails.ActionQuestion(
                    ProcessVariables.text(execution, Vars.DECISION_ACTION),
                    ProcessVariables.requiredText(execution, Vars.DECISION_DESCRIPTION),
                    ProcessVariables.decimal(execution, Vars.ESTIMATED_COST));
            String decisionId = null;
            if (mayDecide) {
                ClientDecision decision = decisions.request(new DecisionRequest(
                        "incident:" + execution.getProcessInstanceId() + ":round" + execution.getVariable(ROUND)
                                + ":contact" + contact.getId(),
                        "INCIDENT_ACTION", mails.actionQuestion(ctx, question), mails.actionDetails(ctx), 
                        execution.getProcessInstanceId(), Messages.CLIENT_DECISION, null, contact.getId(),
                        contact.getEmail(), null));
                decisionId = decision.getId();
                if (contact.getEmail() != null) {
                    mails.decisionRequest(ctx, decision, contact, last, ProcessVariables.flag(execution,
                            Vars.EMERGENCY_READY));
                }
            } else if (contact.getEmail() != null) {
                mails.decisionRelay(ctx, question, contact, execution.getVariable(ROUND) + ":" + index);
            }
            execution.setVariable(Vars.DECISION_ID, decisionId);
            execution.setVariable(Vars.PHONE_OUTCOME, null);
            execution.setVariable(Vars.CURRENT_CONTACT, DecisionContacts.label(contact));
            execution.setVariable(Vars.CONTACT_MAY_DECIDE, mayDecide);
            execution.setVariable(Vars.ACKNOWLEDGEMENT_DUE, java.util.Date.from(
                    clock.after(settings.getAcknowledgementTimeout()).toInstant()));
            incidents.record(number, IncidentEvent.Kind.CLIENT_ASKED, DecisionContacts.label(contact)
                    + (mayDecide ? "" : " (may not authorise: asked to reach an authorised person, R4.3-t4)")
                    + (contact.getEmail() == null ? " (phone only: no email address)" : ""), null);
        };
    }

    /**
     * On completion of Task_CallContact (checked by {@link IncidentCompletionChecks}): the phone
     * answer goes to the decision record with the ops user who logged it, and the link can no longer
     * be used; NO_ANSWER closes the link and moves on.
     */
    @Bean
    TaskListener contactAnswerListener(ClientDecisions decisions, IdentityService identity) {
        return task -> {
            PhoneOutcome outcome = ProcessVariables.choice(task, Vars.PHONE_OUTCOME, PhoneOutcome.class);
            String decisionId = ProcessVariables.text(task, Vars.DECISION_ID);
            if (outcome == PhoneOutcome.NO_ANSWER) {
                if (decisionId != null) {
                    decisions.cancel(decisionId);
                }
                return;
            }
            decisions.recordAnsweredByPhone(decisionId, outcome == PhoneOutcome.APPROVE ? Answer.APPROVE
                    : Answer.DECLINE, TaskChannels.requiredUser(identity, task));
        };
    }

    /** Task_RecordClientAnswer: what the decision record says, whichever channel wrote it. */
    @Bean
    JavaDelegate recordClientAnswerDelegate(IncidentService incidents, ClientDecisions decisions) {
        return execution -> {
            String number = number(execution);
            String contact = ProcessVariables.text(execution, Vars.CURRENT_CONTACT);
            String decisionId = ProcessVariables.text(execution, Vars.DECISION_ID);
            ClientDecision d = decisionId == null ? null : ownDecision(decisions, decisionId, execution);
            if (d == null || !d.getStatus().answered()) {
                if (d != null) {
                    decisions.cancel(d.getId());
                }
                nextContact(execution, incidents, number, contact + ": no decision by phone");
                return;
            }
            boolean approved = d.getStatus() == DecisionStatus.APPROVED;
            execution.setVariable(Vars.CLIENT_ANSWERED, true);
            execution.setVariable(Vars.DECISION_OUTCOME,
                    (approved ? DecisionOutcome.CLIENT_APPROVED : DecisionOutcome.CLIENT_DECLINED).name());
            if (approved) {
                // R4.3-t3: an action the client approved explicitly is allowed again (R4.3-t5 (3) lifts for it)
                incidents.clientApproved(number, ProcessVariables.requiredText(execution, Vars.DECISION_ACTION));
                execution.setVariable(Vars.IMPACTING_ACTIONS_ALLOWED, true);
            }
            incidents.record(number, IncidentEvent.Kind.CLIENT_ANSWERED, contact + ": " + (approved ? "approved"
                    : "declined") + " by " + d.getAnswerChannel() + (d.getAnsweredByUser() == null ? ""
                    : " (logged by " + d.getAnsweredByUser() + ")") + ", decision " + d.getId(), d.getAnsweredByUser());
        };
    }

    /** Task_RecordNoAnswer: the acknowledgement time passed; the link expires, the next contact comes. */
    @Bean
    JavaDelegate recordNoAnswerDelegate(IncidentService incidents, ClientDecisions decisions) {
        return execution -> {
            String number = number(execution);
            String decisionId = ProcessVariables.text(execution, Vars.DECISION_ID);
            if (decisionId != null) {
                decisions.expire(decisionId);
            }
            nextContact(execution, incidents, number, ProcessVariables.text(execution, Vars.CURRENT_CONTACT)
                    + ": no acknowledgement in time");
        };
    }

    /** Task_ApplyEmergencyProcedure (R4.3-t5 (2)): recorded, and the client is told. */
    @Bean
    JavaDelegate applyEmergencyProcedureDelegate(IncidentService incidents, IncidentMails mails) {
        return execution -> {
            String number = number(execution);
            String reason = ProcessVariables.text(execution, Vars.DECISION_REASON);
            mails.procedureApplied(incidents.context(number), new IncidentMails.ActionQuestion(
                    ProcessVariables.text(execution, Vars.DECISION_ACTION),
                    ProcessVariables.text(execution, Vars.DECISION_DESCRIPTION),
                    ProcessVariables.decimal(execution, Vars.ESTIMATED_COST)), reason,
                    ProcessVariables.number(execution, ROUND).intValue());
            incidents.record(number, IncidentEvent.Kind.EMERGENCY_PROCEDURE_APPLIED, reason, null);
            execution.setVariable(Vars.DECISION_OUTCOME, DecisionOutcome.EMERGENCY_PROCEDURE.name());
        };
    }

    /** Task_RestrictToNonImpactingActions (R4.3-t5 (3), R4.3-t4): on the incident record, with its reason. */
    @Bean
    JavaDelegate restrictToNonImpactingActionsDelegate(IncidentService incidents) {
        return execution -> {
            String number = number(execution);
            incidents.restrictToNonImpacting(number, ProcessVariables.text(execution, Vars.DECISION_REASON));
            execution.setVariable(Vars.IMPACTING_ACTIONS_ALLOWED, false);
            execution.setVariable(Vars.DECISION_OUTCOME, DecisionOutcome.NON_IMPACTING_ONLY.name());
        };
    }

    /** The decision of {@code id}, which must belong to this process instance (a variable names it, the record decides). */
    static ClientDecision ownDecision(ClientDecisions decisions, String id, DelegateExecution execution) {
        ClientDecision d = decisions.find(id).orElseThrow(() -> new ProcessEngineException("No client decision " + id));
        if (!d.getProcessInstanceId().equals(execution.getProcessInstanceId())) {
            throw new ProcessEngineException("Client decision " + id + " belongs to another process instance");
        }
        return d;
    }

    /** After a contact gave no decision: the next index, and what applies if it was the last (R4.3-t5). */
    private static void nextContact(DelegateExecution execution, IncidentService incidents, String number,
            String detail) {
        incidents.record(number, IncidentEvent.Kind.CONTACT_UNANSWERED, detail, null);
        int index = ProcessVariables.number(execution, Vars.CONTACT_INDEX).intValue() + 1;
        execution.setVariable(Vars.CONTACT_INDEX, index);
        execution.setVariable(Vars.CLIENT_ANSWERED, false);
        IncidentService.Context ctx = incidents.context(number);
        EmergencyReadiness readiness = EmergencyReadiness.assess(ctx.contract(), ctx.contacts());
        EmergencyAction action = emergencyAction(ProcessVariables.text(execution, Vars.DECISION_ACTION));
        BigDecimal cost = ProcessVariables.decimal(execution, Vars.ESTIMATED_COST);
        DecisionPolicy.Assessment assessment = DecisionPolicy.afterNoAnswer(readiness, ctx.contract().getAllowedActions(),
                ctx.contract().getEmergencyBudgetExclTax(), action, cost);
        execution.setVariable(Vars.PROCEDURE_APPLIES, assessment.procedureApplies());
        execution.setVariable(Vars.DECISION_REASON, assessment.reason());
    }

    static EmergencyAction emergencyAction(String formValue) {
        if (formValue == null) {
            return null;
        }
        try {
            return EmergencyAction.valueOf(formValue);
        } catch (IllegalArgumentException other) {
            return null;
        }
    }

    private static String number(DelegateExecution execution) {
        return ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
    }
}
