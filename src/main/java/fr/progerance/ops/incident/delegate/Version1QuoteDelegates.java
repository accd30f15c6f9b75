package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentHandlingProcess.Version1;
import fr.progerance.ops.incident.IncidentMails;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.IncidentSettings;
import fr.progerance.ops.notify.Answer;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.DecisionRequest;
import fr.progerance.ops.notify.DecisionStatus;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The quote steps of IncidentHandling version 1 ({@link Version1}), kept for the instances started
 * on that version that still wait in them: Camunda runs an instance on the definition it started
 * with, and that definition calls these beans by name. New instances (version 2) call the shared
 * {@code QuoteApproval} process instead ({@link QuoteApprovalCallDelegates}). Remove this class, the
 * {@code ops.incident.quote-*} settings and the incident-quote-* texts once no version-1 instance
 * is left in the quote steps (Cockpit: IncidentHandling, version tag 1, activities
 * Task_PrepareQuote to Task_RecordQuoteAnswer).
 *
 * <p>RD-extra, R3.5: work of ours on a TIERCE hardware or network incident is a complementary
 * service that needs the client's approval of a quote first. The client answers by the signed link,
 * or by phone (ops log it); either way the answer is read from the quote's decision record. The
 * wait ends (DESIGN rule 12): reminders while the quote is valid, then it expires, the link closes
 * and, as the mail says, the hoster stays alone in charge.
 */
@Configuration(proxyBeanMethods = false)
public class Version1QuoteDelegates {

    /** notify names the correlated variables quoteDecisionId, quoteDecisionApproved, quoteDecisionChannel. */
    static final String PREFIX = "quote";

    /** Version 1, Task_SendQuoteForApproval: the decision record, its signed link by mail, and when it expires. */
    @Bean
    JavaDelegate sendQuoteDelegate(IncidentService incidents, ClientDecisions decisions, IncidentMails mails,
            IncidentSettings settings) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            IncidentService.Context ctx = incidents.context(number);
            BigDecimal amount = ProcessVariables.decimal(execution, Vars.QUOTE_AMOUNT);
            String description = ProcessVariables.requiredText(execution, Vars.QUOTE_DESCRIPTION);
            List<String> to = IncidentMails.clientRecipients(ctx);
            var primary = ctx.contacts().stream().filter(c -> to.contains(c.getEmail())).findFirst().orElse(null);
            ClientDecision decision = decisions.request(new DecisionRequest(
                    "incident:" + execution.getProcessInstanceId() + ":quote", "QUOTE",
                    mails.quoteQuestion(ctx, amount, description), mails.quoteDetails(ctx),
                    execution.getProcessInstanceId(), Version1.QUOTE_DECISION, PREFIX,
                    primary == null ? null : primary.getId(), to.get(0), settings.getQuoteValidity()));
            execution.setVariable(Version1.QUOTE_DECISION_ID, decision.getId());
            execution.setVariable(Version1.QUOTE_EXPIRES_AT, Date.from(decision.getExpiresAt()));
            execution.setVariable(Version1.QUOTE_REMINDERS_SENT, 0L);
            mails.quoteRequest(ctx, decision);
            incidents.record(number, IncidentEvent.Kind.QUOTE_SENT, amount.toPlainString() + " EUR excl. tax: "
                    + description + "; valid until " + decision.getExpiresAt(), null);
        };
    }

    /**
     * On completion of Task_FollowUpQuote (checked by {@link IncidentCompletionChecks}): the client's
     * answer by phone, on the decision record with who logged it.
     */
    @Bean
    TaskListener quotePhoneAnswerListener(ClientDecisions decisions, IdentityService identity) {
        return task -> decisions.recordAnsweredByPhone(ProcessVariables.requiredText(task, Version1.QUOTE_DECISION_ID),
                ProcessVariables.choice(task, Version1.QUOTE_PHONE_ANSWER, Answer.class),
                TaskChannels.requiredUser(identity, task));
    }

    /** Task_RecordQuoteAnswer: the quote's decision record, whichever channel answered. */
    @Bean
    JavaDelegate recordQuoteAnswerDelegate(IncidentService incidents, ClientDecisions decisions) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            ClientDecision d = quote(decisions, execution);
            if (!d.getStatus().answered()) {
                throw new ProcessEngineException("Quote decision " + d.getId() + " is " + d.getStatus()
                        + ": no answer was recorded by the link or by ops, so nothing may be carried out (RD-extra)");
            }
            boolean approved = d.getStatus() == DecisionStatus.APPROVED;
            execution.setVariable(Vars.QUOTE_APPROVED, approved);
            incidents.record(number, IncidentEvent.Kind.QUOTE_ANSWERED, (approved ? "approved" : "declined") + " by "
                    + d.getAnswerChannel() + (d.getAnsweredByUser() == null ? "" : " (logged by "
                    + d.getAnsweredByUser() + ")"), d.getAnsweredByUser());
        };
    }

    /** Task_RemindClientOfQuote (a non-interrupting timer): the same links again while the quote is open. */
    @Bean
    JavaDelegate remindQuoteDelegate(IncidentService incidents, ClientDecisions decisions, IncidentMails mails) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            ClientDecision d = quote(decisions, execution);
            if (d.getStatus() != DecisionStatus.PENDING) {
                return;
            }
            Long sent = ProcessVariables.number(execution, Version1.QUOTE_REMINDERS_SENT);
            long n = (sent == null ? 0 : sent) + 1;
            mails.quoteReminder(incidents.context(number), d, n);
            execution.setVariable(Version1.QUOTE_REMINDERS_SENT, n);
            incidents.record(number, IncidentEvent.Kind.QUOTE_REMINDED, "reminder " + n + " sent to "
                    + d.getRecipientEmail(), null);
        };
    }

    /**
     * Task_ExpireQuote (at the quote's expiry): the link closes, the client is told, and as its mail
     * said, the hoster stays alone in charge: nothing of ours is carried out.
     */
    @Bean
    JavaDelegate expireQuoteDelegate(IncidentService incidents, ClientDecisions decisions, IncidentMails mails) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            ClientDecision d = decisions.expire(quote(decisions, execution).getId());
            execution.setVariable(Vars.QUOTE_APPROVED, false);
            mails.quoteExpired(incidents.context(number), d);
            incidents.record(number, IncidentEvent.Kind.QUOTE_EXPIRED, "no answer by " + d.getExpiresAt()
                    + ": the link is closed (" + d.getStatus() + ") and the hoster stays in charge (RD-extra)", null);
        };
    }

    /** The quote's decision record, which must belong to this process instance. */
    private static ClientDecision quote(ClientDecisions decisions, DelegateExecution execution) {
        return ClientDecisionDelegates.ownDecision(decisions,
                ProcessVariables.requiredText(execution, Version1.QUOTE_DECISION_ID), execution);
    }
}
