package fr.progerance.ops.incident;

import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who sees and starts {@code IncidentHandling} (README, authorization matrix): ops report incidents
 * (Tasklist's start form, {@code POST /api/incidents}) and read them with their variables and
 * history; managers read them (they declare force majeure through the API, which correlates for
 * them). The tasks themselves go to their candidate groups in the model: ops, and managers for
 * lifting force majeure.
 */
@Configuration(proxyBeanMethods = false)
public class IncidentHandlingAccess {

    @Bean
    ProcessAccess incidentHandlingProcessAccess() {
        return new ProcessAccess(IncidentHandlingProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS),
                List.of(OpsGroups.OPS));
    }
}
