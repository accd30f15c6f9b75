package fr.progerance.ops.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.billing.BillingFixture;
import fr.progerance.ops.billing.InvoiceIssuer;
import fr.progerance.ops.billing.ledger.ClientAccounts.Standing;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The client's account lock, its standing and its moves, on the real database (H2). */
@OpsSpringBootTest
@DisplayName("R7.3, R7.5, R8.2: the client ledger and account")
class ClientLedgerTest {

    private static final Instant APRIL_10 = Instant.parse("2026-04-10T08:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    ClientLedger ledger;
    @Autowired
    ClientAccounts accounts;
    @Autowired
    PaymentRecorder recorder;
    @Autowired
    InvoiceIssuer issuer;
    @Autowired
    PlatformTransactionManager transactions;

    private TransactionTemplate tx;
    private RegisterApi register;

    @BeforeEach
    void setUp() {
        tx = new TransactionTemplate(transactions);
        register = new RegisterApi(port);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    @DisplayName("The lock is taken in the caller's transaction: outside one it is refused; an unknown client is a 404")
    void lockNeedsATransaction() {
        BillingFixture f = BillingFixture.create(register, true);
        assertThatThrownBy(() -> ledger.lockAndRead(f.clientId())).isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> tx.execute(s -> ledger.lockAndRead(999_999_999L))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> accounts.suspend(f.clientId(), "F2026-000001", APRIL_10, APRIL_10))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    @DisplayName("A client's first lock creates its account, safely when many take it at once; the holder makes the others wait")
    void firstLocksAtOnce() throws Exception {
        BillingFixture f = BillingFixture.create(register, true);
        assertThat(accounts.find(f.clientId())).isEmpty();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong holding = new AtomicLong();
        List<Future<long[]>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return tx.execute(s -> {
                        ledger.lockAndRead(f.clientId());
                        long entered = System.nanoTime();
                        assertThat(holding.getAndIncrement()).as("nobody else holds the lock").isZero();
                        sleep(30);
                        holding.decrementAndGet();
                        return new long[] {entered, System.nanoTime()};
                    });
                }));
            }
            start.countDown();
            for (Future<long[]> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).hasSize(2);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(accounts.find(f.clientId())).get().extracting(ClientAccounts.Account::standing)
                .isEqualTo(Standing.GOOD);
    }

    @Test
    @DisplayName("R7.3, R8.2: GOOD to SUSPENDED (by an invoice, deletion due), back to GOOD, or to DELETED; nothing else")
    void accountMoves() {
        BillingFixture f = BillingFixture.create(register, true);
        long client = f.clientId();
        Instant deletion = Instant.parse("2026-05-16T22:00:00Z");
        ClientAccounts.Account suspended = tx.execute(s -> accounts.suspend(client, "F2026-000042", APRIL_10, deletion));
        assertThat(suspended.standing()).isEqualTo(Standing.SUSPENDED);
        assertThat(suspended.suspendedBy()).isEqualTo("F2026-000042");
        assertThat(suspended.deletionDueAt()).isEqualTo(deletion);
        assertThat(accounts.find(client)).contains(suspended);
        assertThatThrownBy(() -> tx.execute(s -> accounts.suspend(client, "F2026-000043", APRIL_10, deletion)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SUSPENDED");

        ClientAccounts.Account good = tx.execute(s -> accounts.reactivate(client, APRIL_10.plusSeconds(60)));
        assertThat(good.standing()).isEqualTo(Standing.GOOD);
        assertThat(good.suspendedBy()).isNull();
        assertThat(good.deletionDueAt()).isNull();
        assertThatThrownBy(() -> tx.execute(s -> accounts.deleted(client, APRIL_10)))
                .isInstanceOf(IllegalStateException.class);

        tx.execute(s -> accounts.suspend(client, "F2026-000044", APRIL_10, deletion));
        ClientAccounts.Account deleted = tx.execute(s -> accounts.deleted(client, deletion));
        assertThat(deleted.standing()).isEqualTo(Standing.DELETED);
        assertThat(deleted.deletedAt()).isEqualTo(deletion);
        assertThatThrownBy(() -> tx.execute(s -> accounts.reactivate(client, deletion)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DELETED");
    }

    @Test
    @DisplayName("R7.5: under the lock, the client owes every open invoice, not yet due ones included; payments reduce it")
    void standingUnderTheLock() {
        BillingFixture f = BillingFixture.create(register, true);
        clock.set(Instant.parse("2026-02-28T23:00:00Z"));
        String march = issuer.issue(f.contractId(), LocalDate.of(2026, 3, 1)).invoiceNumber();
        clock.set(Instant.parse("2026-03-31T22:00:00Z"));
        String april = issuer.issue(f.contractId(), LocalDate.of(2026, 4, 1)).invoiceNumber();
        clock.set(APRIL_10);
        recorder.record(new NewPayment(march, new BigDecimal("348.00"), LocalDate.of(2026, 3, 10), "VIR 1",
                PaymentSource.API, march + ":VIR 1", "test"));
        recorder.record(new NewPayment(april, new BigDecimal("48.00"), LocalDate.of(2026, 4, 9), "VIR 2",
                PaymentSource.API, april + ":VIR 2", "test"));

        ClientStanding standing = tx.execute(s -> ledger.lockAndRead(f.clientId()));
        assertThat(standing.open()).extracting(InvoiceStanding::number).containsExactly(april);
        assertThat(standing.principalDue()).isEqualTo(new BigDecimal("300.00"));
        assertThat(standing.chargesDue()).isEqualTo(new BigDecimal("0.00"));
        assertThat(standing.totalDue()).isEqualTo(new BigDecimal("300.00"));
        assertThat(ledger.invoice(march).settled()).isTrue();
        assertThat(ledger.client(f.clientId())).isEqualTo(standing);
        assertThatThrownBy(() -> ledger.invoice("F1999-000001")).isInstanceOf(NotFoundException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
