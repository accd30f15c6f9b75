package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.monitoring.availability.AvailabilityPenaltiesProcess.Vars;
import fr.progerance.ops.engine.LongLivedProcess;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one instance of the latest {@code AvailabilityPenalties} running (R4.4-c). At start: none
 * running means one is started; an instance of an older version is replaced, and the month it was
 * waiting to review is handed to the new one ({@link Vars#MONTH}), so replacing the model never skips
 * a month (issuing a month again is idempotent). Two nodes starting at once may both start one; the
 * credit notes stay single anyway (one per contract and month).
 */
@Component
public class AvailabilityPenaltiesKeeper {

    private static final LongLivedProcess PROCESS = new LongLivedProcess(AvailabilityPenaltiesProcess.KEY,
            AvailabilityPenaltiesProcess.BUSINESS_KEY, Vars.MONTH, "Availability penalties");

    private final RuntimeService runtime;
    private final RepositoryService repository;

    public AvailabilityPenaltiesKeeper(RuntimeService runtime, RepositoryService repository) {
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
