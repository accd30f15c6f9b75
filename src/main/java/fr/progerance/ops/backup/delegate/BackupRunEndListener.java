package fr.progerance.ops.backup.delegate;

import fr.progerance.ops.backup.BackupRuns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The end of a {@code Backup} instance (its end event, or a cancellation in Cockpit): the run's
 * slot is freed so the next run of that server and kind may start; a run cancelled before its
 * snapshot was mirrored is recorded as failed, with the reason.
 */
@Component("backupRunEndListener")
public class BackupRunEndListener implements ExecutionListener {

    private final BackupRuns runs;

    public BackupRunEndListener(BackupRuns runs) {
        this.runs = runs;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String reason = execution.isCanceled() ? "The run's process instance was cancelled before its snapshot"
                + " was mirrored" : "The run's process ended before its snapshot was mirrored";
        runs.processEnded(execution.getProcessInstanceId(), reason);
    }
}
