package fr.progerance.ops.backup.restore;

import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who sees and starts the restore processes (README, authorization matrix): ops request restores
 * (Tasklist's start form, {@code POST /api/servers/{id}/restores}) and read them; managers read
 * them. The drill starts by its timer only: nobody starts it by hand.
 */
@Configuration(proxyBeanMethods = false)
public class RestoreAccess {

    @Bean
    ProcessAccess restoreProcessAccess() {
        return new ProcessAccess(RestoreProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS), List.of(OpsGroups.OPS));
    }

    @Bean
    ProcessAccess restoreDrillProcessAccess() {
        return new ProcessAccess(RestoreDrillProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS), List.of());
    }
}
