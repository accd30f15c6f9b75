package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentMails;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.notify.ClientDecisions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Carrying out, restoration, closing and the client's report. */
@Configuration(proxyBeanMethods = false)
public class ClosingDelegates {

    /** On completion of Task_CarryOutDecidedAction: what ops did, in the timeline, with who did it. */
    @Bean
    TaskListener actionCarriedOutListener(IncidentService incidents, IdentityService identity) {
        return task -> {
            String number = ProcessVariables.requiredText(task, Vars.INCIDENT_NUMBER);
            // Either a client decision (R4.3-t3..t5) or an approved complementary-work quote (RD-extra).
            String outcome = ProcessVariables.text(task, Vars.DECISION_OUTCOME);
            String what = outcome == null ? "quote approved: " + ProcessVariables.text(task, Vars.QUOTE_DESCRIPTION)
                    : outcome + ": " + ProcessVariables.text(task, Vars.DECISION_DESCRIPTION);
            String notes = ProcessVariables.text(task, Vars.ACTION_NOTES);
            incidents.record(number, IncidentEvent.Kind.ACTION_CARRIED_OUT,
                    what + (notes == null ? "" : " (" + notes + ")"), TaskChannels.user(identity, task));
        };
    }

    /**
     * On completion of Task_ConfirmRestoration: ops' confirmation, on the incident record with who
     * confirmed it and when (the restoration time of the GTR); Gateway_Restored reads the record.
     */
    @Bean
    TaskListener restorationConfirmationListener(IncidentService incidents, IdentityService identity) {
        return task -> {
            Incident incident = incidents.confirmRestoration(ProcessVariables.requiredText(task, Vars.INCIDENT_NUMBER),
                    ProcessVariables.flag(task, Vars.RESTORED), TaskChannels.user(identity, task),
                    ProcessVariables.text(task, Vars.RESTORATION_NOTES));
            task.getExecution().setVariable(Vars.RESTORATION_CONFIRMED, incident.getRestoredAt() != null);
        };
    }

    /** Task_CloseIncident: the restored incident closes; pending client links are cancelled. */
    @Bean
    JavaDelegate closeIncidentDelegate(IncidentService incidents, ClientDecisions decisions) {
        return execution -> {
            incidents.close(ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER));
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
