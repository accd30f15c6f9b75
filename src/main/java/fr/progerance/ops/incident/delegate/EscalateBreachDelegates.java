package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentMails;
import fr.progerance.ops.incident.IncidentService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Task_EscalateInterventionBreach and Task_EscalateRestorationBreach: a deadline of R4.3-* passed;
 * the breach is recorded and the on-call ops and the managers are mailed.
 */
@Configuration(proxyBeanMethods = false)
public class EscalateBreachDelegates {

    @Bean
    JavaDelegate escalateInterventionBreachDelegate(IncidentService incidents, IncidentMails mails) {
        return execution -> {
            String number = number(execution);
            Incident incident = incidents.recordInterventionBreach(number);
            mails.escalation(incidents.context(number), "intervention", incident.getInterventionDue());
        };
    }

    @Bean
    JavaDelegate escalateRestorationBreachDelegate(IncidentService incidents, IncidentMails mails) {
        return execution -> {
            String number = number(execution);
            if (incidents.recordRestorationBreach(number)) {
                IncidentService.Context ctx = incidents.context(number);
                mails.escalation(ctx, "restoration", ctx.incident().getRestorationDue());
            }
        };
    }

    private static String number(DelegateExecution execution) {
        return ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
    }
}
