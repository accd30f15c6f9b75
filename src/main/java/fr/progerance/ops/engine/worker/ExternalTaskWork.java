package fr.progerance.ops.engine.worker;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One locked external task as a handler sees it.
 *
 * @param taskId the external task's id (stable across retries of the same task)
 * @param topic its topic
 * @param processInstanceId the process instance
 * @param businessKey the process instance's business key, if any
 * @param activityId the BPMN element id
 * @param variables the fetched variables
 * @param retries the task's retries before this attempt (null on the first attempt)
 */
public record ExternalTaskWork(String taskId, String topic, String processInstanceId, String businessKey,
        String activityId, Map<String, Object> variables, Integer retries) {

    public ExternalTaskWork {
        Objects.requireNonNull(taskId, "taskId");
        variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(variables));
    }

    /** A required variable of the given type; a missing or mistyped one is a readable failure. */
    public <T> T required(String name, Class<T> type) {
        Object value = variables.get(name);
        if (value == null) {
            throw new IllegalStateException("External task " + activityId + " of process instance "
                    + processInstanceId + " has no variable '" + name + "'");
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("Variable '" + name + "' of process instance " + processInstanceId
                    + " is a " + value.getClass().getSimpleName() + ", expected " + type.getSimpleName());
        }
        return type.cast(value);
    }

    /** An optional variable of the given type. */
    public <T> Optional<T> optional(String name, Class<T> type) {
        Object value = variables.get(name);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /** A required numeric id variable (Long or Integer). */
    public long requiredId(String name) {
        Object value = variables.get(name);
        if (value instanceof Number number) {
            return number.longValue();
        }
        return required(name, Long.class);
    }
}
