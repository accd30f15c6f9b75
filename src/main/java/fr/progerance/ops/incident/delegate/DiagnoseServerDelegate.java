package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.incident.DiagnosisReport;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.ServerDiagnosis;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_DiagnoseServer (asynchronous, retried): runs in parallel with the take-charge task and never
 * delays it. An unreachable server is recorded at once as a finding.
 */
@Component("diagnoseServerDelegate")
public class DiagnoseServerDelegate implements JavaDelegate {

    private final IncidentService incidents;
    private final ServerDiagnosis diagnosis;

    public DiagnoseServerDelegate(IncidentService incidents, ServerDiagnosis diagnosis) {
        this.incidents = incidents;
        this.diagnosis = diagnosis;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
        DiagnosisReport report = diagnosis.diagnose(incidents.context(number).server());
        incidents.record(number, report.reachable() ? IncidentEvent.Kind.DIAGNOSIS : IncidentEvent.Kind.SERVER_UNREACHABLE,
                report.text(), null);
        execution.setVariable(Vars.DIAGNOSIS, report.text());
        execution.setVariable(Vars.SERVER_REACHABLE, report.reachable());
    }
}
