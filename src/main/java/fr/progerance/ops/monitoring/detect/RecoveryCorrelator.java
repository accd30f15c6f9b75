package fr.progerance.ops.monitoring.detect;

import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Messages;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentService;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the incident's {@code IncidentHandling} that monitoring saw its server answer again:
 * {@code Message_MonitoringRecovered} by business key (the incident number), which starts the
 * non-interrupting {@code SubProcess_MonitoringRecovery} (the recovery on the timeline; ops still
 * confirm the restoration). An incident whose instance does not wait for it (an instance of an older
 * model version, or none) gets the timeline line directly while it is open; a closed one gets nothing.
 */
@Component
public class RecoveryCorrelator {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryCorrelator.class);
    private static final int ATTEMPTS = 3;

    private final RuntimeService runtime;
    private final IncidentService incidents;

    public RecoveryCorrelator(RuntimeService runtime, IncidentService incidents) {
        this.runtime = runtime;
        this.incidents = incidents;
    }

    /** @return whether an IncidentHandling instance took the message */
    public boolean recovered(String incidentNumber, Instant at) {
        for (int attempt = 1; ; attempt++) {
            try {
                int taken = runtime.createMessageCorrelation(Messages.MONITORING_RECOVERED)
                        .processInstanceBusinessKey(incidentNumber)
                        .setVariableLocal(Vars.MONITORED_RECOVERY_AT, Date.from(at))
                        .correlateAllWithResult().size();
                if (taken > 0) {
                    LOG.info("Incident {}: monitoring saw the server answer again at {}", incidentNumber, at);
                    return true;
                }
                break;
            } catch (OptimisticLockingException e) {
                // Ops completed a task of the same instance at that moment: correlate again.
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
        if (incidents.find(incidentNumber).map(Incident::isOpen).orElse(false)) {
            incidents.record(incidentNumber, IncidentEvent.Kind.MONITORING_RECOVERED, "monitoring: the server answers"
                    + " again since " + at + " (no IncidentHandling instance waits for it); ops confirm the restoration",
                    "monitoring");
        }
        return false;
    }
}
