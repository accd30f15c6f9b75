package fr.progerance.ops.update.apply;

import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who sees {@code ApplyUpdate} (README, authorization matrix): ops and managers read it; nobody
 * starts it by hand (MinorUpdate and MajorUpdate call it once the window is recorded).
 */
@Configuration(proxyBeanMethods = false)
public class ApplyUpdateAccess {

    @Bean
    ProcessAccess applyUpdateProcessAccess() {
        return new ProcessAccess(ApplyUpdateProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS), List.of());
    }
}
