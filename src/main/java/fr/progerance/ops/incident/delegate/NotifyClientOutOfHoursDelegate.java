package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentMails;
import fr.progerance.ops.incident.IncidentService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifyClientOutOfHours (R4.3-t2): the client learns that nothing is guaranteed yet. */
@Component("notifyClientOutOfHoursDelegate")
public class NotifyClientOutOfHoursDelegate implements JavaDelegate {

    private final IncidentService incidents;
    private final IncidentMails mails;

    public NotifyClientOutOfHoursDelegate(IncidentService incidents, IncidentMails mails) {
        this.incidents = incidents;
        this.mails = mails;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
        IncidentService.Context ctx = incidents.context(number);
        mails.outOfHours(ctx, ProcessVariables.instant(execution, Vars.NEXT_BUSINESS_OPENING));
        incidents.record(number, IncidentEvent.Kind.CLIENT_TOLD_NO_GUARANTEE,
                "R4.3-t2: no guaranteed intervention time outside business hours without the client's agreement", null);
    }
}
