package fr.progerance.ops.backup;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code BackupSchedule} process (processes/backup/BackupSchedule.bpmn): one long-lived
 * instance whose timers start the backups by themselves (R3.6-b), apply the retention (R3.6-c,
 * R8.2) and check the repositories' integrity (R3.6-a). Camunda 7 allows a single timer start
 * event per process, so each timer is the non-interrupting start of an event subprocess; its cycle
 * is a setting ({@code ops.backup.schedule.*}, read from the bean {@code backupSettings}).
 * {@link BackupScheduleKeeper} keeps one instance of the latest version running.
 */
public final class BackupScheduleProcess {

    public static final String KEY = "BackupSchedule";
    public static final String RESOURCE = "processes/backup/BackupSchedule.bpmn";
    /** The business key of the one running instance. */
    public static final String BUSINESS_KEY = "backup-schedule";

    /** Element ids. */
    public static final class Elements {
        public static final String START = "StartEvent_ScheduleStarted";
        public static final String STOPPED = "Event_ScheduleStopped";
        public static final String END = "EndEvent_ScheduleStopped";
        public static final String DATABASE = "SubProcess_DatabaseBackups";
        public static final String START_DATABASE = "StartEvent_DatabaseBackupsDue";
        public static final String START_DATABASE_BACKUPS = "Task_StartDatabaseBackups";
        public static final String END_DATABASE = "EndEvent_DatabaseBackupsStarted";
        public static final String FILES = "SubProcess_FilesBackups";
        public static final String START_FILES = "StartEvent_FilesBackupsDue";
        public static final String START_FILES_BACKUPS = "Task_StartFilesBackups";
        public static final String END_FILES = "EndEvent_FilesBackupsStarted";
        public static final String SERVER = "SubProcess_ServerBackups";
        public static final String START_SERVER = "StartEvent_ServerBackupsDue";
        public static final String START_SERVER_BACKUPS = "Task_StartServerBackups";
        public static final String END_SERVER = "EndEvent_ServerBackupsStarted";
        public static final String RETENTION = "SubProcess_Retention";
        public static final String START_RETENTION = "StartEvent_RetentionDue";
        public static final String APPLY_RETENTION = "Task_ApplyRetention";
        public static final String END_RETENTION = "EndEvent_RetentionApplied";
        public static final String CHECK_SUBPROCESS = "SubProcess_IntegrityCheck";
        public static final String START_CHECK = "StartEvent_IntegrityCheckDue";
        public static final String CHECK = "Task_CheckIntegrity";
        public static final String END_CHECK = "EndEvent_IntegrityChecked";

        private Elements() {
        }
    }

    /** Message names. */
    public static final class Messages {
        /** An administrator stops the schedule (no more timers until the application starts a new instance). */
        public static final String STOP = "Message_StopBackupSchedule";

        private Messages() {
        }
    }

    /** External task topics. */
    public static final class Topics {
        /** R3.6-c, R8.2: forget and prune per client repository, then mirror off-site. */
        public static final String RETENTION = "backup-retention";
        /** {@code restic check --read-data-subset n/m} locally, {@code OffsiteStore.check} off-site. */
        public static final String CHECK = "backup-check";

        private Topics() {
        }
    }

    private static final Map<String, BackupKind> KIND_OF_TASK = Map.of(
            Elements.START_DATABASE_BACKUPS, BackupKind.DATABASE,
            Elements.START_FILES_BACKUPS, BackupKind.FILES,
            Elements.START_SERVER_BACKUPS, BackupKind.SERVER);

    /** The kind a "start backups" task starts, if {@code activityId} is one. */
    public static Optional<BackupKind> kindOf(String activityId) {
        return Optional.ofNullable(KIND_OF_TASK.get(activityId));
    }

    private BackupScheduleProcess() {
    }
}
