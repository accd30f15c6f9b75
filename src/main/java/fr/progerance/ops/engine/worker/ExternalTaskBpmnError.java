package fr.progerance.ops.engine.worker;

import java.util.Map;

/** A business outcome of an external task that the model catches with an error boundary event. */
public class ExternalTaskBpmnError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final transient Map<String, Object> variables;

    public ExternalTaskBpmnError(String errorCode, String message, Map<String, Object> variables) {
        super(message);
        this.errorCode = errorCode;
        this.variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public String errorCode() {
        return errorCode;
    }

    public Map<String, Object> variables() {
        return variables;
    }
}
