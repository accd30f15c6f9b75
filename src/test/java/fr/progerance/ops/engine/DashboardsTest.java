package fr.progerance.ops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.monitoring.availability.AvailabilityMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;

/**
 * The dashboards (dashboards/) read metrics the engine really publishes: every {@code ops_*} series
 * a Grafana panel or a Prometheus alert queries is a meter of the running application.
 */
@OpsSpringBootTest
class DashboardsTest {

    private static final Pattern SERIES = Pattern.compile("\\bops_[a-z_]+");

    @Autowired
    MeterRegistry registry;

    @Autowired
    AvailabilityMetrics availability;

    @LocalServerPort
    int port;

    @Test
    @DisplayName("Every ops_* series of the Grafana dashboards and Prometheus alerts is a meter of the engine")
    void dashboardsReadRealMetrics() throws Exception {
        List<String> expressions = new ArrayList<>();
        for (String file : List.of("incidents.json", "billing.json", "availability.json")) {
            JsonNode dashboard = new ObjectMapper().readTree(Path.of("dashboards/grafana/dashboards", file).toFile());
            dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> expressions.add(t.get("expr").asText())));
        }
        Map<String, Object> alerts = new Yaml().load(Files.readString(Path.of("dashboards/prometheus/alerts.yml")));
        for (Object group : (List<?>) alerts.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                expressions.add(String.valueOf(((Map<?, ?>) rule).get("expr")));
            }
        }
        // The per-contract availability gauges have a row for each measured contract: make sure one
        // exists whatever ran before in this shared context (R4.4-p).
        RegisterApi register = new RegisterApi(port);
        long clientId = register.createClient();
        register.createContact(clientId, "PRIMARY");
        long contractId = RegisterApi.created(register.api.post("/api/contracts",
                RegisterApi.with(RegisterApi.contractBody(clientId), "databaseConnectionQuota", 100)));
        register.createServer(contractId, "PROGERANCE");
        TestApi.Answer active = register.setStatus(contractId, "ACTIVE");
        assertThat(active.status()).as(active.toString()).isEqualTo(200);
        availability.refresh();
        TreeSet<String> series = new TreeSet<>();
        for (String e : expressions) {
            Matcher m = SERIES.matcher(e);
            while (m.find()) {
                series.add(m.group());
            }
        }
        assertThat(series).contains("ops_incidents_open", "ops_incident_breaches_total", "ops_engine_incidents_open",
                "ops_billing_invoices_open", "ops_billing_invoices_overdue", "ops_billing_amount_due_euros",
                "ops_billing_suspensions_ahead", "ops_billing_deletions_ahead", "ops_billing_deletion_holds",
                "ops_availability_percent", "ops_availability_penalties_ahead_euros", "ops_probe_check_seconds_bucket",
                "ops_probe_checks_failing", "ops_monitoring_flapping_servers");
        for (String s : series) {
            List<String> meters = meters(s);
            assertThat(meters.stream().anyMatch(m -> registry.find(m).meter() != null))
                    .as("a meter %s behind the series %s", meters, s).isTrue();
        }
    }

    /**
     * The meter names a series may come from: without the suffix Prometheus gives counters
     * ({@code _total}) and timer or histogram series ({@code _bucket}, {@code _count}, {@code _sum},
     * {@code _max}), with or without the base unit Micrometer appends ({@code _seconds}, ...).
     */
    static List<String> meters(String series) {
        String base = series.replaceFirst("_(total|bucket|count|sum|max)$", "");
        String unitless = base.replaceFirst("_(seconds|bytes|euros|percent)$", "");
        return List.of(base.replace('_', '.'), unitless.replace('_', '.')).stream().distinct().toList();
    }

    @Test
    @DisplayName("Prometheus scrapes the engine's metrics endpoint with the monitoring account")
    void prometheusConfig() throws Exception {
        Map<String, Object> config = new Yaml().load(Files.readString(Path.of("dashboards/prometheus/prometheus.yml")));
        Map<?, ?> job = (Map<?, ?>) ((List<?>) config.get("scrape_configs")).get(0);
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(((Map<?, ?>) job.get("basic_auth")).get("username")).isEqualTo("prometheus");
        Map<?, ?> auth = (Map<?, ?>) job.get("basic_auth");
        assertThat(auth.keySet()).map(String::valueOf).contains("password_file").doesNotContain("password");
    }
}
