package fr.progerance.ops.update.process;

import java.math.BigDecimal;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Typed reads of the update processes' variables that fail fast with a readable message. */
final class ProcessValues {

    private ProcessValues() {
    }

    /** A whole number, or null when absent. */
    static Long number(Function<String, Object> values, String name) {
        Object v = values.apply(name);
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        if (v instanceof Number n && !(v instanceof Double || v instanceof Float)) {
            return n.longValue();
        }
        try {
            return new BigDecimal(v.toString().strip()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ProcessEngineException("Variable '" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    static long required(VariableScope scope, String name) {
        Long id = number(scope::getVariable, name);
        if (id == null) {
            throw new ProcessEngineException("Variable '" + name + "' is required but missing");
        }
        return id;
    }

    static long updateId(VariableScope scope) {
        return required(scope, UpdateVariables.UPDATE_ID);
    }

    /** The person completing {@code task}: the engine's authentication, else the assignee; required. */
    static String user(IdentityService identity, DelegateTask task) {
        Authentication who = identity.getCurrentAuthentication();
        String user = who != null && who.getUserId() != null ? who.getUserId() : task.getAssignee();
        if (user == null || user.isBlank()) {
            throw new ProcessEngineException("No user to name in the record of task " + task.getId());
        }
        return user;
    }
}
