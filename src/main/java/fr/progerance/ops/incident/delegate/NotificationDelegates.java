package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentMails;
import fr.progerance.ops.incident.IncidentService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The client and hoster notices of IncidentHandling, each mailed once and recorded in the timeline. */
@Configuration(proxyBeanMethods = false)
public class NotificationDelegates {

    /** Task_NotifyClientOutOfHours (R4.3-t2): the client learns that nothing is guaranteed yet. */
    @Bean
    JavaDelegate notifyClientOutOfHoursDelegate(IncidentService incidents, IncidentMails mails) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            mails.outOfHours(incidents.context(number), ProcessVariables.instant(execution, Vars.NEXT_BUSINESS_OPENING));
            incidents.record(number, IncidentEvent.Kind.CLIENT_TOLD_NO_GUARANTEE, "R4.3-t2: no guaranteed intervention"
                    + " time outside business hours without the client's agreement", null);
        };
    }

    /**
     * Task_RemindHoster (a non-interrupting timer on Task_CoordinateWithHoster, every
     * ops.incident.hoster-follow-up): the hoster is asked where the restoration stands, the client
     * and the on-call ops in copy (R4.2, DESIGN rule 12).
     */
    @Bean
    JavaDelegate remindHosterDelegate(IncidentService incidents, IncidentMails mails) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            Long sent = ProcessVariables.number(execution, Vars.HOSTER_REMINDERS_SENT);
            long n = (sent == null ? 0 : sent) + 1;
            mails.hosterReminder(incidents.context(number), n);
            execution.setVariable(Vars.HOSTER_REMINDERS_SENT, n);
            incidents.record(number, IncidentEvent.Kind.HOSTER_REMINDED, "R4.2: reminder " + n, null);
        };
    }

    /** Task_NotifyHoster (R4.2, R3.5): the hoster's emergency contact and the client are told. */
    @Bean
    JavaDelegate notifyHosterDelegate(IncidentService incidents, IncidentMails mails) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            IncidentService.Context ctx = incidents.context(number);
            mails.hoster(ctx);
            incidents.record(number, IncidentEvent.Kind.ROUTED_TO_HOSTER, "R4.2: " + ctx.server().getHosterName(), null);
        };
    }
}
