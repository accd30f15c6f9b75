package fr.progerance.ops.contract;

/**
 * An action that the contract's major-incident procedure may allow the provider to take when the
 * client cannot be reached (R4.3-t4, R4.3-t5 step 2). Actions that need a client decision or
 * spending (R4.3-t3: a new server, a migration) are listed too, so that a procedure can
 * pre-authorise them within the emergency budget.
 */
public enum EmergencyAction {
    RESTART_SERVICE,
    REBOOT_SERVER,
    RESTORE_BACKUP,
    FAILOVER,
    NEW_SERVER,
    MIGRATION
}
