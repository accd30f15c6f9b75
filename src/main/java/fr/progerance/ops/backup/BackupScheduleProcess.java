package fr.progerance.ops.backup;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code BackupSchedule} process (processes/backup/BackupSchedule.bpmn): timers that start the
 * backups by themselves (R3.6-b), apply the retention (R3.6-c, R8.2) and check the repositories'
 * integrity (R3.6-a). Each timer start event's cycle is a setting ({@code ops.backup.schedule.*},
 * read from the bean {@code backupSettings}).
 */
public final class BackupScheduleProcess {

    public static final String KEY = "BackupSchedule";
    public static final String RESOURCE = "processes/backup/BackupSchedule.bpmn";

    /** Element ids. */
    public static final class Elements {
        public static final String START_DATABASE = "StartEvent_DatabaseBackupsDue";
        public static final String START_FILES = "StartEvent_FilesBackupsDue";
        public static final String START_SERVER = "StartEvent_ServerBackupsDue";
        public static final String START_BACKUPS = "Task_StartScheduledBackups";
        public static final String END_BACKUPS = "EndEvent_BackupsStarted";
        public static final String START_RETENTION = "StartEvent_RetentionDue";
        public static final String APPLY_RETENTION = "Task_ApplyRetention";
        public static final String END_RETENTION = "EndEvent_RetentionApplied";
        public static final String START_CHECK = "StartEvent_IntegrityCheckDue";
        public static final String CHECK = "Task_CheckIntegrity";
        public static final String END_CHECK = "EndEvent_IntegrityChecked";

        private Elements() {
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

    /** Variable names. */
    public static final class Vars {
        /** Set when the instance starts from a kind's timer: the {@link BackupKind} to start. */
        public static final String KIND = "kind";

        private Vars() {
        }
    }

    private static final Map<String, BackupKind> KIND_OF_START = Map.of(
            Elements.START_DATABASE, BackupKind.DATABASE,
            Elements.START_FILES, BackupKind.FILES,
            Elements.START_SERVER, BackupKind.SERVER);

    /** The kind a backup timer start event starts, if {@code startEventId} is one. */
    public static Optional<BackupKind> kindOf(String startEventId) {
        return Optional.ofNullable(KIND_OF_START.get(startEventId));
    }

    private BackupScheduleProcess() {
    }
}
