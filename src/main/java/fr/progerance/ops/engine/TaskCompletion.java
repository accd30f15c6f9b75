package fr.progerance.ops.engine;

/**
 * A task completion being checked before it runs ({@link TaskCompletionCheck}): what the form
 * submitted, over what the task already sees.
 */
public interface TaskCompletion {

    String taskId();

    /** The task's definition key (its BPMN id). */
    String taskKey();

    /** The assignee, when the task was claimed. */
    String assignee();

    /** The submitted value of {@code name}, else the variable the task sees; null when neither exists. */
    Object value(String name);
}
