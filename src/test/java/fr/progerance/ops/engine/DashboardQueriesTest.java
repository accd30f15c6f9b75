package fr.progerance.ops.engine;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.incident.IncidentHandlingProcess;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.security.MonitoringSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboards show data: a real Prometheus (Debian's, started by the test on loopback) scrapes the
 * running engine with the monitoring account while an incident misses its intervention deadline
 * (R4.3-p2), then every PromQL query of every panel of every provisioned Grafana dashboard is
 * evaluated and must return data. Panels are found in the files: a new dashboard or panel is checked
 * without touching this test.
 */
@OpsSpringBootTest
class DashboardQueriesTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final String INTERVENTION_BREACHES =
            "sum(ops_incident_breaches_total{deadline=\"intervention\",infrastructure=\"PROGERANCE\",level=\"2\"})";
    private static final String REPORTED =
            "sum(ops_incidents_reported_total{infrastructure=\"PROGERANCE\",category=\"UPDATE\",level=\"2\"})";
    private static final String OPEN = "sum(ops_incidents_open{infrastructure=\"PROGERANCE\"})";

    private static PrometheusServer prometheus;

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    fr.progerance.ops.engine.worker.ExternalTaskWorker worker;

    @BeforeAll
    static void startPrometheus(@Value("${local.server.port}") int appPort, @Autowired MonitoringSettings monitoring)
            throws IOException {
        prometheus = PrometheusServer.scraping(appPort, monitoring.username(), monitoring.password());
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    @DisplayName("R4.3-*: after an incident that missed its intervention deadline, every panel query of every Grafana dashboard returns data")
    void everyPanelQueryReturnsData() throws Exception {
        prometheus.awaitScrape();
        double breachesBefore = prometheus.value(INTERVENTION_BREACHES);
        double reportedBefore = prometheus.value(REPORTED);
        assertThat(breachesBefore).as("the breach counters exist before any breach").isNotNaN();
        assertThat(reportedBefore).as("the report counters exist before any report").isNotNaN();

        long serverId = interventionDeadlinePasses();
        databaseBackedUp(serverId);

        await("Prometheus sees the report, the open incident and the breach").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(prometheus.value(REPORTED)).as(REPORTED).isGreaterThan(reportedBefore);
                    assertThat(prometheus.value(OPEN)).as(OPEN).isGreaterThanOrEqualTo(1);
                    assertThat(prometheus.value(INTERVENTION_BREACHES)).as(INTERVENTION_BREACHES)
                            .isGreaterThan(breachesBefore);
                });

        List<GrafanaDashboards.Query> queries = GrafanaDashboards.queries();
        assertThat(queries).as("the panel queries of %s", GrafanaDashboards.DIRECTORY).isNotEmpty();
        Map<String, Map<String, String>> variables = new HashMap<>();
        List<GrafanaDashboards.Query> pending = new ArrayList<>(queries);
        // Retried for a while: a scrape that times out on a busy machine marks every series stale
        // until the next one, and a rate needs two samples in its window.
        await("every panel query returns data").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<String> empty = new ArrayList<>();
                    List<GrafanaDashboards.Query> answered = new ArrayList<>();
                    for (GrafanaDashboards.Query q : pending) {
                        String promql;
                        JsonNode data;
                        try {
                            if (!variables.containsKey(q.file())) {
                                variables.put(q.file(), GrafanaDashboards.variables(q.dashboard(), this::labelValues));
                            }
                            promql = GrafanaDashboards.interpolate(q.expr(), variables.get(q.file()));
                            data = prometheus.query(promql);
                        } catch (IllegalArgumentException refused) {
                            // Not a matter of waiting: a variable without value or a query Prometheus refuses.
                            throw new IllegalStateException(q + ": " + refused.getMessage(), refused);
                        }
                        if (PrometheusServer.hasData(data)) {
                            answered.add(q);
                        } else {
                            empty.add(q + (promql.equals(q.expr()) ? "" : " (sent as " + promql + ")"));
                        }
                    }
                    pending.removeAll(answered);
                    assertThat(empty).as("panel queries that return no data (a healthy engine must show a value, "
                            + "e.g. '... or vector(0)')").isEmpty();
                });
    }

    private List<String> labelValues(String label, String selector) throws IOException {
        String series = selector == null ? "{__name__=~\".+\"}" : selector;
        JsonNode data = prometheus.query("count by (" + label + ") (" + series + ")");
        List<String> values = new ArrayList<>();
        data.path("result").forEach(r -> values.add(r.path("metric").path(label).asText()));
        return values.stream().filter(v -> !v.isEmpty()).sorted().toList();
    }

    /**
     * R4.3-p2: a level-2 incident reported through the API whose intervention deadline passes: the
     * deadline timer fires and the escalation records the breach (GreenMail takes its mails).
     */
    private long interventionDeadlinePasses() {
        RegisterApi register = new RegisterApi(port);
        TestApi api = register.api;
        long clientId = register.createClient();
        register.createContact(clientId, "PRIMARY");
        long contractId = created(api.post("/api/contracts", with(RegisterApi.contractBody(clientId),
                "serviceLevel", 2, "databaseConnectionQuota", 100)));
        long serverId = register.createServer(contractId, "PROGERANCE");
        TestApi.Answer activated = register.setStatus(contractId, "ACTIVE");
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);

        TestApi.Answer reported = api.post("/api/incidents", body("serverId", serverId, "category", "UPDATE",
                "level", 2, "summary", "Mise à jour de sécurité à appliquer", "source", "monitoring", "detectedAt",
                OffsetDateTime.now().minusMinutes(1).truncatedTo(ChronoUnit.SECONDS).toString()));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        String number = reported.json().get("number").asText();
        String pid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
                .processDefinitionKey(IncidentHandlingProcess.KEY).singleResult().getId();

        Job deadline = management.createJobQuery().processInstanceId(pid).timers()
                .activityId(Elements.TIMER_INTERVENTION).singleResult();
        assertThat(deadline).as("the intervention deadline timer of " + number).isNotNull();
        management.executeJob(deadline.getId());
        Job escalation = management.createJobQuery().processInstanceId(pid)
                .activityId(Elements.ESCALATE_INTERVENTION).singleResult();
        assertThat(escalation).as("the escalation job of " + number).isNotNull();
        management.executeJob(escalation.getId());
        assertThat(api.get("/api/incidents/" + number).json().get("interventionBreached").asBoolean()).isTrue();
        return serverId;
    }

    /**
     * R3.6-a, R3.6-b: a manual database backup of the server through the API, run by the worker
     * (the backup ports are the tests' fakes), so the backup panels have a server with a backup.
     */
    private void databaseBackedUp(long serverId) {
        TestApi.Answer started = TestApi.asAdmin(port).post("/api/servers/" + serverId + "/backups",
                body("kind", "DATABASE"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String pid = started.json().get("processInstanceId").asText();
        Job prepare = management.createJobQuery().processInstanceId(pid)
                .activityId(fr.progerance.ops.backup.BackupProcess.Elements.PREPARE).singleResult();
        management.executeJob(prepare.getId());
        worker.drain();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pid).count()).as("the backup ended").isZero();
    }
}
