package fr.progerance.ops.update.apply;

/**
 * The {@code ApplyUpdate} process (processes/update/ApplyUpdate.bpmn), called by {@code MinorUpdate}
 * and {@code MajorUpdate} once the update's window is recorded (RD-ps, R4.0-b, R4.0-c, R4.3-p2): the
 * client told before, the window awaited, the pre-update backup (the {@code Backup} process, trigger
 * BEFORE_CHANGE, database and files), the update by the assistant, the check, the rollback on
 * failure, the client told after. Its key, element ids, topics, error codes and variable names;
 * delegates, handlers and tests use these constants, never string literals.
 *
 * <p>How to call it: {@code <callActivity calledElement="ApplyUpdate">} with {@code camunda:in} of
 * {@link Vars#UPDATE_ID}. What happened is on the update record ({@code Updates.get}), never in a
 * variable (DESIGN rule 11).
 */
public final class ApplyUpdateProcess {

    public static final String KEY = "ApplyUpdate";
    public static final String RESOURCE = "processes/update/ApplyUpdate.bpmn";

    /** Element ids, in the order of the flow. */
    public static final class Elements {
        public static final String START = "StartEvent_ApplyUpdateCalled";
        public static final String PREPARE = "Task_PrepareUpdate";
        public static final String TELL_CLIENT_BEFORE = "Task_TellClientBefore";
        public static final String TIMER_WINDOW_START = "Event_WindowStart";
        /** Everything from RUNNING to the final record, watched by the R4.3-p2 time limit. */
        public static final String WORK = "SubProcess_UpdateWork";
        public static final String WORK_START = "StartEvent_WindowOpened";
        public static final String MARK_RUNNING = "Task_MarkUpdateRunning";
        /** No update without its backup: one Backup per kind (database, files), trigger BEFORE_CHANGE. */
        public static final String BACKUP = "CallActivity_PreUpdateBackup";
        public static final String TIMER_BACKUP = "Event_PreUpdateBackupTimeout";
        public static final String CHECK_BACKUP = "Task_CheckPreUpdateBackup";
        public static final String GATEWAY_BACKED_UP = "Gateway_PreUpdateBackupDone";
        public static final String JOIN_NOT_RUN = "Gateway_UpdateNotRun";
        public static final String RECORD_NOT_RUN = "Task_RecordUpdateNotRun";
        public static final String END_NOT_RUN = "EndEvent_UpdateNotRun";
        /** External task {@link Topics#RUN}: the assistant's backup, then the update. */
        public static final String RUN = "Task_RunUpdate";
        public static final String ERROR_UPDATE_FAILED = "Event_UpdateFailed";
        public static final String VERIFY = "Task_VerifyUpdate";
        public static final String GATEWAY_VERIFIED = "Gateway_UpdateVerified";
        public static final String RECORD_DONE = "Task_RecordUpdateDone";
        public static final String END_DONE = "EndEvent_UpdateDone";
        public static final String JOIN_ROLLBACK = "Gateway_RollBack";
        /** External task {@link Topics#ROLLBACK}: the pre-update snapshots restored, the shop checked. */
        public static final String ROLLBACK = "Task_RollBackUpdate";
        public static final String END_ROLLED_BACK = "EndEvent_UpdateRolledBack";
        /** R4.3-p2: the work is still going on when its time limit passes (non-interrupting). */
        public static final String TIMER_TIME_LIMIT = "Event_WindowTimeLimit";
        public static final String WARN_TIME_LIMIT = "Task_WarnWindowTimeLimit";
        public static final String END_WARNED = "EndEvent_TimeLimitWarned";
        public static final String TELL_CLIENT_AFTER = "Task_TellClientAfter";
        public static final String END = "EndEvent_UpdateApplied";

        private Elements() {
        }
    }

    /** External task topics (handled by the application's worker, DESIGN rule 5). */
    public static final class Topics {
        /** The assistant's {@code backup:create}, then {@code update:start} ({@code UpdateAssistant}). */
        public static final String RUN = "update-run";
        /** The pre-update snapshots streamed back ({@code backup.ChangeRollback}), the shop checked. */
        public static final String ROLLBACK = "update-rollback";

        private Topics() {
        }
    }

    /** BPMN error codes (business outcomes the model handles). */
    public static final class Errors {
        /** The update failed after its attempts: the rollback follows. */
        public static final String UPDATE_FAILED = "UPDATE_FAILED";

        private Errors() {
        }
    }

    /** Variable names: ids, decisions and deadlines only. */
    public static final class Vars {
        /** In: the update record. */
        public static final String UPDATE_ID = "updateId";
        /** From the record: the server (the Backup call's input). */
        public static final String SERVER_ID = "serverId";
        /** From the record: the window's start (the timer's date). */
        public static final String WINDOW_START = "windowStart";
        /** R4.3-p2: when the work passes its time limit (level-2 window time from the window's start). */
        public static final String TIME_LIMIT = "updateTimeLimit";
        /** No update without its backup: the pre-update backup is awaited until then. */
        public static final String BACKUP_UNTIL = "preUpdateBackupUntil";
        /** The multi-instance element of the Backup call: a {@code BackupKind} name. */
        public static final String BACKUP_KIND = "preUpdateBackupKind";
        /** From the run records: both pre-update snapshots exist (Gateway_PreUpdateBackupDone). */
        public static final String BACKED_UP = "preUpdateBackedUp";
        /** From the record: the check passed (Gateway_UpdateVerified). */
        public static final String VERIFIED = "updateVerified";

        private Vars() {
        }
    }

    private ApplyUpdateProcess() {
    }
}
