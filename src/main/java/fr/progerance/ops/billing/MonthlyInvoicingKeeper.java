package fr.progerance.ops.billing;

import fr.progerance.ops.billing.MonthlyInvoicingProcess.Vars;
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
 * Keeps one instance of the latest {@code MonthlyInvoicing} running (R7.2). At start: none running
 * means one is started; an instance of an older version is replaced, and the month it was waiting
 * to issue is handed to the new one ({@link Vars#PERIOD_START}), so replacing the model never skips
 * a month (issuing a month again is idempotent). Two nodes starting at once may both start one; the
 * invoices stay single anyway (one per contract and month).
 */
@Component
public class MonthlyInvoicingKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(MonthlyInvoicingKeeper.class);

    private final RuntimeService runtime;
    private final RepositoryService repository;

    public MonthlyInvoicingKeeper(RuntimeService runtime, RepositoryService repository) {
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
                .processDefinitionKey(MonthlyInvoicingProcess.KEY).latestVersion().singleResult();
        if (latest == null) {
            throw new IllegalStateException(MonthlyInvoicingProcess.KEY + " is not deployed");
        }
        List<ProcessInstance> running = runtime.createProcessInstanceQuery()
                .processDefinitionKey(MonthlyInvoicingProcess.KEY).active().list();
        ProcessInstance current = null;
        String carried = null;
        for (ProcessInstance instance : running) {
            if (instance.getProcessDefinitionId().equals(latest.getId())) {
                current = current == null ? instance : current;
                continue;
            }
            // The earliest month an old instance still had to issue (ISO dates sort as text).
            Object waiting = runtime.getVariable(instance.getId(), Vars.PERIOD_START);
            if (waiting instanceof String month && (carried == null || month.compareTo(carried) < 0)) {
                carried = month;
            }
            runtime.deleteProcessInstance(instance.getId(), "Replaced by " + MonthlyInvoicingProcess.KEY
                    + " version " + latest.getVersion(), true, true);
        }
        if (current == null) {
            Map<String, Object> variables = new HashMap<>();
            if (carried != null) {
                variables.put(Vars.PERIOD_START, carried);
            }
            current = runtime.startProcessInstanceById(latest.getId(), MonthlyInvoicingProcess.BUSINESS_KEY, variables);
            LOG.info("Monthly invoicing started (version {}, instance {}{})", latest.getVersion(), current.getId(),
                    carried == null ? "" : ", from the month of " + carried);
        }
        return current;
    }
}
