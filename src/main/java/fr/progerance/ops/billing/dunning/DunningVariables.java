package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Vars;
import java.math.BigDecimal;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed reads of the dunning's variables that fail fast with a readable message. */
final class DunningVariables {

    private DunningVariables() {
    }

    /** The invoice number, which must also be the instance's business key. */
    static String invoiceNumber(DelegateExecution execution) {
        String number = text(execution, Vars.INVOICE_NUMBER);
        if (number == null) {
            throw new ProcessEngineException("Variable '" + Vars.INVOICE_NUMBER + "' is required but missing");
        }
        if (!number.equals(execution.getProcessBusinessKey())) {
            throw new ProcessEngineException("Variable '" + Vars.INVOICE_NUMBER + "' (" + excerpt(number)
                    + ") is not this dunning's invoice (business key " + execution.getProcessBusinessKey() + ")");
        }
        return number;
    }

    static long clientId(VariableScope scope) {
        Long id = number(scope.getVariable(Vars.CLIENT_ID), Vars.CLIENT_ID);
        if (id == null) {
            throw new ProcessEngineException("Variable '" + Vars.CLIENT_ID + "' is required but missing");
        }
        return id;
    }

    static long contestId(VariableScope scope) {
        Long id = number(scope.getVariable(Vars.CONTEST_ID), Vars.CONTEST_ID);
        if (id == null) {
            throw new ProcessEngineException("Variable '" + Vars.CONTEST_ID + "' is required but missing");
        }
        return id;
    }

    static String text(VariableScope scope, String name) {
        return text(scope.getVariable(name));
    }

    static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    static Long number(Object value, String name) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        try {
            return new BigDecimal(value.toString().strip()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ProcessEngineException("Variable '" + name + "' must be a whole number, got '"
                    + excerpt(value.toString()) + "'");
        }
    }

    /** A decimal as typed in a form: {@code 2.76} or {@code 2,76}; null when empty; refused when not a number. */
    static BigDecimal decimal(Object value, String name) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, e.g. 2.76; got '" + excerpt(text) + "'");
        }
    }

    static String excerpt(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
