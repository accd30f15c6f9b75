package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.calendar.IncidentDeadlines;
import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentClocks;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentService;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_StartSlaClocks: the deadlines of R4.3-p1, R4.3-p2 or R4.3-t1 from the calendar component,
 * as Date variables that the ops tasks' due dates and the timers use. The clock starts at the
 * instant it really starts, read from the incident record, not when this job happens to run: the
 * detection; or (R4.3-t2) the instant ops logged the client's agreement to act now, or the
 * business-hours opening the work waited for. Force majeure declared before (R9) starts the clocks
 * held: {@link Vars#CLOCKS_HELD} sends a token to hold their timers once they exist.
 */
@Component("startSlaClocksDelegate")
public class StartSlaClocksDelegate implements JavaDelegate {

    private final IncidentService incidents;
    private final IncidentClocks clocks;

    public StartSlaClocksDelegate(IncidentService incidents, IncidentClocks clocks) {
        this.incidents = incidents;
        this.clocks = clocks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
        IncidentService.Context ctx = incidents.context(number);
        Incident incident = ctx.incident();
        Instant clockStart = incident.getDetectedAt();
        boolean agreed = ctx.contract().isTierceOutOfHoursAgreed();
        if (incident.getDeferredUntil() != null) {
            if (Boolean.TRUE.equals(incident.getActNowAgreed())) {
                clockStart = incident.getAgreementRecordedAt();
                agreed = true;
            } else {
                clockStart = incident.getDeferredUntil();
                incidents.record(number, IncidentEvent.Kind.WAITED_FOR_BUSINESS_HOURS, "R4.3-t2", null);
            }
        }
        IncidentDeadlines deadlines = clocks.deadlines(incident.getInfrastructure(), incident.getServiceLevel(),
                incident.getCategory(), clockStart, agreed);
        if (deadlines.interventionDue() == null) {
            // R4.3-t2 without agreement and a report reaching this point outside business hours: the
            // intervention clock starts at the next opening, as for a wait.
            clockStart = clocks.nextBusinessOpening(clockStart);
            deadlines = clocks.deadlines(incident.getInfrastructure(), incident.getServiceLevel(),
                    incident.getCategory(), clockStart, agreed);
        }
        incidents.startClocks(number, clockStart, deadlines);
        boolean held = incidents.get(number).getForceMajeureSince() != null;
        if (held) {
            incidents.record(number, IncidentEvent.Kind.CLOCKS_HELD, "R9: force majeure declared before the clocks"
                    + " started; they stand still until it is lifted", null);
        }
        execution.setVariable(Vars.SLA_RULE, deadlines.rule());
        execution.setVariable(Vars.SLA_GUARANTEED, deadlines.guaranteed());
        execution.setVariable(Vars.INTERVENTION_DUE, ProcessVariables.date(deadlines.interventionDue().toInstant()));
        execution.setVariable(Vars.RESTORATION_DUE, deadlines.restorationDue() == null ? null
                : ProcessVariables.date(deadlines.restorationDue().toInstant()));
        execution.setVariable(Vars.RESTORATION_GUARANTEED, deadlines.restorationDue() != null);
        execution.setVariable(Vars.CLOCKS_HELD, held);
    }
}
