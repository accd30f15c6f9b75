package fr.progerance.ops.engine;

/**
 * Checks a task completion before the engine runs it (a process's own rules on what ops entered).
 * A refusal ({@link FormRefusal}) leaves everything as it was: Tasklist shows the message on the
 * form and the REST API answers 400, which a task listener cannot do (the engine wraps its
 * exceptions). Registered as a Spring bean; {@link OwnedVariablesGuard} calls it after checking
 * that the completion writes only the task's own variables.
 */
public interface TaskCompletionCheck {

    /** The process whose tasks this checks. */
    String processKey();

    /** Checks {@code completion}; does nothing for tasks without rules. */
    void check(TaskCompletion completion);
}
