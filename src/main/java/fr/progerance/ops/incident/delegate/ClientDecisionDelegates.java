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
import fr.progerance.ops.notify.Mailer;
import fr.progerance.ops.notify.OutgoingMail;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SubProcess_ClientDecision (R4.3-t3 to R4.3-t5): ask the primary contact, then each secondary
 * contact in order (signed link by mail, and a task for ops to log a phone answer), wait the
 * acknowledgement time for each; if nobody answers, apply the emergency procedure within the
 * budget, else allow only actions without impact on the infrastructure, and record why.
 */
@Configuration(proxyBeanMethods = false)
public class ClientDecisionDelegates {

    private static final String ROUND = Vars.DECISION_ROUND;

    /** Task_PrepareClientDecision: the contract's readiness (R4.3-t4) and the contacts to try. */
    @Bean
    JavaDelegate prepareClientDecisionDelegate(IncidentService incidents) {
        return execution -> {
            IncidentService.Context ctx = incidents.context(number(execution));
            EmergencyReadiness readiness = EmergencyReadiness.assess(ctx.contract(), ctx.contacts());
            List<Contact> contacts = DecisionContacts.inOrder(ctx.contacts());
            if (contacts.isEmpty()) {
                throw new ProcessEngineException("Incident " + ctx.incident().getNumber() + ": the client has no"
                        + " contact who can decide (PRIMARY, SECONDARY or ON_CALL); add one in the register");
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

    /** Task_AskContact: a signed decision link by mail to the current contact, and the call task's due time. */
    @Bean
    JavaDelegate askContactDelegate(IncidentService incidents, ClientDecisions decisions, Mailer mailer,
            IncidentSettings settings, ContractClock clock) {
        return execution -> {
            String number = number(execution);
            IncidentService.Context ctx = incidents.context(number);
            List<Contact> contacts = DecisionContacts.inOrder(ctx.contacts());
            int index = ProcessVariables.number(execution, Vars.CONTACT_INDEX).intValue();
            Contact contact = contacts.get(Math.min(index, contacts.size() - 1));
            boolean last = index >= contacts.size() - 1;
            String question = "Autorisez-vous l'intervention suivante sur le serveur " + ctx.server().getName() + " : "
                    + frenchAction(ProcessVariables.text(execution, Vars.DECISION_ACTION)) + " — "
                    + ProcessVariables.requiredText(execution, Vars.DECISION_DESCRIPTION) + " (coût estimé "
                    + ProcessVariables.decimal(execution, Vars.ESTIMATED_COST).toPlainString() + " € HT) ?";
            String details = "Incident " + number + " : " + ctx.incident().getSummary();
            ClientDecision decision = decisions.request(new DecisionRequest(
                    "incident:" + execution.getProcessInstanceId() + ":round" + execution.getVariable(ROUND)
                            + ":contact" + contact.getId(),
                    "INCIDENT_ACTION", question, details, execution.getProcessInstanceId(), Messages.CLIENT_DECISION,
                    null, contact.getId(), contact.getEmail(), null));
            if (contact.getEmail() != null) {
                Map<String, Object> model = new LinkedHashMap<>(decisions.mailModel(decision));
                model.put("recipientName", contact.getName());
                model.put("reference", number);
                model.put("noAnswer", noAnswerText(last, ProcessVariables.flag(execution, Vars.EMERGENCY_READY),
                        settings));
                mailer.send(OutgoingMail.french("incident:" + number + ":decision:" + decision.getId(),
                        List.of(contact.getEmail()), "decision-request", model));
            }
            execution.setVariable(Vars.DECISION_ID, decision.getId());
            execution.setVariable(Vars.DECISION_APPROVED, null);
            execution.setVariable(Vars.DECISION_CHANNEL, null);
            execution.setVariable(Vars.PHONE_OUTCOME, null);
            execution.setVariable(Vars.CURRENT_CONTACT, DecisionContacts.label(contact));
            execution.setVariable(Vars.ACKNOWLEDGEMENT_DUE, java.util.Date.from(
                    clock.after(settings.getAcknowledgementTimeout()).toInstant()));
            incidents.record(number, IncidentEvent.Kind.CLIENT_ASKED, DecisionContacts.label(contact)
                    + (contact.getEmail() == null ? " (phone only: no email address)" : ""), null);
        };
    }

    /** Task_RecordClientAnswer: the link's answer (correlated) or the phone answer ops logged. */
    @Bean
    JavaDelegate recordClientAnswerDelegate(IncidentService incidents, ClientDecisions decisions) {
        return execution -> {
            String number = number(execution);
            String decisionId = ProcessVariables.requiredText(execution, Vars.DECISION_ID);
            Object linkAnswer = execution.getVariable(Vars.DECISION_CHANNEL);
            Boolean approved;
            String channel;
            if (linkAnswer != null) {
                approved = ProcessVariables.flag(execution, Vars.DECISION_APPROVED);
                channel = "link";
            } else {
                PhoneOutcome phone = ProcessVariables.choice(execution, Vars.PHONE_OUTCOME, PhoneOutcome.class);
                if (phone == null) {
                    throw new ProcessEngineException("Variable '" + Vars.PHONE_OUTCOME + "' is required: one of "
                            + java.util.Arrays.toString(PhoneOutcome.values()));
                }
                channel = "phone";
                approved = switch (phone) {
                    case APPROVE -> Boolean.TRUE;
                    case DECLINE -> Boolean.FALSE;
                    case NO_ANSWER -> null;
                };
                if (approved == null) {
                    decisions.cancel(decisionId);
                } else {
                    // The decision's record keeps the phone answer and who logged it; its link is closed.
                    decisions.recordAnsweredByPhone(decisionId, approved ? Answer.APPROVE : Answer.DECLINE,
                            ProcessVariables.text(execution, Vars.PHONE_ANSWERED_BY));
                }
            }
            String contact = ProcessVariables.text(execution, Vars.CURRENT_CONTACT);
            if (approved == null) {
                nextContact(execution, incidents, number, contact + ": no answer by phone");
                return;
            }
            execution.setVariable(Vars.CLIENT_ANSWERED, true);
            execution.setVariable(Vars.DECISION_APPROVED, approved);
            execution.setVariable(Vars.DECISION_OUTCOME,
                    (approved ? DecisionOutcome.CLIENT_APPROVED : DecisionOutcome.CLIENT_DECLINED).name());
            incidents.record(number, IncidentEvent.Kind.CLIENT_ANSWERED, contact + ": " + (approved ? "approved"
                    : "declined") + " by " + channel, null);
        };
    }

    /**
     * On completion of Task_CallContact and Task_FollowUpQuote: who logged the phone answer (the
     * Tasklist user), for the decision's record.
     */
    @Bean
    org.camunda.bpm.engine.delegate.TaskListener phoneAnswerListener(org.camunda.bpm.engine.IdentityService identity) {
        return task -> {
            org.camunda.bpm.engine.impl.identity.Authentication who = identity.getCurrentAuthentication();
            task.setVariable(Vars.PHONE_ANSWERED_BY, who != null ? who.getUserId() : task.getAssignee());
        };
    }

    /** Task_RecordNoAnswer: the acknowledgement time passed; the link expires, the next contact comes. */
    @Bean
    JavaDelegate recordNoAnswerDelegate(IncidentService incidents, ClientDecisions decisions) {
        return execution -> {
            String number = number(execution);
            decisions.expire(ProcessVariables.requiredText(execution, Vars.DECISION_ID));
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
            mails.procedureApplied(incidents.context(number), frenchAction(ProcessVariables.text(execution,
                    Vars.DECISION_ACTION)) + " — " + ProcessVariables.text(execution, Vars.DECISION_DESCRIPTION), reason,
                    ProcessVariables.number(execution, ROUND).intValue());
            incidents.record(number, IncidentEvent.Kind.EMERGENCY_PROCEDURE_APPLIED, reason, null);
            execution.setVariable(Vars.DECISION_OUTCOME, DecisionOutcome.EMERGENCY_PROCEDURE.name());
        };
    }

    /** Task_RestrictToNonImpactingActions (R4.3-t5 (3), R4.3-t4): recorded with its reason. */
    @Bean
    JavaDelegate restrictToNonImpactingActionsDelegate(IncidentService incidents) {
        return execution -> {
            String number = number(execution);
            incidents.record(number, IncidentEvent.Kind.RESTRICTED_TO_NON_IMPACTING,
                    ProcessVariables.text(execution, Vars.DECISION_REASON), null);
            execution.setVariable(Vars.IMPACTING_ACTIONS_ALLOWED, false);
            execution.setVariable(Vars.DECISION_OUTCOME, DecisionOutcome.NON_IMPACTING_ONLY.name());
        };
    }

    /** After a contact did not answer: the next index, and what applies if it was the last (R4.3-t5). */
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

    static String frenchAction(String formValue) {
        if (formValue == null) {
            return "intervention";
        }
        return switch (formValue) {
            case "RESTORE_BACKUP" -> "restauration d'une sauvegarde";
            case "FAILOVER" -> "bascule vers un serveur de secours";
            case "NEW_SERVER" -> "location d'un nouveau serveur";
            case "MIGRATION" -> "migration vers un autre serveur";
            default -> "intervention spécifique";
        };
    }

    private static String noAnswerText(boolean last, boolean ready, IncidentSettings settings) {
        long minutes = settings.getAcknowledgementTimeout().toMinutes();
        if (!last) {
            return "Sans réponse de votre part dans les " + minutes + " minutes, nous solliciterons le contact suivant"
                    + " prévu à votre contrat.";
        }
        return ready
                ? "Sans réponse dans les " + minutes + " minutes, nous appliquerons la procédure d'urgence prévue à"
                + " votre contrat, dans la limite du budget convenu."
                : "Sans réponse dans les " + minutes + " minutes, nous nous limiterons aux actions sans impact sur"
                + " l'infrastructure jusqu'à votre validation explicite.";
    }

    private static String number(DelegateExecution execution) {
        return ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
    }
}
