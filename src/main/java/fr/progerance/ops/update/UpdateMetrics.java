package fr.progerance.ops.update;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.quote.QuoteStatus;
import fr.progerance.ops.quote.QuoteView;
import fr.progerance.ops.quote.Quotes;
import fr.progerance.ops.update.shop.ShopVersionReading;
import fr.progerance.ops.update.shop.ShopVersions;
import fr.progerance.ops.update.version.UpdateKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the updates dashboard shows (dashboards/grafana/dashboards/updates.json), RD-ps, R4.0-b,
 * R4.0-c: the servers per PrestaShop version (their latest reading), the open updates per kind and
 * security flag, the minor updates past their due date (R4.0-b), the major updates whose quote awaits
 * the client's answer (R4.0-c), and the overdue escalations.
 *
 * <p>DESIGN rule 13: the gauges read the committed records ({@link ShopVersions}, {@link Updates},
 * {@link Quotes}) at most once per {@link #MAX_AGE}, whoever scrapes; the counter moves when the
 * transaction that escalated commits.
 */
@Component
public class UpdateMetrics {

    /** How long one reading of the records serves the scrapes. */
    public static final Duration MAX_AGE = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(UpdateMetrics.class);

    private final MeterRegistry registry;
    private final ShopVersions versions;
    private final Updates updates;
    private final Quotes quotes;
    private final ContractClock clock;
    private final MultiGauge serversPerVersion;

    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of(), 0, Instant.EPOCH);

    /** One reading of the records. */
    public record Snapshot(Map<String, Long> serversPerVersion, List<UpdateView> open, long quotesAwaiting, Instant takenAt) {
    }

    public UpdateMetrics(MeterRegistry registry, ShopVersions versions, Updates updates, Quotes quotes,
            ContractClock clock) {
        this.registry = registry;
        this.versions = versions;
        this.updates = updates;
        this.quotes = quotes;
        this.clock = clock;
        this.serversPerVersion = MultiGauge.builder("ops.update.servers")
                .description("Servers per PrestaShop version (latest reading of each shop, RD-ps)").register(registry);
        for (UpdateKind kind : List.of(UpdateKind.MAJOR, UpdateKind.MINOR, UpdateKind.PATCH)) {
            for (boolean security : new boolean[] {false, true}) {
                gauge("ops.update.updates.pending", "Updates not finished yet, per kind (R4.0-b, R4.0-c)",
                        Tags.of("kind", kind.name(), "security", String.valueOf(security)),
                        s -> s.open().stream().filter(u -> u.kind() == kind && u.security() == security).count());
            }
        }
        for (boolean security : new boolean[] {false, true}) {
            gauge("ops.update.updates.overdue", "Minor updates not finished by their due date (R4.0-b: publication"
                    + " + ops.update.minor-delay, or security-delay)", Tags.of("security", String.valueOf(security)),
                    s -> s.open().stream().filter(u -> u.security() == security && overdue(u)).count());
            escalations(security);
        }
        gauge("ops.update.quotes.awaiting", "Major updates whose quote awaits the client's answer (R4.0-c)", Tags.empty(),
                Snapshot::quotesAwaiting);
    }

    /** At start, so the per-version series exist before the first scrape. */
    @EventListener(ApplicationReadyEvent.class)
    public void load() {
        refresh();
    }

    /** R4.0-b: MinorUpdate escalated an overdue update; counted when the transaction commits. */
    public void escalated(boolean security) {
        Runnable count = () -> escalations(security).increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }

    private Counter escalations(boolean security) {
        return Counter.builder("ops.update.escalations")
                .description("Minor updates escalated to managers at their due date (R4.0-b)")
                .tag("security", String.valueOf(security)).register(registry);
    }

    private void gauge(String name, String description, Tags tags, ToLongFunction<Snapshot> value) {
        Gauge.builder(name, () -> value.applyAsLong(current())).description(description).tags(tags).register(registry);
    }

    private boolean overdue(UpdateView u) {
        return u.kind().includedInContract() && u.dueAt() != null && !u.dueAt().isAfter(clock.instant());
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (Duration.between(s.takenAt(), Instant.now()).compareTo(MAX_AGE) > 0) {
            s = refresh();
        }
        return s;
    }

    /** Reads the records again (and the per-version series); keeps the last reading when they cannot be read. */
    public synchronized Snapshot refresh() {
        try {
            Map<String, Long> perVersion = versions.latestOfAll().stream().collect(Collectors.groupingBy(
                    (ShopVersionReading r) -> r.version().text(), TreeMap::new, Collectors.counting()));
            List<UpdateView> open = updates.open();
            long awaiting = open.stream().filter(u -> u.kind().needsQuote()).filter(this::quoteSent).count();
            serversPerVersion.register(perVersion.entrySet().stream()
                    .map(e -> MultiGauge.Row.of(Tags.of("version", e.getKey()), e.getValue())).toList(), true);
            snapshot = new Snapshot(perVersion, open, awaiting, Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Update metrics not refreshed: {}", e.toString());
            snapshot = new Snapshot(snapshot.serversPerVersion(), snapshot.open(), snapshot.quotesAwaiting(),
                    Instant.now());
        }
        return snapshot;
    }

    /** R4.0-c: the update's newest quote is with the client. */
    private boolean quoteSent(UpdateView u) {
        List<QuoteView> ofUpdate = quotes.ofSubject("update:" + u.id());
        return !ofUpdate.isEmpty() && ofUpdate.get(0).status() == QuoteStatus.SENT;
    }
}
