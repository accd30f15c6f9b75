package fr.progerance.ops.update.process;

/**
 * The {@code MinorUpdate} process (processes/update/MinorUpdate.bpmn), RD-ps, R4.0-b, R4.3-p2: a
 * minor or patch PrestaShop update included in the contract. Started by {@code UpdateWatch} with the
 * update record opened by {@code Updates.open} (business key {@code update:<id>}): ops plan the
 * maintenance window in Tasklist (due at the record's due date, security releases first), the
 * window is recorded ({@code Updates.schedule}, by the logged-in user), then {@code ApplyUpdate}
 * does the work. If the update is not done by its due date, managers are told (without stopping
 * anything). Its key, element ids and variable names.
 */
public final class MinorUpdateProcess {

    public static final String KEY = "MinorUpdate";
    public static final String RESOURCE = "processes/update/MinorUpdate.bpmn";

    /** Element ids, in the order of the flow. */
    public static final class Elements {
        public static final String START = "StartEvent_MinorUpdateStarted";
        public static final String LOAD = "Task_LoadMinorUpdate";
        /** R4.0-b: planning and applying, watched by the overdue timer. */
        public static final String WITHIN_DELAY = "SubProcess_UpdateWithinDelay";
        public static final String WITHIN_DELAY_START = "StartEvent_UpdateToDo";
        public static final String PLAN_WINDOW = "Task_PlanUpdateWindow";
        public static final String APPLY_UPDATE = "CallActivity_ApplyUpdate";
        public static final String WITHIN_DELAY_END = "EndEvent_UpdateApplied";
        /** R4.0-b: the record's due date passed before the update was done (non-interrupting). */
        public static final String TIMER_OVERDUE = "Event_UpdateOverdue";
        public static final String ESCALATE_OVERDUE = "Task_EscalateOverdueUpdate";
        public static final String END_ESCALATED = "EndEvent_OverdueEscalated";
        public static final String END = "EndEvent_MinorUpdateFinished";

        private Elements() {
        }
    }

    /** Variable names (see {@link UpdateVariables}). */
    public static final class Vars {
        public static final String UPDATE_ID = UpdateVariables.UPDATE_ID;
        public static final String SERVER_ID = UpdateVariables.SERVER_ID;
        public static final String SERVER_NAME = UpdateVariables.SERVER_NAME;
        public static final String CLIENT_NAME = UpdateVariables.CLIENT_NAME;
        public static final String INFRASTRUCTURE = UpdateVariables.INFRASTRUCTURE;
        public static final String FROM_VERSION = UpdateVariables.FROM_VERSION;
        public static final String TO_VERSION = UpdateVariables.TO_VERSION;
        public static final String SECURITY = UpdateVariables.SECURITY;
        public static final String DUE_AT = UpdateVariables.DUE_AT;
        public static final String DUE_TEXT = UpdateVariables.DUE_TEXT;
        public static final String PRIORITY = UpdateVariables.PRIORITY;
        public static final String WINDOW_START = UpdateVariables.WINDOW_START;
        public static final String WINDOW_END = UpdateVariables.WINDOW_END;
        public static final String LATE_WINDOW_REASON = UpdateVariables.LATE_WINDOW_REASON;

        private Vars() {
        }
    }

    /** The Camunda Form of Task_PlanUpdateWindow. */
    public static final String PLAN_WINDOW_FORM = "update-plan-window";

    private MinorUpdateProcess() {
    }
}
