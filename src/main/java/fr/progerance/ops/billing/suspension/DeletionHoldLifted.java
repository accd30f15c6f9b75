package fr.progerance.ops.billing.suspension;

/** Published after a manager's lift of a deletion hold is committed (R8.2): a waiting deletion looks again. */
public record DeletionHoldLifted(long clientId) {
}
