package fr.progerance.ops.update.process;

import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who sees and starts the update processes (README, authorization matrix): ops and managers read
 * them; ops start a major update ({@code POST /api/updates}, R4.0-c: it starts with a quote);
 * minor updates and the watch are started by the application only.
 */
@Configuration(proxyBeanMethods = false)
public class UpdateAccess {

    @Bean
    ProcessAccess minorUpdateProcessAccess() {
        return new ProcessAccess(MinorUpdateProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS), List.of());
    }

    @Bean
    ProcessAccess majorUpdateProcessAccess() {
        return new ProcessAccess(MajorUpdateProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS),
                List.of(OpsGroups.OPS));
    }

    @Bean
    ProcessAccess updateWatchProcessAccess() {
        return new ProcessAccess(UpdateWatchProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS), List.of());
    }
}
