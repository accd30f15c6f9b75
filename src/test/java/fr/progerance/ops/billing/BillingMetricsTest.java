package fr.progerance.ops.billing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.billing.ledger.ClientAccounts;
import fr.progerance.ops.billing.ledger.NewPayment;
import fr.progerance.ops.billing.ledger.PaymentRecorder;
import fr.progerance.ops.billing.ledger.PaymentSource;
import fr.progerance.ops.contract.RegisterApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The billing dashboard's metrics move with committed records only (DESIGN rule 13). In 2041, so
 * that no invoice of another test class (all due before) enters or leaves the 7-day windows.
 */
@OpsSpringBootTest
@DisplayName("Billing metrics: open, overdue, amounts due, suspensions and deletions ahead")
class BillingMetricsTest {

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry registry;
    @Autowired
    MovableClock clock;
    @Autowired
    InvoiceIssuer issuer;
    @Autowired
    PaymentRecorder recorder;
    @Autowired
    ClientAccounts accounts;
    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private Map<String, Double> now() {
        return Map.of("open", gauge("ops.billing.invoices.open"), "overdue", gauge("ops.billing.invoices.overdue"),
                "due", gauge("ops.billing.amount.due.euros"), "suspensions", gauge("ops.billing.suspensions.ahead"),
                "deletions", gauge("ops.billing.deletions.ahead"),
                "issued", registry.get("ops.billing.invoices.issued").counter().count(),
                "payments", registry.get("ops.billing.payments.recorded").tag("source", "API").counter().count());
    }

    private static void assertMoved(Map<String, Double> before, Map<String, Double> after, Map<String, Double> by) {
        before.forEach((name, value) -> assertThat(after.get(name)).as(name)
                .isCloseTo(value + by.getOrDefault(name, 0.0), org.assertj.core.data.Offset.offset(0.001)));
    }

    @Test
    @DisplayName("R7.3, R8.2: an invoice due in 6 days, then overdue, then paid; a suspension with its deletion 5 days ahead; a rollback counts nothing")
    void committedRecordsOnly() {
        BillingFixture f = BillingFixture.create(new RegisterApi(port), true);
        clock.set(Instant.parse("2041-02-28T23:05:00Z"));
        Map<String, Double> start = now();
        String number = issuer.issue(f.contractId(), LocalDate.of(2041, 3, 1)).invoiceNumber();
        clock.set(Instant.parse("2041-03-10T08:00:00Z")); // due 16 March 00:00 Paris: within 7 days
        Map<String, Double> issued = now();
        assertMoved(start, issued, Map.of("open", 1.0, "due", 348.0, "suspensions", 1.0, "issued", 1.0));

        // A payment whose transaction rolls back changes nothing.
        try {
            new TransactionTemplate(transactions).executeWithoutResult(s -> {
                recorder.record(new NewPayment(number, new BigDecimal("100.00"), LocalDate.of(2041, 3, 10), "rolled back",
                        PaymentSource.API, number + ":rolled back", "test"));
                throw new IllegalStateException("rollback");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertMoved(issued, now(), Map.of());

        clock.set(Instant.parse("2041-03-16T00:00:00Z")); // 01:00 in Paris on the due date: the term is over
        Map<String, Double> late = now();
        assertMoved(issued, late, Map.of("overdue", 1.0, "suspensions", -1.0));

        TransactionTemplate tx = new TransactionTemplate(transactions);
        Instant deletionDue = Instant.parse("2041-03-21T00:00:00Z");
        tx.executeWithoutResult(s -> accounts.suspend(f.clientId(), number, clock.instant(), deletionDue));
        Map<String, Double> suspended = now();
        assertMoved(late, suspended, Map.of("deletions", 1.0));

        recorder.record(new NewPayment(number, new BigDecimal("348.00"), LocalDate.of(2041, 3, 15), "VIR",
                PaymentSource.API, number + ":VIR", "test"));
        Map<String, Double> paid = now();
        assertMoved(suspended, paid, Map.of("open", -1.0, "overdue", -1.0, "due", -348.0, "payments", 1.0));

        tx.executeWithoutResult(s -> accounts.reactivate(f.clientId(), clock.instant()));
        assertMoved(paid, now(), Map.of("deletions", -1.0));
    }
}
