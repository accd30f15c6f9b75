package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentMails;
import fr.progerance.ops.incident.IncidentService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_NotifyHoster (R4.2, R3.5): the hoster's emergency contact and the client are told. */
@Component("notifyHosterDelegate")
public class NotifyHosterDelegate implements JavaDelegate {

    private final IncidentService incidents;
    private final IncidentMails mails;

    public NotifyHosterDelegate(IncidentService incidents, IncidentMails mails) {
        this.incidents = incidents;
        this.mails = mails;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
        IncidentService.Context ctx = incidents.context(number);
        mails.hoster(ctx);
        incidents.record(number, IncidentEvent.Kind.ROUTED_TO_HOSTER, "R4.2: " + ctx.server().getHosterName(), null);
    }
}
