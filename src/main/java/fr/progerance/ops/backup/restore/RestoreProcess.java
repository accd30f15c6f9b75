package fr.progerance.ops.backup.restore;

/**
 * The {@code Restore} process (processes/backup/Restore.bpmn): its key, element ids, message and
 * variable names (R3.6-d, R3.6-e, R4.3-t3, RC-business). Delegates, forms, handlers and tests use
 * these constants, never string literals.
 */
public final class RestoreProcess {

    public static final String KEY = "Restore";
    public static final String RESOURCE = "processes/backup/Restore.bpmn";

    /** The external task topic of the restore itself (DESIGN rule 5). */
    public static final String TOPIC_RUN = "restore-run";

    /** Element ids, in the order of the flow. */
    public static final class Elements {
        public static final String START = "StartEvent_RestoreRequested";
        public static final String REGISTER = "Task_RegisterRestoreRequest";
        public static final String GATEWAY_POINT_CHOSEN = "Gateway_BackupPointChosen";
        public static final String LIST_BACKUP_POINTS = "Task_ListBackupPoints";
        public static final String CHOOSE_BACKUP_POINT = "Task_ChooseBackupPoint";
        public static final String JOIN_POINT_KNOWN = "Gateway_BackupPointKnown";
        public static final String REQUEST_VALIDATION = "Task_RequestClientValidation";
        /** R4.3-t3: ops record the client's written validation; the link answer interrupts it. */
        public static final String RECORD_WRITTEN_VALIDATION = "Task_RecordWrittenValidation";
        public static final String MESSAGE_ANSWERED_BY_LINK = "Event_ClientAnsweredByLink";
        /** DESIGN rule 12: reminders, then expiry. */
        public static final String TIMER_REMINDER = "Event_ValidationReminderDue";
        public static final String REMIND = "Task_RemindClientOfValidation";
        public static final String END_REMINDED = "EndEvent_ClientReminded";
        public static final String TIMER_EXPIRED = "Event_ValidationExpired";
        public static final String CLOSE_EXPIRED = "Task_CloseExpiredRequest";
        public static final String END_EXPIRED = "EndEvent_RestoreExpired";
        public static final String RECORD_VALIDATION = "Task_RecordClientValidation";
        public static final String GATEWAY_VALIDATED = "Gateway_ClientValidated";
        public static final String END_DECLINED = "EndEvent_RestoreDeclined";
        /** R3.6-d: everything after the validation, watched by the deadline timer. */
        public static final String WITHIN_DEADLINE = "SubProcess_RestoreWithinDeadline";
        public static final String WORK_START = "StartEvent_RestoreValidated";
        public static final String RUN_RESTORE = "Task_RunRestore";
        public static final String JOIN_CHECK = "Gateway_CheckAgain";
        public static final String CHECK = "Task_CheckRestoredServer";
        public static final String GATEWAY_HEALTHY = "Gateway_RestoredServerHealthy";
        public static final String REPAIR = "Task_RepairRestoredServer";
        public static final String CONFIRM = "Task_ConfirmRestoredShop";
        public static final String WORK_END = "EndEvent_RestoreConfirmed";
        public static final String TIMER_DEADLINE = "Event_RestoreDeadline";
        public static final String ESCALATE = "Task_EscalateRestoreDeadline";
        public static final String END_ESCALATED = "EndEvent_DeadlineEscalated";
        public static final String SEND_REPORT = "Task_SendRestoreReport";
        public static final String END_RESTORED = "EndEvent_Restored";

        private Elements() {
        }
    }

    /** Message names (correlated by process instance). */
    public static final class Messages {
        /** The client answered the signed validation link (notify's correlator). */
        public static final String VALIDATION = "Message_RestoreValidation";

        private Messages() {
        }
    }

    /**
     * Variable names: ids, decisions and deadlines only. What the contract turns on (the backup
     * point, the client's validation, start and end) is read from the {@code ops_restore_request}
     * and decision records (DESIGN rule 11); the routing variables are copies written by the code
     * that wrote the record.
     */
    public static final class Vars {
        /** The restore record's id (also the business key). */
        public static final String RESTORE_ID = "restoreId";
        /** Input of the start form. */
        public static final String SERVER_ID = "serverId";
        /** Input of the start form: why ops restore. */
        public static final String REASON = "reason";
        /** camunda:initiator of the start event. */
        public static final String REQUESTED_BY = "requestedBy";
        public static final String SERVER_NAME = "serverName";
        public static final String CLIENT_NAME = "clientName";
        /** From the record: the backup point is known (API request) or still to choose (Tasklist). */
        public static final String BACKUP_POINT_CHOSEN = "backupPointChosen";
        /** The server's snapshots for the choice's select ({@code valuesKey}), as JSON {label, value}. */
        public static final String BACKUP_POINT_OPTIONS = "backupPointOptions";
        public static final String CHOICE_DUE = "backupPointChoiceDue";
        /** Input of Task_ChooseBackupPoint: the chosen snapshot's id. */
        public static final String SNAPSHOT_ID = "snapshotId";
        /** The backup point in words (kind, date and time, short id), for the forms. */
        public static final String BACKUP_POINT = "backupPoint";
        /** The validation's decision record (notify writes restoreDecisionId too, the same id). */
        public static final String DECISION_ID = "restoreDecisionId";
        public static final String VALIDATION_EXPIRES_AT = "validationExpiresAt";
        public static final String REMINDERS_SENT = "validationRemindersSent";
        /** Inputs of Task_RecordWrittenValidation (R4.3-t3). */
        public static final String WRITTEN_ANSWER = "writtenAnswer";
        public static final String WRITTEN_REFERENCE = "writtenReference";
        /** From the decision record (Gateway_ClientValidated). */
        public static final String VALIDATED = "clientValidated";
        /** R3.6-d: validation + 4 business hours, the due date of every ops task after it. */
        public static final String RESTORE_DUE = "restoreDue";
        /** From the record: the restored server passed the checks (Gateway_RestoredServerHealthy). */
        public static final String HEALTHY = "restoreHealthy";
        public static final String CHECK_FINDINGS = "restoreCheck";
        /** Input of Task_RepairRestoredServer. */
        public static final String REPAIR_NOTES = "repairNotes";
        /** Inputs of Task_ConfirmRestoredShop. */
        public static final String SHOP_CHECKED = "shopChecked";
        public static final String REMARKS = "confirmationRemarks";

        private Vars() {
        }
    }

    /** notify names the correlated variables restoreDecisionId, restoreDecisionApproved, restoreDecisionChannel. */
    static final String DECISION_PREFIX = "restore";

    /** The decision purpose code of a restore validation (notify). */
    static final String PURPOSE = "RESTORE";

    private RestoreProcess() {
    }
}
