package fr.progerance.ops.billing.suspension;

/**
 * R8.2: a deletion was stopped at its last guard, the transaction that writes its audit record
 * (the point of no return): a manager's hold stands on the client, or the client has paid every sum
 * due since the decision. Nothing was written and nothing deleted. The dunning process checks both
 * in the transaction of its decision; this guard covers a hold placed or a payment recorded between
 * that decision and the deletion, and the process then decides again.
 */
public class DeletionHeldException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public DeletionHeldException(long clientId) {
        super("R8.2: a deletion hold stands on client " + clientId + ": nothing deleted; the deletion waits until a"
                + " manager lifts it");
    }

    private DeletionHeldException(String message) {
        super(message);
    }

    /** R8.2: the client paid every sum due (interest and fees included) before the point of no return. */
    public static DeletionHeldException settled(long clientId) {
        return new DeletionHeldException("R8.2: client " + clientId + " has paid every sum due since the deletion was"
                + " decided: nothing deleted; the balance is checked again");
    }
}
