package fr.progerance.ops.engine.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * DESIGN rule 5: long work (backups, restores, updates) runs as a Camunda external task, handled by
 * the application's own {@link ExternalTaskWorker} through the Java API, so no job-executor thread
 * is blocked and any node of a cluster can do the work. Implement this as a Spring bean per topic.
 *
 * <p>The worker fetches and locks a task for {@link #lockDuration()}, extends the lock while
 * {@link #handle} runs, completes the task with the returned variables, or reports a failure with
 * {@code retries - 1} (the engine does not decrement external task retries) and
 * {@link #retryTimeout()}; at 0 retries the engine raises an incident that ops see in Cockpit, and
 * {@link #onRetriesExhausted} runs once the failure is committed.
 */
public interface ExternalTaskHandler {

    /** The topic of the external task in the BPMN ({@code camunda:topic}). */
    String topic();

    /** How long one fetch or one extension locks the task; the worker extends it at half-time. */
    default Duration lockDuration() {
        return Duration.ofMinutes(5);
    }

    /** Variables fetched with the task (ids and decisions only, DESIGN rule 6). */
    List<String> variables();

    /** Attempts in all when the task has no retries yet (the first failure reports {@code attempts - 1}). */
    default int attempts() {
        return 3;
    }

    /** Wait before a failed task is fetched again. */
    default Duration retryTimeout() {
        return Duration.ofMinutes(5);
    }

    /**
     * Does the work. Must be idempotent (the same task may run again after a lost completion): use
     * {@link ExternalTaskWork#taskId()} or a business id as the operation key.
     *
     * @return the variables to complete the task with (ids and small results; never payloads or secrets)
     * @throws ExternalTaskBpmnError for a business outcome the model handles with an error boundary event
     * @throws Exception anything else: a failure, retried then an incident; a {@link NonRetryableWork}
     *     failure goes to an incident at once
     */
    Map<String, Object> handle(ExternalTaskWork work) throws Exception;

    /**
     * Whether a failure may succeed on a later attempt; {@code false} reports it with 0 retries so
     * the incident is raised at once. By default everything but a {@link NonRetryableWork} is.
     */
    default boolean retryable(Exception failure) {
        return !(failure instanceof NonRetryableWork);
    }

    /**
     * Runs after a failure that left no retries was committed (the incident exists): e.g. a mail to
     * ops. Failures here are logged, never change the task.
     */
    default void onRetriesExhausted(ExternalTaskWork work, Exception failure) {
    }
}
