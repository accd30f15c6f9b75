package fr.progerance.ops.billing.suspension;

/**
 * R8.2: a manager's hold (dispute, legal request) that stops a client's deletion until lifted.
 * Placed and lifted through {@code /api/clients/{id}/deletion-holds} by managers only, with who,
 * when and why recorded (DESIGN rule 11: the process reads this record, never a variable).
 */
public interface DeletionHolds {

    /** Whether a hold that has not been lifted stands on the client. */
    boolean held(long clientId);
}
