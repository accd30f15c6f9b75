package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.monitoring.availability.AvailabilityPenaltiesProcess.Vars;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Keeps one instance of the latest {@code AvailabilityPenalties} running (R4.4-c). At start: none
 * running means one is started; an instance of an older version is replaced, and the month it was
 * waiting to review is handed to the new one ({@link Vars#MONTH}), so replacing the model never skips
 * a month (issuing a month again is idempotent). Two nodes starting at once may both start one; the
 * credit notes stay single anyway (one per contract and month).
 */
@Component
public class AvailabilityPenaltiesKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityPenaltiesKeeper.class);

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
        ProcessDefinition latest = repository.createProcessDefinitionQuery()
                .processDefinitionKey(AvailabilityPenaltiesProcess.KEY).latestVersion().singleResult();
        if (latest == null) {
            throw new IllegalStateException(AvailabilityPenaltiesProcess.KEY + " is not deployed");
        }
        List<ProcessInstance> running = runtime.createProcessInstanceQuery()
                .processDefinitionKey(AvailabilityPenaltiesProcess.KEY).active().list();
        ProcessInstance current = null;
        String carried = null;
        for (ProcessInstance instance : running) {
            if (instance.getProcessDefinitionId().equals(latest.getId())) {
                current = current == null ? instance : current;
                continue;
            }
            // The earliest month an old instance still had to review (YYYY-MM sorts as text).
            Object waiting = runtime.getVariable(instance.getId(), Vars.MONTH);
            if (waiting instanceof String month && (carried == null || month.compareTo(carried) < 0)) {
                carried = month;
            }
            runtime.deleteProcessInstance(instance.getId(), "Replaced by " + AvailabilityPenaltiesProcess.KEY
                    + " version " + latest.getVersion(), true, true);
        }
        if (current == null) {
            Map<String, Object> variables = new HashMap<>();
            if (carried != null) {
                variables.put(Vars.MONTH, carried);
            }
            current = runtime.startProcessInstanceById(latest.getId(), AvailabilityPenaltiesProcess.BUSINESS_KEY, variables);
            LOG.info("Availability penalties started (version {}, instance {}{})", latest.getVersion(), current.getId(),
                    carried == null ? "" : ", from the month of " + carried);
        }
        return current;
    }
}
