package fr.progerance.ops.backup.delegate;

import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.BackupProcess.Vars;
import fr.progerance.ops.backup.BackupTrigger;
import java.util.Arrays;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The start variables of {@code Backup}, read strictly: a missing or wrong one is a readable failure. */
final class StartVariables {

    private StartVariables() {
    }

    static long serverId(VariableScope scope) {
        Object value = scope.getVariable(Vars.SERVER_ID);
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException("Backup needs the variable '" + Vars.SERVER_ID + "' (a server id), got "
                + describe(value));
    }

    static BackupKind kind(VariableScope scope) {
        Object value = scope.getVariable(Vars.KIND);
        try {
            return BackupKind.valueOf(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Backup needs the variable '" + Vars.KIND + "', one of "
                    + Arrays.toString(BackupKind.values()) + ", got " + describe(value), e);
        }
    }

    static BackupTrigger trigger(VariableScope scope) {
        Object value = scope.getVariable(Vars.TRIGGER);
        if (value == null) {
            return BackupTrigger.MANUAL;
        }
        try {
            return BackupTrigger.valueOf(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Backup's variable '" + Vars.TRIGGER + "' must be one of "
                    + Arrays.toString(BackupTrigger.values()) + ", got " + describe(value), e);
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        String text = String.valueOf(value);
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "' (" + value.getClass().getSimpleName()
                + ")";
    }
}
