package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Task_RecordIntervention: the take-charge task was completed; its time is the intervention time
 * (GTI), the cause category decides whether the hoster takes it (R4.2, R3.5).
 */
@Component("recordInterventionDelegate")
public class RecordInterventionDelegate implements JavaDelegate {

    private final IncidentService incidents;
    private final IdentityService identity;

    public RecordInterventionDelegate(IncidentService incidents, IdentityService identity) {
        this.incidents = incidents;
        this.identity = identity;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
        // Task_TakeCharge's listener refused a completion without a cause; UNKNOWN is an explicit choice.
        CauseCategory cause = ProcessVariables.choice(execution, Vars.CAUSE_CATEGORY, CauseCategory.class);
        if (cause == null) {
            throw new org.camunda.bpm.engine.ProcessEngineException("Variable '" + Vars.CAUSE_CATEGORY
                    + "' is required: the take-charge form names the cause");
        }
        Authentication who = identity.getCurrentAuthentication();
        Incident incident = incidents.takeCharge(number, who == null ? null : who.getUserId(), cause,
                ProcessVariables.text(execution, Vars.TAKE_CHARGE_NOTES));
        // R4.2: from the record's classification
        execution.setVariable(Vars.ROUTE_TO_HOSTER, incident.getCauseCategory().routesToHoster(
                incident.getInfrastructure()));
    }
}
