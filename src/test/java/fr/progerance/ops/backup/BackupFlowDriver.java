package fr.progerance.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import java.time.Duration;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Drives Backup instances the way the job executor and the worker would, without waiting. */
public final class BackupFlowDriver {

    private final ManagementService management;
    private final ExternalTaskWorker worker;
    private final MovableClock clock;

    public BackupFlowDriver(ManagementService management, ExternalTaskWorker worker, MovableClock clock) {
        this.management = management;
        this.worker = worker;
        this.clock = clock;
    }

    /** Executes the job of {@code activityId} in the instance (an async continuation or a timer). */
    public void executeJob(String processInstanceId, String activityId) {
        Job job = management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId)
                .singleResult();
        assertThat(job).as("the job of %s in %s", activityId, processInstanceId).isNotNull();
        management.executeJob(job.getId());
    }

    /** The worker handles every external task available now. */
    public int drain() {
        return worker.drain();
    }

    /** Moves the clock past the retry timeout, then the worker handles what became available. */
    public int retryAfter(Duration retryTimeout) {
        clock.advance(retryTimeout.plusSeconds(1));
        return worker.drain();
    }
}
