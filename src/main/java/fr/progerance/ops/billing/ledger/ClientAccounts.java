package fr.progerance.ops.billing.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * The client's account standing as to R7.3 / R8.2, one row per client ({@code ops_client_account}),
 * the row {@link ClientLedger#lockAndRead} locks. The dunning process moves it, in the transaction of
 * the decision that was taken under the lock.
 */
public interface ClientAccounts {

    /** Where a client stands. */
    enum Standing {
        /** Services running. */
        GOOD,
        /** R7.3: suspension decided, under way or done; data kept until {@link Account#deletionDueAt}. */
        SUSPENDED,
        /** R8.2: the data was deleted. Final. */
        DELETED
    }

    /**
     * A client's account as its record says.
     *
     * @param suspendedBy   the invoice number whose dunning suspended the client (the owner of the
     *                      suspension), null when GOOD
     * @param deletionDueAt R8.2: suspension + the retention setting, null when GOOD
     */
    record Account(long clientId, Standing standing, Instant suspendedAt, String suspendedBy, Instant deletionDueAt,
            Instant deletedAt) {
    }

    /** The account, when the client ever had one. */
    Optional<Account> find(long clientId);

    /** R7.3: GOOD to SUSPENDED; call under the lock. @throws IllegalStateException from another standing */
    Account suspend(long clientId, String invoiceNumber, Instant at, Instant deletionDueAt);

    /** R8.2: SUSPENDED to GOOD; call under the lock. @throws IllegalStateException from another standing */
    Account reactivate(long clientId, Instant at);

    /** R8.2: SUSPENDED to DELETED; call under the lock. @throws IllegalStateException from another standing */
    Account deleted(long clientId, Instant at);
}
