package fr.progerance.ops.incident.delegate;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.IncidentDeadlines;
import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentService;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * R9: force majeure suspends the SLA clocks while it lasts. The deadline timers are suspended (they
 * cannot fire a breach meanwhile), and whatever ops do meanwhile is judged on the clock as it stood
 * at the declaration ({@code Incident#onTheClock}). When managers lift it, the deadlines move by
 * the clock time the suspension took (calendar component), and the timers and the ops tasks' due
 * dates follow. Clocks that start while it lasts (the R4.3-t2 wait) start held.
 */
@Configuration(proxyBeanMethods = false)
public class ForceMajeureDelegates {

    private static final Set<String> DEADLINE_TIMERS = Set.of(Elements.TIMER_INTERVENTION, Elements.TIMER_RESTORATION);
    private static final Set<String> TASKS_DUE_AT_RESTORATION = Set.of(Elements.CHOOSE_REMEDIATION,
            Elements.CARRY_OUT_ACTION, Elements.CONFIRM_RESTORATION);

    /**
     * Task_SuspendSlaClocks (the force-majeure subprocess) and Task_HoldSlaClocks (clocks started
     * under force majeure): while the incident record is under force majeure, the deadline timers
     * stop. Shows the manager when it began and when either party may terminate (R9).
     */
    @Bean
    JavaDelegate suspendSlaClocksDelegate(IncidentService incidents, ManagementService management,
            ContractClock clock) {
        return execution -> {
            Incident incident = incidents.get(ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER));
            if (incident.getForceMajeureSince() == null) {
                return; // lifted meanwhile: nothing to hold
            }
            for (String timer : DEADLINE_TIMERS) {
                for (Job job : timers(management, execution, timer)) {
                    if (!job.isSuspended()) {
                        management.suspendJobById(job.getId());
                    }
                }
            }
            execution.setVariable(Vars.FORCE_MAJEURE_SINCE, Date.from(incident.getForceMajeureSince()));
            execution.setVariable(Vars.FORCE_MAJEURE_TERMINATION_FROM, clock.forceMajeureTerminationFrom(
                    clock.atZone(incident.getForceMajeureSince()).toLocalDate()).toString());
        };
    }

    /** Task_ResumeSlaClocks: new deadlines, the timers' due dates and the tasks' due dates moved. */
    @Bean
    JavaDelegate resumeSlaClocksDelegate(IncidentService incidents, ManagementService management, TaskService tasks,
            IdentityService identity) {
        return execution -> {
            Authentication who = identity.getCurrentAuthentication();
            IncidentDeadlines moved = incidents.liftForceMajeure(
                    ProcessVariables.requiredText(execution, Vars.INCIDENT_NUMBER),
                    who == null ? null : who.getUserId(), ProcessVariables.text(execution, Vars.FORCE_MAJEURE_NOTES));
            if (moved.interventionDue() == null) {
                return; // the clocks had not started: nothing moves
            }
            Date intervention = Date.from(moved.interventionDue().toInstant());
            Date restoration = moved.restorationDue() == null ? null : Date.from(moved.restorationDue().toInstant());
            execution.setVariable(Vars.INTERVENTION_DUE, intervention);
            execution.setVariable(Vars.RESTORATION_DUE, restoration);
            for (String timer : DEADLINE_TIMERS) {
                Date due = Elements.TIMER_INTERVENTION.equals(timer) ? intervention : restoration;
                for (Job job : timers(management, execution, timer)) {
                    if (due != null) {
                        management.setJobDuedate(job.getId(), due);
                    }
                }
            }
            for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
                Date due = Elements.TAKE_CHARGE.equals(task.getTaskDefinitionKey()) ? intervention
                        : TASKS_DUE_AT_RESTORATION.contains(task.getTaskDefinitionKey()) ? restoration : null;
                if (due != null) {
                    task.setDueDate(due);
                    tasks.saveTask(task);
                }
            }
        };
    }

    /**
     * Task_ReactivateSlaTimers (after a save point): the suspended deadline timers run again, at the
     * due dates the previous step committed (one transaction cannot both move and reactivate them).
     */
    @Bean
    JavaDelegate reactivateSlaTimersDelegate(ManagementService management) {
        return execution -> {
            for (String timer : DEADLINE_TIMERS) {
                for (Job job : timers(management, execution, timer)) {
                    if (job.isSuspended()) {
                        management.activateJobById(job.getId());
                    }
                }
            }
        };
    }

    private static java.util.List<Job> timers(ManagementService management, DelegateExecution execution,
            String activityId) {
        return management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).timers()
                .activityId(activityId).list();
    }
}
