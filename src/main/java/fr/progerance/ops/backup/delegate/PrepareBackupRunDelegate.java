package fr.progerance.ops.backup.delegate;

import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.BackupProcess.Vars;
import fr.progerance.ops.backup.BackupRun;
import fr.progerance.ops.backup.BackupRuns;
import fr.progerance.ops.backup.BackupSettings;
import fr.progerance.ops.backup.BackupTrigger;
import fr.progerance.ops.backup.RepositoryLocator;
import fr.progerance.ops.calendar.ContractClock;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_PrepareBackupRun: the run's record (created once per process instance; a retried job finds
 * it), the client's repository (created with {@code restic init} when missing), and when the run
 * is overdue (its kind's freshness limit, DESIGN rule 12).
 */
@Component("prepareBackupRunDelegate")
public class PrepareBackupRunDelegate implements JavaDelegate {

    private final BackupRuns runs;
    private final RepositoryLocator repositories;
    private final BackupSettings settings;
    private final ContractClock clock;

    public PrepareBackupRunDelegate(BackupRuns runs, RepositoryLocator repositories, BackupSettings settings,
            ContractClock clock) {
        this.runs = runs;
        this.repositories = repositories;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long serverId = StartVariables.serverId(execution);
        BackupKind kind = StartVariables.kind(execution);
        BackupTrigger trigger = StartVariables.trigger(execution);
        BackupRun run = runs.open(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), serverId, kind,
                trigger);
        repositories.ensure(run.getClientId());
        execution.setVariable(Vars.RUN_ID, run.getId());
        execution.setVariable(Vars.CLIENT_ID, run.getClientId());
        execution.setVariable(Vars.OVERDUE_AT, Date.from(clock.after(settings.getFreshness().of(kind)).toInstant()));
    }
}
