package fr.progerance.ops.billing;

import fr.progerance.ops.billing.ledger.ClientAccountChanged;
import fr.progerance.ops.billing.ledger.ClientAccounts.Standing;
import fr.progerance.ops.billing.ledger.PaymentRecorded;
import fr.progerance.ops.billing.ledger.PaymentSource;
import fr.progerance.ops.calendar.ContractClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the billing dashboard shows (dashboards/grafana/dashboards/billing.json): invoices open and
 * overdue (R7.3), the amounts due (unpaid invoice principal, euros), the suspensions due within the
 * next 7 days (open invoices whose payment term ends then, R7.3) and the deletions due within the
 * next 7 days (suspended clients whose data is deleted then, R8.2); invoices issued and payments
 * recorded.
 *
 * <p>DESIGN rule 13: committed records only. The gauges read an in-memory view of the open invoices
 * and the suspended accounts, loaded at start and refreshed after each commit that issues an
 * invoice, records a payment or moves an account, so a scrape never touches the database; what is
 * overdue or ahead is judged at scrape time from the clock.
 */
@Component
public class BillingMetrics {

    /** The dashboard's horizon for what is ahead. */
    public static final Period AHEAD = Period.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(BillingMetrics.class);

    private final MeterRegistry registry;
    private final ContractClock clock;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    /** Open invoices by id: when their payment term ends (R7.3) and the principal still unpaid. */
    private final Map<Long, Open> open = new ConcurrentHashMap<>();
    /** Suspended clients by id: when their data is deleted (R8.2). */
    private final Map<Long, Instant> deletions = new ConcurrentHashMap<>();

    record Open(Instant dueAt, BigDecimal principalDue) {
    }

    public BillingMetrics(MeterRegistry registry, ContractClock clock, JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        this.registry = registry;
        this.clock = clock;
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        Gauge.builder("ops.billing.invoices.open", open, Map::size)
                .description("Invoices with something still due (principal or R7.5 late charges)").register(registry);
        Gauge.builder("ops.billing.invoices.overdue", () -> count(o -> !o.dueAt().isAfter(clock.instant())))
                .description("Open invoices whose payment term is over (R7.3: issue + 15 days)").register(registry);
        Gauge.builder("ops.billing.amount.due.euros", () -> open.values().stream().map(Open::principalDue)
                        .reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue())
                .description("Unpaid principal of the open invoices, including tax (late charges not included)")
                .register(registry);
        Gauge.builder("ops.billing.suspensions.ahead", () -> count(o -> ahead(o.dueAt())))
                .description("Open invoices whose payment term ends within the next 7 days (R7.3 suspension due)")
                .register(registry);
        Gauge.builder("ops.billing.deletions.ahead", () -> deletions.values().stream().filter(this::ahead).count())
                .description("Suspended clients whose data is due for deletion within the next 7 days (R8.2)")
                .register(registry);
        issued();
        for (PaymentSource source : PaymentSource.values()) {
            payments(source.name());
        }
    }

    /** At start: every open invoice and every suspended account. */
    @EventListener(ApplicationReadyEvent.class)
    public void load() {
        try {
            readOnly.executeWithoutResult(tx -> {
                jdbc.query(OPEN_INVOICES + " where i.status = 'OPEN' group by i.id, i.due_on, i.total_incl_tax",
                        rs -> {
                            open.put(rs.getLong(1), open(rs.getObject(2, LocalDate.class), rs.getBigDecimal(3),
                                    rs.getBigDecimal(4)));
                        });
                jdbc.query("select client_id, deletion_due_at from ops_client_account where standing = 'SUSPENDED'",
                        rs -> {
                            OffsetDateTime due = rs.getObject(2, OffsetDateTime.class);
                            if (due != null) {
                                deletions.put(rs.getLong(1), due.toInstant());
                            }
                        });
            });
        } catch (RuntimeException e) {
            LOG.warn("Billing metrics: could not read the invoices and accounts at start ({})", e.toString());
        }
    }

    private static final String OPEN_INVOICES = "select i.id, i.due_on, i.total_incl_tax, coalesce(sum(p.amount), 0)"
            + " from ops_invoice i left join ops_payment p on p.invoice_id = i.id";

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onIssued(InvoiceIssued issued) {
        issued().increment();
        refresh(issued.invoiceNumber());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onPayment(PaymentRecorded payment) {
        jdbcSafe(() -> {
            String source = readOnly.execute(tx -> jdbc.queryForObject("select source from ops_payment where id = ?",
                    String.class, payment.paymentId()));
            payments(source).increment();
        });
        refresh(payment.invoiceNumber());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onAccount(ClientAccountChanged changed) {
        jdbcSafe(() -> {
            List<OffsetDateTime> due = readOnly.execute(tx -> jdbc.query(
                    "select deletion_due_at from ops_client_account where client_id = ? and standing = ?",
                    (rs, i) -> rs.getObject(1, OffsetDateTime.class), changed.clientId(),
                    Standing.SUSPENDED.name()));
            Optional<Instant> at = due == null ? Optional.empty()
                    : due.stream().filter(Objects::nonNull).map(OffsetDateTime::toInstant).findFirst();
            at.ifPresentOrElse(i -> deletions.put(changed.clientId(), i), () -> deletions.remove(changed.clientId()));
        });
    }

    private void refresh(String invoiceNumber) {
        jdbcSafe(() -> {
            List<Object[]> rows = readOnly.execute(tx -> jdbc.query(OPEN_INVOICES
                            + " where i.number = ? group by i.id, i.due_on, i.total_incl_tax, i.status",
                    (rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, LocalDate.class),
                        rs.getBigDecimal(3), rs.getBigDecimal(4)}, invoiceNumber));
            String status = readOnly.execute(tx -> jdbc.queryForObject(
                    "select status from ops_invoice where number = ?", String.class, invoiceNumber));
            for (Object[] r : rows) {
                long id = (Long) r[0];
                if ("OPEN".equals(status)) {
                    open.put(id, open((LocalDate) r[1], (BigDecimal) r[2], (BigDecimal) r[3]));
                } else {
                    open.remove(id);
                }
            }
        });
    }

    private Open open(LocalDate dueOn, BigDecimal total, BigDecimal paid) {
        return new Open(clock.startOfDay(dueOn).toInstant(), total.subtract(paid).max(BigDecimal.ZERO));
    }

    private long count(Predicate<Open> which) {
        return open.values().stream().filter(which).count();
    }

    /** Within the next 7 days: after now, at most now + 7 calendar days. */
    private boolean ahead(Instant at) {
        Instant now = clock.instant();
        return at.isAfter(now) && !at.isAfter(clock.plusCalendarPeriod(now, AHEAD).toInstant());
    }

    private Counter issued() {
        return Counter.builder("ops.billing.invoices.issued").description("Invoices issued (R7.2), committed")
                .register(registry);
    }

    private Counter payments(String source) {
        return Counter.builder("ops.billing.payments.recorded")
                .description("Payment records committed, by channel (duplicates not counted)")
                .tag("source", source).register(registry);
    }

    private static void jdbcSafe(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Billing metrics not updated: {}", e.toString());
        }
    }
}
