package fr.progerance.ops.backup;

import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who sees and starts the backup processes: ops and managers read them (Cockpit: runs, incidents,
 * the schedule); ops start a manual backup ({@code POST /api/servers/{id}/backups}). Nobody but
 * administrators completes their external tasks or writes their variables: the run records are
 * written by the application's handlers only.
 */
@Configuration(proxyBeanMethods = false)
public class BackupAccess {

    @Bean
    ProcessAccess backupProcessAccess() {
        return new ProcessAccess(BackupProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS),
                List.of(OpsGroups.OPS));
    }

    @Bean
    ProcessAccess backupScheduleProcessAccess() {
        return new ProcessAccess(BackupScheduleProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS),
                List.of(OpsGroups.OPS));
    }
}
