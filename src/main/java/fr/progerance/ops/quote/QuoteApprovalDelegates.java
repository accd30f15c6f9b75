package fr.progerance.ops.quote;

import fr.progerance.ops.contract.Contact;
import fr.progerance.ops.notify.Answer;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.DecisionRequest;
import fr.progerance.ops.notify.DecisionStatus;
import fr.progerance.ops.quote.QuoteApprovalProcess.Messages;
import fr.progerance.ops.quote.QuoteApprovalProcess.Vars;
import fr.progerance.ops.quote.QuoteMails.Amounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates and listeners of {@code QuoteApproval} (DESIGN rule 3: thin; the rules live in
 * {@link QuoteService}, {@link QuotePreparation}, {@link QuoteCalendar} and {@link QuoteMails}).
 * Every step finds its quote by its own process instance (one record per instance), never by a
 * variable, and the decision by the record (DESIGN rule 11).
 */
@Configuration(proxyBeanMethods = false)
public class QuoteApprovalDelegates {

    /**
     * Task_OpenQuote: what the caller passed, checked, becomes the PREPARING record (with the
     * calling instance); {@code quoteId} for the caller's {@code camunda:out}, and what the
     * preparation form shows and proposes.
     */
    @Bean
    JavaDelegate openQuoteDelegate(QuoteService quotes, QuoteCalendar calendar) {
        return execution -> {
            DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
            Quote q;
            try {
                q = quotes.open(execution.getProcessInstanceId(), caller == null ? null : caller.getProcessInstanceId(),
                        new QuoteService.Request(text(execution, Vars.SUBJECT), number(execution, Vars.CLIENT_ID),
                                number(execution, Vars.SERVER_ID), text(execution, Vars.TITLE),
                                text(execution, Vars.NO_ANSWER)));
            } catch (IllegalArgumentException badCall) {
                throw new ProcessEngineException("QuoteApproval was called wrongly: " + badCall.getMessage(), badCall);
            }
            QuoteService.Context ctx = quotes.context(execution.getProcessInstanceId());
            execution.setVariable(Vars.QUOTE_ID, q.getId());
            execution.setVariable(Vars.CLIENT_NAME, ctx.clientName());
            execution.setVariable(Vars.SERVER_NAME, ctx.serverName());
            execution.setVariable(Vars.PREPARATION_DUE, Date.from(calendar.preparationDue()));
            if (execution.getVariable(Vars.VALID_UNTIL) == null) {
                execution.setVariable(Vars.VALID_UNTIL, calendar.defaultValidUntil().toString());
            }
        };
    }

    /**
     * On completion of Task_PrepareQuote (checked before by {@link QuoteCompletionChecks}): RD-extra,
     * R4.0-c, what ops entered, on the record with the logged-in user, and the quote's number.
     */
    @Bean
    TaskListener quotePreparationListener(QuoteService quotes, QuoteCalendar calendar, IdentityService identity) {
        return task -> {
            QuotePreparation p;
            try {
                p = QuotePreparation.read(task::getVariable, calendar);
            } catch (QuotePreparation.Refusal refusal) {
                throw new ProcessEngineException(refusal.getMessage(), refusal);
            }
            Quote q = quotes.prepare(task.getProcessInstanceId(), p, user(identity, task));
            task.getExecution().setVariable(Vars.NUMBER, q.getNumber());
        };
    }

    /**
     * Task_SendQuote (R4.3-t4, R7.1): the decision record (purpose QUOTE), valid until the end of
     * the validity day in Paris, and the French quote with its signed links to the client's first
     * contact who may authorise. A retried job gets the same decision and mails nothing twice.
     */
    @Bean
    JavaDelegate sendQuoteToClientDelegate(QuoteService quotes, ClientDecisions decisions, QuoteMails mails,
            QuoteCalendar calendar, QuoteSettings settings) {
        return execution -> {
            String pid = execution.getProcessInstanceId();
            QuoteService.Context ctx = quotes.context(pid);
            Quote q = ctx.quote();
            Contact contact = ctx.recipient().orElseThrow(() -> new ProcessEngineException("Client "
                    + ctx.clientName() + " has no contact who may authorise with an email address (R4.3-t4): add one"
                    + " in the register; quote " + q.getNumber() + " is sent at the next retry"));
            BigDecimal vatRate = q.getVatRate() != null ? q.getVatRate() : settings.getVatRate();
            Amounts amounts = Amounts.of(q.getAmountExclTax(), vatRate);
            Instant expiry = calendar.expiry(q.getValidUntil());
            ClientDecision d = decisions.request(new DecisionRequest("quote:" + pid + ":approval",
                    QuoteApprovalProcess.PURPOSE, mails.question(q, amounts), mails.details(q, amounts), pid,
                    Messages.ANSWERED, QuoteApprovalProcess.DECISION_PREFIX, contact.getId(), contact.getEmail(),
                    q.getDecisionId() == null ? calendar.linkValidity(expiry) : null));
            Quote sent = quotes.sent(pid, d, contact.getEmail(), vatRate);
            mails.request(ctx, d, contact, amounts, mails.noAnswer(q.getNoAnswer()));
            execution.setVariable(Vars.RECIPIENT, contact.getName() + " <" + contact.getEmail() + ">");
            execution.setVariable(Vars.EXPIRES_AT, Date.from(d.getExpiresAt()));
            execution.setVariable(Vars.REMINDER_CYCLE, calendar.reminderCycle(sent.getSentAt(), d.getExpiresAt()));
        };
    }

    /**
     * On completion of Task_FollowUpQuote (checked by {@link QuoteCompletionChecks}): the client's
     * answer by phone, on the decision record with the logged-in ops user (DESIGN rule 11).
     */
    @Bean
    TaskListener quoteFollowUpListener(QuoteService quotes, ClientDecisions decisions, IdentityService identity) {
        return task -> decisions.recordAnsweredByPhone(quotes.ofProcess(task.getProcessInstanceId()).getDecisionId(),
                Answer.valueOf(text(task, Vars.PHONE_ANSWER)), user(identity, task));
    }

    /** Task_RemindClientOfQuote (DESIGN rule 12): the same links again while the quote is unanswered. */
    @Bean
    JavaDelegate remindClientOfQuoteDelegate(QuoteService quotes, ClientDecisions decisions, QuoteMails mails) {
        return execution -> {
            String pid = execution.getProcessInstanceId();
            QuoteService.Context ctx = quotes.context(pid);
            Quote q = ctx.quote();
            ClientDecision d = ownDecision(decisions, q, pid);
            if (q.getStatus() != QuoteStatus.SENT || d.getStatus() != DecisionStatus.PENDING) {
                return;
            }
            mails.reminder(ctx, d, Amounts.of(q.getAmountExclTax(), q.getVatRate()), mails.noAnswer(q.getNoAnswer()),
                    q.getRemindersSent() + 1);
            quotes.reminded(pid);
        };
    }

    /**
     * Task_CloseExpiredQuote (DESIGN rule 12): the validity ended unanswered; the link closes and the
     * client is told that the quote is closed and nothing will be done.
     */
    @Bean
    JavaDelegate closeExpiredQuoteDelegate(QuoteService quotes, ClientDecisions decisions, QuoteMails mails) {
        return execution -> {
            String pid = execution.getProcessInstanceId();
            QuoteService.Context ctx = quotes.context(pid);
            ClientDecision d = decisions.expire(ownDecision(decisions, ctx.quote(), pid).getId());
            if (d.getStatus() == DecisionStatus.EXPIRED) {
                mails.expired(ctx, d, mails.noAnswer(ctx.quote().getNoAnswer()));
            }
        };
    }

    /**
     * Task_RecordQuoteOutcome (DESIGN rule 11): the decision record's outcome, whichever channel
     * wrote it, becomes the quote's final status with who, when and the channel.
     */
    @Bean
    JavaDelegate recordQuoteOutcomeDelegate(QuoteService quotes, ClientDecisions decisions) {
        return execution -> {
            String pid = execution.getProcessInstanceId();
            try {
                quotes.decide(pid, ownDecision(decisions, quotes.ofProcess(pid), pid));
            } catch (IllegalStateException notDecided) {
                throw new ProcessEngineException(notDecided.getMessage(), notDecided);
            }
        };
    }

    /** The quote's decision record, which must belong to this process instance. */
    static ClientDecision ownDecision(ClientDecisions decisions, Quote q, String processInstanceId) {
        if (q.getDecisionId() == null) {
            throw new ProcessEngineException("Quote " + q.getNumber() + " has no decision: it was never sent");
        }
        ClientDecision d = decisions.find(q.getDecisionId())
                .orElseThrow(() -> new ProcessEngineException("No client decision " + q.getDecisionId()));
        if (!d.getProcessInstanceId().equals(processInstanceId)) {
            throw new ProcessEngineException("Client decision " + d.getId() + " belongs to another process instance");
        }
        return d;
    }

    /** The Tasklist user completing {@code task}: the engine's authentication, else the assignee; required. */
    static String user(IdentityService identity, DelegateTask task) {
        Authentication who = identity.getCurrentAuthentication();
        String user = who != null && who.getUserId() != null ? who.getUserId() : task.getAssignee();
        if (user == null || user.isBlank()) {
            throw new ProcessEngineException("No user to name in the record of task " + task.getId());
        }
        return user;
    }

    static String text(org.camunda.bpm.engine.delegate.VariableScope scope, String name) {
        Object v = scope.getVariable(name);
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }

    static Long number(org.camunda.bpm.engine.delegate.VariableScope scope, String name) {
        Object v = scope.getVariable(name);
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            return ((Number) v).longValue();
        }
        try {
            return new BigDecimal(v.toString().strip()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ProcessEngineException("Variable '" + name + "' must be a whole number, got '"
                    + fr.progerance.ops.web.Excerpt.of(v) + "'");
        }
    }
}
