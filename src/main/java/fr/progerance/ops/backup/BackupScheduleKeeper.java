package fr.progerance.ops.backup;

import fr.progerance.ops.engine.LongLivedProcess;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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

    private static final LongLivedProcess PROCESS = new LongLivedProcess(BackupScheduleProcess.KEY,
            BackupScheduleProcess.BUSINESS_KEY, null, "Backup schedule");

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
        return PROCESS.ensureRunning(runtime, repository);
    }
}
