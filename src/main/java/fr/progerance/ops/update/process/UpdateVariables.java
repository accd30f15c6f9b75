package fr.progerance.ops.update.process;

import fr.progerance.ops.update.Updates;

/**
 * Variable names that {@code MinorUpdate} and {@code MajorUpdate} share (their process classes
 * repeat them as their own {@code Vars}), with the window planning form
 * ({@code processes/update/update-plan-window.form}) that both use. Ids, routing copies and form
 * inputs only: what the contract turns on (the due date, the security flag, the quote's answer) is
 * read from the update and quote records (DESIGN rule 11); the copies here are written by the
 * delegate that read the record.
 */
public final class UpdateVariables {

    /** In: the update record's id ({@code ops_update}); the business key is {@code update:<id>}. */
    public static final String UPDATE_ID = "updateId";
    /** Start: the server (written by the starter, for Cockpit and UpdateWatch's history look-up). */
    public static final String SERVER_ID = "serverId";
    /** Display copies for the form and Cockpit, written by the loading delegate. */
    public static final String SERVER_NAME = "serverName";
    public static final String CLIENT_NAME = "clientName";
    public static final String INFRASTRUCTURE = "infrastructure";
    public static final String FROM_VERSION = "fromVersion";
    public static final String TO_VERSION = "toVersion";
    /** Copy of the record's security flag (a release up to the target fixes security advisories). */
    public static final String SECURITY = "updateSecurity";
    /** R4.0-b: copy of the record's due date (a Date): the planning task's due date and the overdue timer. */
    public static final String DUE_AT = "updateDueAt";
    /** The due date in words for the form (Tasklist shows Date variables as local-time text). */
    public static final String DUE_TEXT = "updateDueText";
    /** Tasklist priority of the planning task (security releases first). */
    public static final String PRIORITY = "planningPriority";
    /** Inputs of the planning form: ISO-8601 date-times with offset. */
    public static final String WINDOW_START = "windowStart";
    public static final String WINDOW_END = "windowEnd";
    /** Input of the planning form, required when the window ends after the due date (R4.0-b). */
    public static final String LATE_WINDOW_REASON = "lateWindowReason";

    /** The business key of an update's process ({@link Updates#key}). */
    public static String businessKey(long updateId) {
        return Updates.key(updateId);
    }

    private UpdateVariables() {
    }
}
