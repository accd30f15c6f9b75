package fr.progerance.ops.backup.delegate;

import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.BackupScheduleProcess;
import fr.progerance.ops.backup.BackupStarter;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.contract.ServerRepository;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Task_StartDatabaseBackups, Task_StartFilesBackups, Task_StartServerBackups (R3.6-b): one
 * {@code Backup} per server of an ACTIVE contract for the task's kind, with the business key {@code <serverId>:<kind>:<date>}, so a retried job
 * starts nothing twice.
 */
@Component("startScheduledBackupsDelegate")
public class StartScheduledBackupsDelegate implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(StartScheduledBackupsDelegate.class);

    private final ServerRepository servers;
    private final BackupStarter starter;
    private final ContractClock clock;

    public StartScheduledBackupsDelegate(ServerRepository servers, BackupStarter starter, ContractClock clock) {
        this.servers = servers;
        this.starter = starter;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        BackupKind kind = BackupScheduleProcess.kindOf(execution.getCurrentActivityId()).orElseThrow(
                () -> new IllegalStateException(execution.getCurrentActivityId() + " starts no backups"));
        LocalDate date = clock.today();
        List<Long> active = servers.findAllByOrderByIdAsc().stream()
                .filter(s -> s.getContract().getStatus() == ContractStatus.ACTIVE).map(s -> s.getId()).toList();
        int started = 0;
        for (long serverId : active) {
            if (starter.startScheduled(serverId, kind, date)) {
                started++;
            }
        }
        LOG.info("Scheduled {} backups of {}: {} started for {} servers of active contracts", kind, date, started,
                active.size());
    }
}
