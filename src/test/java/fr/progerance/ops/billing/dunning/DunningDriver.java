package fr.progerance.ops.billing.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Drives InvoiceDunning instances the way the job executor and the external task worker would,
 * without waiting: every job of the instance (and of the Backup instances it called) that is due at
 * the test clock's time runs, then the worker handles the external tasks, until nothing moves. A job
 * that fails is left for its retry (its due date moves on), as the job executor would.
 */
final class DunningDriver {

    private final ManagementService management;
    private final RuntimeService runtime;
    private final ExternalTaskWorker worker;
    private final List<String> failures = new ArrayList<>();

    DunningDriver(ManagementService management, RuntimeService runtime, ExternalTaskWorker worker) {
        this.management = management;
        this.runtime = runtime;
        this.worker = worker;
    }

    /** Runs what is due for the instances until nothing moves; returns the failures met meanwhile. */
    List<String> settle(String... processInstanceIds) {
        List<String> met = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            boolean moved = false;
            for (Job job : dueJobs(processInstanceIds)) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException e) {
                    met.add(activity(job) + " (" + job.getProcessInstanceId() + "): " + root(e));
                }
                moved = true;
            }
            if (worker.drain() > 0) {
                moved = true;
            }
            if (!moved) {
                failures.addAll(met);
                return met;
            }
        }
        throw new AssertionError("The instances never came to rest: " + List.of(processInstanceIds));
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

    /** {@link #settle} and no failure. */
    void settleCleanly(String... processInstanceIds) {
        List<String> met = settle(processInstanceIds);
        assertThat(met).as("failed jobs").isEmpty();
    }

    /** The due jobs of the instances and of the Backup instances they called. */
    private List<Job> dueJobs(String... processInstanceIds) {
        List<Job> due = new ArrayList<>();
        for (String id : processInstanceIds) {
            due.addAll(management.createJobQuery().processInstanceId(id).executable().list());
            for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(id).list()) {
                due.addAll(management.createJobQuery().processInstanceId(called.getId()).executable().list());
            }
        }
        return due;
    }

    /** The job of {@code activityId} in the instance (an async continuation or a timer), whatever its due date. */
    Job job(String processInstanceId, String activityId) {
        Job job = management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).singleResult();
        assertThat(job).as("the job of %s in %s", activityId, processInstanceId).isNotNull();
        return job;
    }

    void execute(String processInstanceId, String activityId) {
        management.executeJob(job(processInstanceId, activityId).getId());
    }
}
