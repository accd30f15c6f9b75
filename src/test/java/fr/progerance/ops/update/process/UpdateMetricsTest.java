package fr.progerance.ops.update.process;

import static fr.progerance.ops.update.process.UpdateFlowFixture.paris;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.quote.QuoteStatus;
import fr.progerance.ops.update.UpdateMetrics;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the updates dashboard reads (RD-ps, R4.0-b, R4.0-c): the gauges follow the records, and every
 * {@code ops_*} series of {@code dashboards/grafana/dashboards/updates.json} is a meter of the engine
 * (DashboardQueriesTest evaluates the panels' queries against a real Prometheus).
 */
@OpsSpringBootTest
@DisplayName("Update metrics and the updates dashboard")
class UpdateMetricsTest {

    private static final Pattern SERIES = Pattern.compile("\\bops_[a-z_]+");

    @Autowired
    MeterRegistry registry;
    @Autowired
    UpdateMetrics metrics;
    @Autowired
    UpdateTestPorts.Fakes fakes;
    @Autowired
    MovableClock clock;

    InMemoryUpdates records;
    InMemoryQuotes quotes;
    FakeShopVersions versions;

    @BeforeEach
    void setUp() {
        clock.set(paris("2026-03-16T10:00"));
        records = new InMemoryUpdates(Clock.systemUTC());
        quotes = new InMemoryQuotes();
        versions = new FakeShopVersions(clock);
        fakes.updates = records;
        fakes.quotes = quotes;
        fakes.versions = versions;
    }

    @AfterEach
    void tearDown() {
        fakes.clear();
        clock.reset();
        metrics.refresh();
    }

    private static Release release(String version, LocalDate published, boolean security) {
        return new Release(PrestaShopVersion.parse(version), published, security, "test");
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    @DisplayName("R4.0-b, R4.0-c: servers per version, open updates per kind and security flag, overdue minor updates, quotes awaiting the client")
    void gaugesFollowTheRecords() {
        versions.readEarlier(1, "1.7.8.10").readEarlier(2, "1.7.8.10").readEarlier(3, "8.2.0");
        // Overdue: published 2 March + 7 days = 9 March < 16 March. Not yet: security, published 15 March + 2 days = 17 March.
        records.open(1, PrestaShopVersion.parse("1.7.8.10"), release("1.7.8.11", LocalDate.of(2026, 3, 2), false), "t");
        records.open(2, PrestaShopVersion.parse("1.7.8.10"), release("1.7.8.11", LocalDate.of(2026, 3, 15), true), "t");
        var major = records.open(3, PrestaShopVersion.parse("8.2.0"), release("9.0.0", LocalDate.of(2025, 6, 6), false), "t");
        var other = records.open(1, PrestaShopVersion.parse("1.7.8.10"), release("9.0.0", LocalDate.of(2025, 6, 6), false), "t");
        quotes.put("update:" + major.id(), 1, 3L, QuoteStatus.SENT, null, null, LocalDate.of(2026, 3, 30), null, null, null);
        quotes.put("update:" + other.id(), 1, 1L, QuoteStatus.PREPARING, null, null, null, null, null, null);
        metrics.refresh();

        assertThat(gauge("ops.update.servers", "version", "1.7.8.10")).isEqualTo(2);
        assertThat(gauge("ops.update.servers", "version", "8.2.0")).isEqualTo(1);
        assertThat(gauge("ops.update.updates.pending", "kind", "PATCH", "security", "false")).isEqualTo(1);
        assertThat(gauge("ops.update.updates.pending", "kind", "PATCH", "security", "true")).isEqualTo(1);
        assertThat(gauge("ops.update.updates.pending", "kind", "MAJOR", "security", "false")).isEqualTo(2);
        assertThat(gauge("ops.update.updates.overdue", "security", "false")).isEqualTo(1);
        assertThat(gauge("ops.update.updates.overdue", "security", "true")).isZero();
        assertThat(gauge("ops.update.quotes.awaiting")).as("R4.0-c: sent, not answered").isEqualTo(1);

        // R4.0-b: the security update's due date passes, 17 March 00:00 Paris.
        clock.set(paris("2026-03-16T23:59"));
        metrics.refresh();
        assertThat(gauge("ops.update.updates.overdue", "security", "true")).isZero();
        clock.set(paris("2026-03-17T00:00"));
        metrics.refresh();
        assertThat(gauge("ops.update.updates.overdue", "security", "true")).as("judged at scrape time").isEqualTo(1);
    }

    @Test
    @DisplayName("Every ops_* series the updates dashboard queries is a meter of the engine")
    void dashboardReadsRealMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("dashboards/grafana/dashboards/updates.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> expressions.add(t.get("expr").asText())));
        TreeSet<String> series = new TreeSet<>();
        for (String e : expressions) {
            Matcher m = SERIES.matcher(e);
            while (m.find()) {
                series.add(m.group());
            }
        }
        assertThat(series).contains("ops_update_servers", "ops_update_updates_pending", "ops_update_updates_overdue",
                "ops_update_quotes_awaiting", "ops_update_escalations_total");
        versions.readEarlier(1, "8.2.0");
        metrics.refresh();
        for (String s : series) {
            String meter = s.replaceFirst("_total$", "").replace('_', '.');
            assertThat(registry.find(meter).meter()).as("meter %s behind the series %s", meter, s).isNotNull();
        }
    }
}
