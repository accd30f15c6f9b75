package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Messages;
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
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * RD-extra, R3.5: work of ours on a TIERCE hardware or network incident is a complementary
 * service that needs the client's approval of a quote first (signed link, or a phone answer ops
 * log).
 */
@Configuration(proxyBeanMethods = false)
public class QuoteDelegates {

    /** notify names the correlated variables quoteDecisionId, quoteDecisionApproved, quoteDecisionChannel. */
    static final String PREFIX = "quote";
    private static final String QUOTE_DECISION_ID = Vars.QUOTE_DECISION_ID;
    private static final String QUOTE_DECISION_APPROVED = Vars.QUOTE_DECISION_APPROVED;

    @Bean
    JavaDelegate sendQuoteDelegate(IncidentService incidents, ClientDecisions decisions, Mailer mailer,
            IncidentSettings settings) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            IncidentService.Context ctx = incidents.context(number);
            BigDecimal amount = ProcessVariables.decimal(execution, Vars.QUOTE_AMOUNT);
            String description = ProcessVariables.requiredText(execution, Vars.QUOTE_DESCRIPTION);
            List<String> to = IncidentMails.clientRecipients(ctx);
            Contact primary = ctx.contacts().stream().filter(c -> to.contains(c.getEmail())).findFirst().orElse(null);
            ClientDecision decision = decisions.request(new DecisionRequest(
                    "incident:" + execution.getProcessInstanceId() + ":quote", "QUOTE",
                    "Acceptez-vous le devis de " + amount.toPlainString() + " € HT pour l'intervention suivante sur le"
                            + " serveur " + ctx.server().getName() + " : " + description + " ?",
                    "Incident " + number + " : " + ctx.incident().getSummary() + "\nCette intervention porte sur"
                            + " l'infrastructure de votre hébergeur (" + ctx.server().getHosterName() + ") : elle sort"
                            + " du périmètre standard et ne peut commencer qu'après votre accord (prestation"
                            + " complémentaire sur devis).",
                    execution.getProcessInstanceId(), Messages.QUOTE_DECISION, PREFIX,
                    primary == null ? null : primary.getId(), to.get(0), settings.getQuoteValidity()));
            execution.setVariable(QUOTE_DECISION_ID, decision.getId());
            execution.setVariable(QUOTE_DECISION_APPROVED, null);
            Map<String, Object> model = new java.util.LinkedHashMap<>(decisions.mailModel(decision));
            model.put("noAnswer", "Sans réponse de votre part, votre hébergeur reste seul en charge de l'incident.");
            model.put("reference", number);
            mailer.send(OutgoingMail.french("incident:" + number + ":quote:" + decision.getId(), List.of(to.get(0)),
                    "decision-request", model));
            incidents.record(number, IncidentEvent.Kind.QUOTE_SENT, amount.toPlainString() + " EUR excl. tax: "
                    + description, null);
        };
    }

    /** Task_RecordQuoteAnswer: the link's answer (correlated), else the phone answer ops logged. */
    @Bean
    JavaDelegate recordQuoteAnswerDelegate(IncidentService incidents, ClientDecisions decisions) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            Object linkAnswer = execution.getVariable(QUOTE_DECISION_APPROVED);
            boolean approved;
            String channel;
            if (linkAnswer instanceof Boolean b) {
                approved = b;
                channel = "link";
            } else {
                Answer phone = ProcessVariables.choice(execution, Vars.QUOTE_PHONE_ANSWER, Answer.class);
                if (phone == null) {
                    throw new ProcessEngineException("Variable '" + Vars.QUOTE_PHONE_ANSWER + "' is required when the"
                            + " client did not answer by link");
                }
                approved = phone == Answer.APPROVE;
                channel = "phone";
                decisions.recordAnsweredByPhone(ProcessVariables.requiredText(execution, QUOTE_DECISION_ID), phone,
                        ProcessVariables.text(execution, Vars.PHONE_ANSWERED_BY));
            }
            execution.setVariable(Vars.QUOTE_APPROVED, approved);
            incidents.record(number, IncidentEvent.Kind.QUOTE_ANSWERED, (approved ? "approved" : "declined") + " by "
                    + channel, null);
        };
    }
}
