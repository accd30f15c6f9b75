package fr.progerance.ops.backup.restore;

import java.math.BigDecimal;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Typed reads of the restore's variables that fail fast with a readable message. */
final class TaskValues {

    private TaskValues() {
    }

    static String text(Function<String, Object> values, String name) {
        Object v = values.apply(name);
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }

    static String text(VariableScope scope, String name) {
        return text(scope::getVariable, name);
    }

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

    static long restoreId(VariableScope scope) {
        Long id = number(scope::getVariable, RestoreProcess.Vars.RESTORE_ID);
        if (id == null) {
            throw new ProcessEngineException("Variable '" + RestoreProcess.Vars.RESTORE_ID + "' is required but missing");
        }
        return id;
    }

    static boolean flag(Function<String, Object> values, String name) {
        Object v = values.apply(name);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
    }

    /** The Tasklist user completing {@code task}: the engine's authentication, else the assignee; required. */
    static String user(IdentityService identity, DelegateTask task) {
        Authentication who = identity.getCurrentAuthentication();
        String user = who != null && who.getUserId() != null ? who.getUserId() : task.getAssignee();
        if (user == null || user.isBlank()) {
            throw new ProcessEngineException("No user to name in the record of task " + task.getId());
        }
        return user;
    }
}
