package fr.progerance.ops.backup.restore;

/**
 * The {@code RestoreDrill} process (processes/backup/RestoreDrill.bpmn): every week, each server's
 * latest database snapshot is loaded into a scratch MariaDB database and counted against the dump;
 * the time it took is the evidence that R3.6-d (4 business hours) holds.
 */
public final class RestoreDrillProcess {

    public static final String KEY = "RestoreDrill";
    public static final String RESOURCE = "processes/backup/RestoreDrill.bpmn";

    /** The external task topic of the drill (DESIGN rule 5). */
    public static final String TOPIC = "restore-drill";

    public static final class Elements {
        public static final String START = "StartEvent_WeeklyDrill";
        public static final String RUN = "Task_RunRestoreDrill";
        public static final String GATEWAY_ALL_MATCHED = "Gateway_AllDrillsMatched";
        public static final String REPORT_FAILURES = "Task_ReportDrillFailures";
        public static final String END_FAILURES_REPORTED = "EndEvent_DrillFailuresReported";
        public static final String END_MATCHED = "EndEvent_DrillsMatched";

        private Elements() {
        }
    }

    public static final class Vars {
        /** The drill run: the external task's id, also the run_id of its ops_restore_drill rows. */
        public static final String RUN_ID = "drillRunId";
        public static final String DRILLED = "drilledServers";
        public static final String FAILED = "failedDrills";

        private Vars() {
        }
    }

    private RestoreDrillProcess() {
    }
}
