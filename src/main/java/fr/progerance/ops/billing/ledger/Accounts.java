package fr.progerance.ops.billing.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link ClientAccounts}: the R7.3 / R8.2 moves of a client's account, each under the account lock
 * (taken again if the caller has not: a second {@code select ... for update} in the same transaction
 * is free), in the caller's transaction, so the move commits with the decision that caused it.
 */
@Component
public class Accounts implements ClientAccounts {

    private final ClientAccountRepository accounts;
    private final AccountLock lock;
    private final ApplicationEventPublisher events;

    public Accounts(ClientAccountRepository accounts, AccountLock lock, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.lock = lock;
        this.events = events;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Account> find(long clientId) {
        return accounts.findById(clientId).map(ClientAccount::view);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Account suspend(long clientId, String invoiceNumber, Instant at, Instant deletionDueAt) {
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(deletionDueAt, "deletionDueAt");
        ClientAccount account = lock.lock(clientId);
        account.suspend(invoiceNumber, at, deletionDueAt);
        return changed(account);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Account reactivate(long clientId, Instant at) {
        ClientAccount account = lock.lock(clientId);
        account.reactivate(Objects.requireNonNull(at, "at"));
        return changed(account);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Account deleted(long clientId, Instant at) {
        ClientAccount account = lock.lock(clientId);
        account.deleted(Objects.requireNonNull(at, "at"));
        return changed(account);
    }

    private Account changed(ClientAccount account) {
        accounts.flush();
        events.publishEvent(new ClientAccountChanged(account.getClientId()));
        return account.view();
    }
}
