package fr.progerance.ops.update;

/** Where one update of one server stands (its record, table {@code ops_update}). */
public enum UpdateStatus {
    /** Known to be due; its window is not planned yet (MinorUpdate: ops plan it). */
    PENDING,
    /** MajorUpdate: the quote is with the client (R4.0-c); nothing may touch the server. */
    AWAITING_QUOTE,
    /** A maintenance window is recorded; waiting for it. */
    SCHEDULED,
    /** Inside the window: backup, update, check. */
    RUNNING,
    /** Updated and verified. Final. */
    DONE,
    /** The check failed; the pre-update backup was restored. Final. */
    ROLLED_BACK,
    /** Nothing was done to the server (quote declined or expired, superseded, cancelled); the record says why. Final. */
    NOT_DONE,
    /** Failed and could not be rolled back automatically: ops act (Camunda incident). */
    FAILED;

    public boolean finished() {
        return this == DONE || this == ROLLED_BACK || this == NOT_DONE;
    }
}
