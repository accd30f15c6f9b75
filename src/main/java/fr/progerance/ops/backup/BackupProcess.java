package fr.progerance.ops.backup;

/**
 * The {@code Backup} process (processes/backup/Backup.bpmn): one run of one server and kind
 * (R3.6-a, R3.6-b). Its key, element ids, topics and variable names; delegates, handlers and tests
 * use these constants, never string literals.
 *
 * <p>The run's record ({@link BackupRun}) is the truth; variables only carry ids and the overdue
 * deadline. The handlers find their run by the process instance, not by a variable (DESIGN rule 11).
 */
public final class BackupProcess {

    public static final String KEY = "Backup";
    public static final String RESOURCE = "processes/backup/Backup.bpmn";

    /** Element ids, in the order of the flow. */
    public static final class Elements {
        public static final String START = "StartEvent_BackupRequested";
        public static final String PREPARE = "Task_PrepareBackupRun";
        public static final String RUN = "SubProcess_BackupRun";
        public static final String RUN_START = "StartEvent_RunStarted";
        public static final String RUN_BACKUP = "Task_RunBackup";
        public static final String MIRROR = "Task_MirrorOffsite";
        public static final String RUN_END = "EndEvent_RunDone";
        /** DESIGN rule 12: a run not done within its kind's freshness limit is reported to ops. */
        public static final String TIMER_OVERDUE = "Event_BackupOverdue";
        public static final String REPORT_OVERDUE = "Task_ReportOverdueBackup";
        public static final String END_OVERDUE_REPORTED = "EndEvent_OverdueReported";
        public static final String END = "EndEvent_BackedUp";

        private Elements() {
        }
    }

    /** External task topics (handled by the application's worker, DESIGN rule 5). */
    public static final class Topics {
        /** Streams the server's data into a new snapshot ({@code BackupTransfer.backup}). */
        public static final String RUN = "backup-run";
        /** Mirrors the client's repository off-site ({@code OffsiteStore.mirror}, R3.6-a). */
        public static final String OFFSITE = "backup-offsite";

        private Topics() {
        }
    }

    /** Variable names: ids and deadlines only. */
    public static final class Vars {
        /** Start: the server to back up. */
        public static final String SERVER_ID = "serverId";
        /** Start: a {@link BackupKind} name. */
        public static final String KIND = "kind";
        /** Start: a {@link BackupTrigger} name. */
        public static final String TRIGGER = "trigger";
        /** Written by Task_PrepareBackupRun: the run record's id (the snapshot's {@code run=} tag). */
        public static final String RUN_ID = "runId";
        /** Written by Task_PrepareBackupRun: the server's client (its repository). */
        public static final String CLIENT_ID = "clientId";
        /** Written by Task_PrepareBackupRun: when the run is overdue (the kind's freshness limit from the start). */
        public static final String OVERDUE_AT = "overdueAt";
        /** Written by Task_RunBackup's completion: the new snapshot's id (for Cockpit; the record is the truth). */
        public static final String SNAPSHOT_ID = "snapshotId";

        private Vars() {
        }
    }

    private BackupProcess() {
    }
}
