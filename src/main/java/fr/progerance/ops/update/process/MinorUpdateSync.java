package fr.progerance.ops.update.process;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.process.MinorUpdateProcess.Elements;
import fr.progerance.ops.update.process.MinorUpdateProcess.Vars;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * R4.0-b, security first: {@code Updates.open} aims a minor update whose window is not planned yet at
 * a newer release (a security release among them makes it a security update with the earlier due
 * date). The waiting planning task then follows its record: the target and security copies, the
 * task's priority and due date, and the overdue timer. An update already planned keeps its window.
 */
@Component
public class MinorUpdateSync {

    private static final Logger LOG = LoggerFactory.getLogger(MinorUpdateSync.class);

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final UpdateProcessSettings settings;
    private final ContractClock clock;

    public MinorUpdateSync(RuntimeService runtime, TaskService tasks, ManagementService management,
            UpdateProcessSettings settings, ContractClock clock) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.management = management;
        this.settings = settings;
        this.clock = clock;
    }

    /** Makes the waiting planning task of {@code processInstanceId} follow {@code update}; true when something moved. */
    public boolean follow(UpdateView update, String processInstanceId) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(Elements.PLAN_WINDOW).singleResult();
        if (task == null || update.dueAt() == null) {
            return false; // not loaded yet (the load reads the record), planned already, or finished
        }
        Date due = Date.from(update.dueAt());
        boolean changed = !Objects.equals(runtime.getVariable(processInstanceId, Vars.TO_VERSION), update.toVersion())
                || !Objects.equals(runtime.getVariable(processInstanceId, Vars.SECURITY), update.security())
                || !Objects.equals(task.getDueDate(), due);
        if (!changed) {
            return false;
        }
        Map<String, Object> copies = new LinkedHashMap<>();
        copies.put(Vars.TO_VERSION, update.toVersion());
        copies.put(Vars.SECURITY, update.security());
        copies.put(Vars.DUE_AT, due);
        copies.put(Vars.DUE_TEXT, UpdateProcessDelegates.shown(clock, update.dueAt()));
        copies.put(Vars.PRIORITY, settings.priority(update.security()));
        runtime.setVariables(processInstanceId, copies);
        tasks.setPriority(task.getId(), settings.priority(update.security()));
        task.setDueDate(due);
        tasks.saveTask(task);
        Job overdue = management.createJobQuery().processInstanceId(processInstanceId)
                .activityId(Elements.TIMER_OVERDUE).timers().singleResult();
        if (overdue != null) {
            management.setJobDuedate(overdue.getId(), due);
        }
        LOG.info("MinorUpdate {} follows update {}: {} {}, due {}", processInstanceId, update.id(), update.toVersion(),
                update.security() ? "(security)" : "", update.dueAt());
        return true;
    }
}
