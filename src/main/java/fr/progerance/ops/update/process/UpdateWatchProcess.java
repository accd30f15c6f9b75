package fr.progerance.ops.update.process;

/**
 * The {@code UpdateWatch} process (processes/update/UpdateWatch.bpmn), RD-ps, R4.0-b, R4.0-c: a
 * timer start event (setting {@code ops.update.watch-cycle}, daily at 6:00) starts one instance,
 * which checks every watched server (an ACTIVE contract's server with an admin directory) in its own
 * job: it reads the shop's version over SSH ({@code ShopVersions.read}), asks the release catalogue,
 * opens the update it needs ({@code Updates.open}, idempotent) and starts {@code MinorUpdate} or
 * {@code MajorUpdate} with the business key {@code update:<id>} unless one was started already.
 * Its key, element ids and variable names.
 */
public final class UpdateWatchProcess {

    public static final String KEY = "UpdateWatch";
    public static final String RESOURCE = "processes/update/UpdateWatch.bpmn";

    /** Element ids, in the order of the flow. */
    public static final class Elements {
        public static final String START = "StartEvent_WatchDue";
        /** Multi-instance over the watched servers, each instance a save point with the retry cycle. */
        public static final String CHECK_SERVER = "Task_CheckServerVersion";
        public static final String END = "EndEvent_ServersChecked";

        private Elements() {
        }
    }

    /** Variable names. */
    public static final class Vars {
        /** The multi-instance's element variable: the server one instance checks. */
        public static final String SERVER_ID = UpdateVariables.SERVER_ID;

        private Vars() {
        }
    }

    private UpdateWatchProcess() {
    }
}
