package fr.progerance.ops.billing.ledger;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.web.NotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The client's account lock: a pessimistic write lock ({@code select ... for update}) on its
 * {@code ops_client_account} row, held until the caller's transaction ends. A missing row is first
 * created in a transaction of its own (a concurrent creation by another node or thread is no
 * error: its row is the one locked), so that the lock itself never races on an insert.
 */
@Component
public class AccountLock {

    private final ClientAccountRepository accounts;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final ContractClock clock;

    public AccountLock(ClientAccountRepository accounts, JdbcTemplate jdbc, PlatformTransactionManager transactions,
            ContractClock clock) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Locks the client's account in the caller's transaction (which must exist).
     *
     * @throws NotFoundException an unknown client
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ClientAccount lock(long clientId) {
        return accounts.findForUpdate(clientId).orElseGet(() -> {
            createIfAbsent(clientId);
            return accounts.findForUpdate(clientId).orElseThrow(() -> new NotFoundException("Client", clientId));
        });
    }

    private void createIfAbsent(long clientId) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update("insert into ops_client_account "
                    + "(client_id, standing, updated_at, version) select id, 'GOOD', ?, 0 from ops_client where id = ?",
                    clock.now(), clientId));
        } catch (DataIntegrityViolationException createdMeanwhile) {
            // Another transaction created it first (unique key): that row is the one to lock.
        }
    }
}
