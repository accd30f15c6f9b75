package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.ledger.ClientAccounts.Account;
import fr.progerance.ops.billing.ledger.ClientAccounts.Standing;

/**
 * R8.2: what the deletion deadline decides, under the client's account lock, from the records
 * only: the whole balance (interest and fee included) and the managers' holds.
 */
public enum DeletionDecision {
    /** Everything is paid: the client is reactivated, nothing is deleted. */
    SETTLED,
    /** A manager's hold (dispute, legal request) stands: nothing is deleted until it is lifted. */
    HELD,
    /** 30 days without regularisation: the data is deleted. */
    DELETE;

    /**
     * The decision.
     *
     * @throws IllegalStateException when the account is not SUSPENDED by this invoice: only the
     *     owner of a suspension decides its deletion
     */
    public static DeletionDecision decide(String invoiceNumber, Account account, boolean settled, boolean held) {
        if (account == null || account.standing() != Standing.SUSPENDED
                || !invoiceNumber.equals(account.suspendedBy())) {
            throw new IllegalStateException("Invoice " + invoiceNumber + " does not own the suspension of client "
                    + (account == null ? "?" : account.clientId() + " (account " + account.standing() + ", suspended by "
                            + account.suspendedBy() + ")") + ": its dunning may not decide a deletion");
        }
        if (settled) {
            return SETTLED;
        }
        return held ? HELD : DELETE;
    }
}
