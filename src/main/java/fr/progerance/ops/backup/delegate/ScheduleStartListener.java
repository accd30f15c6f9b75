package fr.progerance.ops.backup.delegate;

import fr.progerance.ops.backup.BackupScheduleProcess;
import fr.progerance.ops.backup.BackupScheduleProcess.Vars;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** On a backup timer start event of {@code BackupSchedule}: which kind's backups are due. */
@Component("backupScheduleStartListener")
public class ScheduleStartListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        String startEvent = execution.getCurrentActivityId();
        execution.setVariable(Vars.KIND, BackupScheduleProcess.kindOf(startEvent).orElseThrow(
                () -> new IllegalStateException(startEvent + " is not a backup timer of " + BackupScheduleProcess.KEY))
                .name());
    }
}
