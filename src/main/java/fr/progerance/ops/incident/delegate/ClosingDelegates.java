package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentMails;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.notify.ClientDecisions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Restoration, closing and the client's report. */
@Configuration(proxyBeanMethods = false)
public class ClosingDelegates {

    /**
     * On completion of Task_CarryOutDecidedAction and Task_ConfirmRestoration: the timeline
     * records what ops did or that the service is not restored yet.
     */
    @Bean
    TaskListener incidentTimelineListener(IncidentService incidents) {
        return task -> {
            String number = ProcessVariables.requiredText(task, Vars.INCIDENT_NUMBER);
            String user = task.getAssignee();
            if (Elements.CARRY_OUT_ACTION.equals(task.getTaskDefinitionKey())) {
                // Either a client decision (R4.3-t3..t5) or an approved complementary-work quote (RD-extra).
                String what = ProcessVariables.flag(task, Vars.QUOTE_APPROVED) && ProcessVariables.text(task,
                        Vars.DECISION_OUTCOME) == null
                        ? "quote approved: " + ProcessVariables.text(task, Vars.QUOTE_DESCRIPTION)
                        : ProcessVariables.text(task, Vars.DECISION_OUTCOME) + ": "
                        + ProcessVariables.text(task, Vars.DECISION_DESCRIPTION);
                String notes = ProcessVariables.text(task, Vars.ACTION_NOTES);
                incidents.record(number, IncidentEvent.Kind.ACTION_CARRIED_OUT,
                        what + (notes == null ? "" : " (" + notes + ")"), user);
            } else if (!ProcessVariables.flag(task, Vars.RESTORED)) {
                incidents.record(number, IncidentEvent.Kind.RESTORATION_NOT_CONFIRMED,
                        ProcessVariables.text(task, Vars.RESTORATION_NOTES), user);
            }
        };
    }

    /** Task_CloseIncident: the restoration time is now; pending client links are cancelled. */
    @Bean
    JavaDelegate closeIncidentDelegate(IncidentService incidents, ClientDecisions decisions, IdentityService identity) {
        return execution -> {
            Authentication who = identity.getCurrentAuthentication();
            incidents.close(ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER),
                    who == null ? null : who.getUserId(), ProcessVariables.text(execution, Vars.RESTORATION_NOTES));
            decisions.cancelPending(execution.getProcessInstanceId());
        };
    }

    /** Task_SendIncidentReport: the French report to the client (timeline, deadlines, met or not). */
    @Bean
    JavaDelegate sendIncidentReportDelegate(IncidentService incidents, IncidentMails mails) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            IncidentService.Context ctx = incidents.context(number);
            mails.report(ctx, incidents.timeline(ctx.incident()));
            incidents.record(number, IncidentEvent.Kind.REPORT_SENT, String.join(", ",
                    IncidentMails.clientRecipients(ctx)), null);
        };
    }
}
