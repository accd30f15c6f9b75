package fr.progerance.ops.billing.suspension;

/** R8.2: why a manager stops a client's deletion. */
public enum DeletionHoldReason {
    /** The client disputes the sums due (a contest, a disagreement being settled). */
    DISPUTE,
    /** An authority or a court asks that the data be kept. */
    LEGAL_REQUEST,
    /** Any other reason, said in the note (required then). */
    OTHER
}
