package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who sees the {@code AvailabilityPenalties} process (README, authorization matrix): managers (who
 * review the month) and ops read it; only the application starts it.
 */
@Configuration(proxyBeanMethods = false)
public class AvailabilityPenaltiesAccess {

    @Bean
    ProcessAccess availabilityPenaltiesProcessAccess() {
        return new ProcessAccess(AvailabilityPenaltiesProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS),
                List.of());
    }
}
