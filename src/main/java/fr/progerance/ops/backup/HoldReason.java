package fr.progerance.ops.backup;

/** Why a snapshot is kept beyond the rolling retention (R3.6-c). */
public enum HoldReason {
    /** R8.2: the final backup before a suspension for non-payment, kept 30 days. */
    SUSPENSION_FINAL_BACKUP,
    /** A legal obligation (a request from an authority). */
    LEGAL,
    /** A dispute with the client. */
    DISPUTE
}
