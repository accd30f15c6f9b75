package fr.progerance.ops.update.process;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Drives update instances as the job executor and the external task worker would, without waiting:
 * every job of the instance and of the instances it called (and they called) that is due at the test
 * clock's time runs, then the worker handles the external tasks (when given one), until nothing moves.
 * A failing job is reported and left for its retry.
 */
final class UpdateFlowDriver {

    private final ManagementService management;
    private final RuntimeService runtime;
    private final ExternalTaskWorker worker;

    UpdateFlowDriver(ManagementService management, RuntimeService runtime) {
        this(management, runtime, null);
    }

    UpdateFlowDriver(ManagementService management, RuntimeService runtime, ExternalTaskWorker worker) {
        this.management = management;
        this.runtime = runtime;
        this.worker = worker;
    }

    /** Runs what is due; returns the failures met. */
    List<String> settle(String... processInstanceIds) {
        List<String> met = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            List<Job> due = due(processInstanceIds);
            boolean drained = worker != null && worker.drain() > 0;
            if (due.isEmpty() && !drained) {
                return met;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException e) {
                    met.add(activity(job) + ": " + root(e));
                    if (met.size() > 20) {
                        return met;
                    }
                }
            }
        }
        throw new AssertionError("The instances never came to rest: " + List.of(processInstanceIds));
    }

    void settleCleanly(String... processInstanceIds) {
        assertThat(settle(processInstanceIds)).as("failed jobs").isEmpty();
    }

    /** Executes the one job of {@code activityId} in the instance, whatever its due date. */
    void execute(String processInstanceId, String activityId) {
        Job job = management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).singleResult();
        assertThat(job).as("the job of %s in %s", activityId, processInstanceId).isNotNull();
        management.executeJob(job.getId());
    }

    private List<Job> due(String... processInstanceIds) {
        List<Job> due = new ArrayList<>();
        for (String id : processInstanceIds) {
            due.addAll(management.createJobQuery().processInstanceId(id).executable().list());
            for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(id).list()) {
                due.addAll(due(called.getId()));
            }
        }
        // A job that failed waits for its retry (due later): executable() leaves it out.
        return due.stream().filter(j -> j.getRetries() > 0).toList();
    }

    private String activity(Job job) {
        var definition = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
        return definition == null ? job.getId() : definition.getActivityId();
    }

    static String root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
