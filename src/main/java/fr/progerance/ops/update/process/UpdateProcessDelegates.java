package fr.progerance.ops.update.process;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.update.UpdateMetrics;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.process.UpdateContexts.UpdateContext;
import java.time.Instant;
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
 * The thin delegates and the task listener of {@code MinorUpdate}, {@code MajorUpdate} and
 * {@code UpdateWatch} (DESIGN rule 3): each reads the update id, calls one domain service, and writes
 * the few variables that steer the flow, copied from the records it read (DESIGN rule 11).
 */
@Configuration(proxyBeanMethods = false)
public class UpdateProcessDelegates {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '(Europe/Paris)'");

    /**
     * MinorUpdate, Task_LoadMinorUpdate (R4.0-b): the record must be a PENDING minor or patch update with a
     * due date; its due date and security flag become the planning task's due date, its priority
     * (security first) and the overdue timer.
     */
    @Bean
    JavaDelegate minorUpdateLoadDelegate(UpdateContexts contexts, UpdateProcessSettings settings, ContractClock clock) {
        return execution -> {
            UpdateContext ctx = contexts.of(ProcessValues.updateId(execution));
            UpdateView u = ctx.update();
            if (!u.kind().includedInContract() || u.dueAt() == null || u.status() != UpdateStatus.PENDING) {
                throw new ProcessEngineException("Update " + u.id() + " is a " + u.kind() + " update, " + u.status()
                        + (u.dueAt() == null ? ", without a due date" : "") + ": " + MinorUpdateProcess.KEY
                        + " plans PENDING minor or patch updates with a due date (R4.0-b)");
            }
            context(execution, ctx);
            execution.setVariable(MinorUpdateProcess.Vars.SECURITY, u.security());
            execution.setVariable(MinorUpdateProcess.Vars.DUE_AT, Date.from(u.dueAt()));
            execution.setVariable(MinorUpdateProcess.Vars.DUE_TEXT, shown(clock, u.dueAt()));
            execution.setVariable(MinorUpdateProcess.Vars.PRIORITY, settings.priority(u.security()));
        };
    }

    /**
     * The complete listener of both planning tasks: the window is checked again and recorded on the
     * update by the logged-in user (DESIGN rule 11); the completion check refused bad input before.
     */
    @Bean
    TaskListener updateWindowListener(WindowPlanning planning, IdentityService identity) {
        return task -> {
            try {
                planning.record(ProcessValues.updateId(task), task::getVariable, ProcessValues.user(identity, task));
            } catch (WindowPlanning.Refused refused) {
                throw new ProcessEngineException(refused.getMessage(), refused);
            }
        };
    }

    /** MinorUpdate, Task_EscalateOverdueUpdate (R4.0-b): managers mailed once, the escalation counted, unless finished. */
    @Bean
    JavaDelegate escalateOverdueUpdateDelegate(UpdateContexts contexts, UpdateProcessMails mails, UpdateMetrics metrics) {
        return execution -> {
            UpdateContext ctx = contexts.of(ProcessValues.updateId(execution));
            if (ctx.update().status().finished()) {
                return;
            }
            mails.overdue(ctx);
            metrics.escalated(ctx.update().security());
        };
    }

    /**
     * MajorUpdate, Task_PrepareQuoteRequest (R4.0-c): QuoteApproval's inputs from the record and the
     * register: subject {@code update:<id>}, client, server, French title and what happens without an approval.
     */
    @Bean
    JavaDelegate majorUpdateQuoteRequestDelegate(UpdateContexts contexts, UpdateProcessMails mails) {
        return execution -> {
            UpdateContext ctx = contexts.of(ProcessValues.updateId(execution));
            UpdateView u = ctx.update();
            if (!u.kind().needsQuote() || u.status() != UpdateStatus.AWAITING_QUOTE) {
                throw new ProcessEngineException("Update " + u.id() + " is a " + u.kind() + " update, " + u.status()
                        + ": " + MajorUpdateProcess.KEY + " quotes MAJOR updates awaiting their quote (R4.0-c)");
            }
            context(execution, ctx);
            execution.setVariable(MajorUpdateProcess.Vars.QUOTE_SUBJECT, UpdateVariables.businessKey(u.id()));
            execution.setVariable(MajorUpdateProcess.Vars.QUOTE_CLIENT_ID, ctx.server().clientId());
            execution.setVariable(MajorUpdateProcess.Vars.QUOTE_SERVER_ID, ctx.server().id());
            execution.setVariable(MajorUpdateProcess.Vars.QUOTE_TITLE, mails.majorQuoteTitle(u));
            execution.setVariable(MajorUpdateProcess.Vars.QUOTE_NO_ANSWER, mails.majorQuoteNoAnswer(u));
        };
    }

    /** MajorUpdate, Task_ReadQuoteDecision (DESIGN rule 11, R4.0-c): the quote record decides. */
    @Bean
    JavaDelegate majorUpdateReadQuoteDelegate(MajorUpdateDecisions decisions, UpdateProcessSettings settings,
            ContractClock clock) {
        return execution -> {
            MajorUpdateDecisions.Decision d = decisions.read(ProcessValues.updateId(execution), quoteId(execution),
                    execution.getProcessInstanceId());
            execution.setVariable(MajorUpdateProcess.Vars.QUOTE_APPROVED, d.approved());
            execution.setVariable(MajorUpdateProcess.Vars.QUOTE_STATUS, d.quote().status().name());
            execution.setVariable(MajorUpdateProcess.Vars.WINDOW_AHEAD, d.windowAhead());
            if (d.approved() && !d.windowAhead()) {
                Instant due = clock.after(settings.getProcesses().getReplanTime()).toInstant();
                execution.setVariable(MajorUpdateProcess.Vars.PLAN_DUE_AT, Date.from(due));
                execution.setVariable(MajorUpdateProcess.Vars.DUE_TEXT, shown(clock, due));
            }
        };
    }

    /** MajorUpdate, Task_ScheduleQuotedWindow (R4.0-c): the approved quote's window on the update. */
    @Bean
    JavaDelegate majorUpdateScheduleDelegate(MajorUpdateDecisions decisions) {
        return execution -> decisions.scheduleQuotedWindow(ProcessValues.updateId(execution), quoteId(execution),
                execution.getProcessInstanceId());
    }

    /** MajorUpdate, Task_CloseUnapprovedUpdate (R4.0-c): NOT_DONE with the reason; nothing reaches the server. */
    @Bean
    JavaDelegate majorUpdateCloseDelegate(MajorUpdateDecisions decisions) {
        return execution -> decisions.closeNotApproved(ProcessValues.updateId(execution), quoteId(execution),
                execution.getProcessInstanceId());
    }

    /** UpdateWatch, Task_CheckServerVersion (RD-ps, R4.0-b, R4.0-c): one server's check. */
    @Bean
    JavaDelegate updateWatchCheckDelegate(UpdateWatcher watcher) {
        return execution -> watcher.check(ProcessValues.required(execution, UpdateWatchProcess.Vars.SERVER_ID));
    }

    private static long quoteId(DelegateExecution execution) {
        return ProcessValues.required(execution, MajorUpdateProcess.Vars.QUOTE_ID);
    }

    /** The display copies both processes show on the planning form and in Cockpit. */
    private static void context(DelegateExecution execution, UpdateContext ctx) {
        execution.setVariable(UpdateVariables.SERVER_NAME, ctx.server().name());
        execution.setVariable(UpdateVariables.CLIENT_NAME, ctx.server().clientName());
        execution.setVariable(UpdateVariables.INFRASTRUCTURE, ctx.server().infrastructure().name());
        execution.setVariable(UpdateVariables.FROM_VERSION, ctx.update().fromVersion());
        execution.setVariable(UpdateVariables.TO_VERSION, ctx.update().toVersion());
    }

    static String shown(ContractClock clock, Instant instant) {
        return SHOWN.format(clock.atZone(instant));
    }
}
