package fr.progerance.ops.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one instance of the latest version of a long-lived process running (a schedule that holds
 * its own timers: {@code BackupSchedule}, {@code MonthlyInvoicing}, {@code AvailabilityPenalties}).
 * None running: one is started. An instance of an older version is replaced; when the process names
 * a carried variable (the period it waits for, text that sorts in time order), the earliest value the
 * old instances held is handed to the new one, so replacing the model never skips a period. Two nodes
 * starting at once may both start one: the processes' own side effects are idempotent per period.
 *
 * @param key           the process key
 * @param businessKey   the instance's business key
 * @param carried       the variable handed from an old instance to the new one, or null
 * @param label         how the log names the process
 */
public record LongLivedProcess(String key, String businessKey, String carried, String label) {

    private static final Logger LOG = LoggerFactory.getLogger(LongLivedProcess.class);

    /** @return the running instance of the latest version */
    public ProcessInstance ensureRunning(RuntimeService runtime, RepositoryService repository) {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult();
        if (latest == null) {
            throw new IllegalStateException(key + " is not deployed");
        }
        List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionKey(key).active().list();
        ProcessInstance current = null;
        String earliest = null;
        for (ProcessInstance instance : running) {
            if (instance.getProcessDefinitionId().equals(latest.getId())) {
                current = current == null ? instance : current;
                continue;
            }
            Object waiting = carried == null ? null : runtime.getVariable(instance.getId(), carried);
            if (waiting instanceof String period && (earliest == null || period.compareTo(earliest) < 0)) {
                earliest = period;
            }
            runtime.deleteProcessInstance(instance.getId(), "Replaced by " + key + " version " + latest.getVersion(),
                    true, true);
        }
        if (current == null) {
            Map<String, Object> variables = new HashMap<>();
            if (earliest != null) {
                variables.put(carried, earliest);
            }
            current = runtime.startProcessInstanceById(latest.getId(), businessKey, variables);
            LOG.info("{} started (version {}, instance {}{})", label, latest.getVersion(), current.getId(),
                    earliest == null ? "" : ", from " + earliest);
        }
        return current;
    }
}
