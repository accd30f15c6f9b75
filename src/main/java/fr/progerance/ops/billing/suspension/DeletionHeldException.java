package fr.progerance.ops.billing.suspension;

/**
 * R8.2: a deletion was asked for while a manager's hold stands on the client; nothing was written
 * and nothing deleted. The dunning process checks {@link DeletionHolds#held} in the transaction of
 * its decision; this is the last guard, for a hold placed between that decision and the deletion.
 */
public class DeletionHeldException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public DeletionHeldException(long clientId) {
        super("R8.2: a deletion hold stands on client " + clientId + ": nothing deleted; the deletion waits until a"
                + " manager lifts it");
    }
}
