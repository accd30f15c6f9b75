package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentService;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SubProcess_MonitoringRecovery: monitoring (monitoring/detect) saw the incident's server answer
 * again and correlated {@code Message_MonitoringRecovered}. The recovery goes on the incident's
 * timeline; it restores nothing by itself (ops still confirm the restoration, R4.3-* GTR).
 */
@Configuration(proxyBeanMethods = false)
public class MonitoringRecoveryDelegate {

    /** Task_RecordMonitoredRecovery. */
    @Bean
    JavaDelegate recordMonitoredRecoveryDelegate(IncidentService incidents, ContractClock clock) {
        return execution -> {
            String number = ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER);
            Instant at = ProcessVariables.instant(execution, Vars.MONITORED_RECOVERY_AT);
            incidents.record(number, IncidentEvent.Kind.MONITORING_RECOVERED, "monitoring: the server answers again"
                    + (at == null ? "" : " since " + clock.atZone(at)) + "; ops confirm the restoration", "monitoring");
        };
    }
}
