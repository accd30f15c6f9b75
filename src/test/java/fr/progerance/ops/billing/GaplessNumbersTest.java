package fr.progerance.ops.billing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.billing.InvoiceIssuer.Result;
import fr.progerance.ops.contract.RegisterApi;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * R7.2: invoice numbers have no gaps, whatever runs at once and whatever rolls back (H2; the
 * mechanism, an UPDATE of the year's counter row in the invoice's transaction, is the same on
 * PostgreSQL).
 */
@OpsSpringBootTest
@DisplayName("R7.2: gapless invoice numbers under concurrency and rollbacks")
class GaplessNumbersTest {

    @LocalServerPort
    int port;
    @Autowired
    InvoiceNumbers numbers;
    @Autowired
    InvoiceIssuer issuer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    MovableClock clock;

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private static <T> List<T> together(int threads, java.util.function.IntFunction<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> task = work.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("R7.2: concurrent transactions that take a number, half of them rolling back after it, commit exactly 1..N")
    void rollbacksGiveTheirNumberBack() throws Exception {
        int year = 2091;
        int threads = 12;
        ConcurrentLinkedQueue<String> committed = new ConcurrentLinkedQueue<>();
        together(threads, i -> () -> {
            TransactionTemplate tx = new TransactionTemplate(transactions);
            try {
                tx.executeWithoutResult(status -> {
                    String number = numbers.next(year);
                    sleep(10); // hold the counter while others wait for it
                    if (i % 2 == 1) {
                        throw new IllegalStateException("the invoice failed after its number " + number);
                    }
                    committed.add(number);
                });
            } catch (IllegalStateException rolledBack) {
                // its number is given back
            }
            return null;
        });
        Set<String> expected = IntStream.rangeClosed(1, threads / 2)
                .mapToObj(n -> InvoiceNumbers.format("F", year, n)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(committed).hasSize(threads / 2);
        assertThat(new TreeSet<>(committed)).isEqualTo(expected);
        assertThat(jdbc.queryForObject("select last_number from ops_invoice_sequence where invoice_year = ?",
                Integer.class, year)).isEqualTo(threads / 2);
    }

    @Test
    @DisplayName("R7.2: invoices issued at once for many contracts get distinct numbers, and the year's numbers stay 1..N")
    void concurrentIssuing() throws Exception {
        RegisterApi register = new RegisterApi(port);
        List<Long> contracts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            contracts.add(BillingFixture.create(register, true).contractId());
        }
        clock.set(Instant.parse("2026-06-30T22:00:00Z"));
        LocalDate july = LocalDate.of(2026, 7, 1);
        List<InvoiceIssuer.Outcome> outcomes = together(contracts.size(),
                i -> () -> issuer.issue(contracts.get(i), july));
        assertThat(outcomes).extracting(InvoiceIssuer.Outcome::result).containsOnly(Result.ISSUED);
        assertThat(outcomes).extracting(InvoiceIssuer.Outcome::invoiceNumber).doesNotHaveDuplicates();

        // Every committed invoice of 2026 in the database, whoever issued it: exactly 1..N.
        List<String> year = jdbc.queryForList("select number from ops_invoice where number like 'F2026-%'", String.class);
        Set<String> expected = IntStream.rangeClosed(1, year.size()).mapToObj(n -> InvoiceNumbers.format("F", 2026, n))
                .collect(Collectors.toSet());
        assertThat(new TreeSet<>(year)).isEqualTo(new TreeSet<>(expected));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
