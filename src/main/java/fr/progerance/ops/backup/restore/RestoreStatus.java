package fr.progerance.ops.backup.restore;

/** Life of a {@link RestoreRequest}; RESTORED, DECLINED and EXPIRED are the outcomes. */
public enum RestoreStatus {
    /** Registered; the backup point may still be to choose. */
    REQUESTED,
    /** The client was asked (signed link); ops may record a written validation. */
    AWAITING_VALIDATION,
    /** R3.6-d: validated; the 4 business hours run. */
    VALIDATED,
    /** The restore stream started. */
    RESTORING,
    /** Restored and checked (the shop answers, the database has its tables). */
    RESTORED,
    /** The client declined: nothing was restored. */
    DECLINED,
    /** DESIGN rule 12: no validation in time: nothing was restored. */
    EXPIRED;

    public boolean closed() {
        return this == RESTORED || this == DECLINED || this == EXPIRED;
    }
}
