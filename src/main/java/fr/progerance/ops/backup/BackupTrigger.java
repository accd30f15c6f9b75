package fr.progerance.ops.backup;

/** What started a backup run. */
public enum BackupTrigger {
    /** A timer of {@code BackupSchedule} (R3.6-b). */
    SCHEDULE,
    /** Ops asked for it ({@code POST /api/servers/{id}/backups}). */
    MANUAL,
    /** R8.2: the final backup before a client's services are suspended for non-payment. */
    FINAL_BEFORE_SUSPENSION,
    /** Before a risky change (an update), so it can be undone. */
    BEFORE_CHANGE
}
