package fr.progerance.ops.backup.delegate;

import fr.progerance.ops.backup.BackupMails;
import fr.progerance.ops.backup.BackupRun;
import fr.progerance.ops.backup.BackupRuns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ReportOverdueBackup (DESIGN rule 12): the run is not done at its kind's freshness limit; ops are mailed. */
@Component("reportOverdueBackupDelegate")
public class ReportOverdueBackupDelegate implements JavaDelegate {

    private final BackupRuns runs;
    private final BackupMails mails;

    public ReportOverdueBackupDelegate(BackupRuns runs, BackupMails mails) {
        this.runs = runs;
        this.mails = mails;
    }

    @Override
    public void execute(DelegateExecution execution) {
        BackupRun run = runs.ofProcessInstance(execution.getProcessInstanceId());
        mails.overdue(run, runs.server(run.getServerId()).getName());
    }
}
