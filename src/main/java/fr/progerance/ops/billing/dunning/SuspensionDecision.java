package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.ledger.ClientAccounts.Account;
import fr.progerance.ops.billing.ledger.ClientAccounts.Standing;
import java.util.Optional;

/**
 * R7.3: what the suspension date decides for one invoice, under the client's account lock. Only
 * the records count (DESIGN rule 11): the invoice's principal, the client's account standing.
 */
public enum SuspensionDecision {
    /** The invoice was paid before the decision: nothing is suspended. */
    PAID,
    /** The client is already suspended (another invoice owns the suspension) or deleted: this dunning ends. */
    JOINED,
    /** This invoice suspends the client (or already did, when a decision is looked at again). */
    SUSPENDED;

    /**
     * The decision.
     *
     * @param invoiceNumber  the invoice whose suspension date came
     * @param principalPaid  whether its principal is paid, per the ledger read under the lock
     * @param account        the client's account record, when it has one (none: GOOD)
     * @return the decision and whether this call must move the account to SUSPENDED
     */
    public static Outcome decide(String invoiceNumber, boolean principalPaid, Optional<Account> account) {
        if (principalPaid) {
            return new Outcome(PAID, false);
        }
        Standing standing = account.map(Account::standing).orElse(Standing.GOOD);
        return switch (standing) {
            case GOOD -> new Outcome(SUSPENDED, true);
            // Already suspended by this very invoice: the decision stands, nothing to move again.
            case SUSPENDED -> invoiceNumber.equals(account.get().suspendedBy()) ? new Outcome(SUSPENDED, false)
                    : new Outcome(JOINED, false);
            case DELETED -> new Outcome(JOINED, false);
        };
    }

    /** A decision and whether the account moves to SUSPENDED now. */
    public record Outcome(SuspensionDecision decision, boolean suspendNow) {
    }
}
