package fr.progerance.ops.incident.delegate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Typed reads of process variables that fail fast with a readable message (a Camunda incident or a
 * Tasklist error says which variable is missing or wrong), whatever the form or API wrote: numbers
 * as Long, Integer, Double or text; dates as Date or ISO text. Each read works on a variable scope
 * (a delegate's execution, a listener's task) or on any name-to-value view (a completion checked
 * before it runs).
 */
final class ProcessVariables {

    private ProcessVariables() {
    }

    static String text(VariableScope scope, String name) {
        return text(scope::getVariable, name);
    }

    static String text(Function<String, Object> values, String name) {
        Object v = values.apply(name);
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }

    static String requiredText(VariableScope scope, String name) {
        String v = text(scope, name);
        if (v == null) {
            throw new ProcessEngineException("Variable '" + name + "' is required but missing");
        }
        return v;
    }

    static boolean flag(VariableScope scope, String name) {
        return flag(scope::getVariable, name);
    }

    static boolean flag(Function<String, Object> values, String name) {
        Object v = values.apply(name);
        if (v instanceof Boolean b) {
            return b;
        }
        return v != null && Boolean.parseBoolean(v.toString());
    }

    static Long number(VariableScope scope, String name) {
        Object v = scope.getVariable(name);
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return new BigDecimal(v.toString().strip()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ProcessEngineException("Variable '" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    static BigDecimal decimal(VariableScope scope, String name) {
        return decimal(scope::getVariable, name);
    }

    static BigDecimal decimal(Function<String, Object> values, String name) {
        Object v = values.apply(name);
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        try {
            return v instanceof BigDecimal b ? b : new BigDecimal(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new ProcessEngineException("Variable '" + name + "' must be a number, got '" + v + "'");
        }
    }

    static <E extends Enum<E>> E choice(VariableScope scope, String name, Class<E> type) {
        return choice(scope::getVariable, name, type);
    }

    static <E extends Enum<E>> E choice(Function<String, Object> values, String name, Class<E> type) {
        String v = text(values, name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException("Variable '" + name + "' must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", got '" + v + "'");
        }
    }

    static Instant instant(VariableScope scope, String name) {
        Object v = scope.getVariable(name);
        return v instanceof Date d ? d.toInstant() : null;
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
