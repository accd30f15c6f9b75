package fr.progerance.ops.backup;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one instance of the latest {@code BackupSchedule} running (its event subprocesses hold the
 * timers): at start, an instance of an older version is replaced (a new model's timers apply), and
 * none running means one is started. Two nodes starting at once may both start one; the runs stay
 * single anyway (business key per server, kind and date, one live run per server and kind).
 */
@Component
public class BackupScheduleKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(BackupScheduleKeeper.class);

    private final RuntimeService runtime;
    private final RepositoryService repository;

    public BackupScheduleKeeper(RuntimeService runtime, RepositoryService repository) {
        this.runtime = runtime;
        this.repository = repository;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        ensureRunning();
    }

    /** @return the running instance of the latest version */
    public ProcessInstance ensureRunning() {
        ProcessDefinition latest = repository.createProcessDefinitionQuery()
                .processDefinitionKey(BackupScheduleProcess.KEY).latestVersion().singleResult();
        if (latest == null) {
            throw new IllegalStateException(BackupScheduleProcess.KEY + " is not deployed");
        }
        List<ProcessInstance> running = runtime.createProcessInstanceQuery()
                .processDefinitionKey(BackupScheduleProcess.KEY).active().list();
        ProcessInstance current = null;
        for (ProcessInstance instance : running) {
            if (instance.getProcessDefinitionId().equals(latest.getId()) && current == null) {
                current = instance;
            } else if (!instance.getProcessDefinitionId().equals(latest.getId())) {
                runtime.deleteProcessInstance(instance.getId(), "Replaced by " + BackupScheduleProcess.KEY
                        + " version " + latest.getVersion(), true, true);
            }
        }
        if (current == null) {
            current = runtime.startProcessInstanceById(latest.getId(), BackupScheduleProcess.BUSINESS_KEY);
            LOG.info("Backup schedule started (version {}, instance {})", latest.getVersion(), current.getId());
        }
        return current;
    }
}
