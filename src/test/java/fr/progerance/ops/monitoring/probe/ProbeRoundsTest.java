package fr.progerance.ops.monitoring.probe;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.security.OpsGroups;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The prober in the running application against real peers started by the test (R4.1 N1, R4.2 N1,
 * R3.7, R5.7): a server registered over the API on loopback, its shop a JDK HTTP server, its SSH the
 * embedded server (pinned host key), a closed port; its monitoring configuration written through
 * {@code PUT /api/servers/{id}/monitoring}. Rounds are driven through {@link Prober}; the clock is the
 * test's.
 */
@OpsSpringBootTest
class ProbeRoundsTest {

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    private static final String OPS = "probeops";
    private static final String MANAGER = "probemanager";
    private static final String PASSWORD = "probe-test-password";
    private static final String DF = "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
            + "/dev/sda1 10000000 5000000 5000000 50% /\n";

    private static TestShopServer shop;

    @LocalServerPort
    int port;

    @Autowired
    Prober prober;

    @Autowired
    ProbeHistory history;

    @Autowired
    MonitoringConfigurations configurations;

    @Autowired
    MovableClock clock;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    RegisterApi register;
    TestApi ops;

    @BeforeAll
    static void startShop() {
        shop = TestShopServer.http();
    }

    @AfterAll
    static void stopShop() {
        shop.close();
    }

    @BeforeEach
    void setUp() {
        register = new RegisterApi(port);
        user(OPS, OpsGroups.OPS);
        user(MANAGER, OpsGroups.MANAGERS);
        ops = TestApi.as(port, OPS, PASSWORD);
        SSH.respond("systemctl is-active -- 'nginx.service'", 0, "active\n", "");
        SSH.respond("systemctl is-active -- 'php8.2-fpm.service'", 3, "inactive\n", "");
        SSH.respond("pgrep -x -- 'mariadbd'", 0, "812\n", "");
        SSH.respond("df -P -k", 0, DF, "");
        SSH.respond("mysqladmin status", 0, "Uptime: 4821  Threads: 42  Questions: 18234\n", "");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            org.camunda.bpm.engine.identity.User user = identity.newUser(id);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    /** A loopback server of a new contract with a connection quota, its contract in {@code status}. */
    private long server(String shopPath, String status, Integer quota) {
        long clientId = register.createClient();
        register.createContact(clientId, "PRIMARY", "mayAuthorise", true);
        Map<String, Object> contract = RegisterApi.contractBody(clientId);
        // a level-1 contract needs a quota to become ACTIVE: a high one where R3.7 is not the point
        contract = with(contract, "databaseConnectionQuota", quota != null ? quota : 1000);
        long contractId = created(register.api.post("/api/contracts", contract));
        long serverId = created(register.api.post("/api/servers", with(RegisterApi.serverBody(contractId, "PROGERANCE"),
                "address", "127.0.0.1", "sshPort", SSH.port(), "sshUser", EmbeddedSshServer.USER,
                "hostKeyFingerprint", SSH.hostKeyFingerprint(), "prestashopUrl", shop.url(shopPath),
                "shopKeyword", "Lavande")));
        if (!"DRAFT".equals(status)) {
            assertThat(register.setStatus(contractId, "ACTIVE").status()).isEqualTo(200);
        }
        if ("SUSPENDED".equals(status)) {
            assertThat(register.setStatus(contractId, "SUSPENDED").status()).isEqualTo(200);
        }
        return serverId;
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, CheckResult> byKey(ProbeRound round) {
        return round.results().stream().collect(Collectors.toMap(CheckResult::key, Function.identity()));
    }

    @Test
    @DisplayName("R4.1, R4.2, R3.7: one round checks the shop, the ports, the services, processes, disk and connections of the configuration")
    void fullRound() {
        long serverId = server("/", "ACTIVE", 50);
        int closed = closedPort();
        TestApi.Answer put = ops.put("/api/servers/" + serverId + "/monitoring", body(
                "tcpPorts", List.of(shop.port(), closed),
                "services", List.of(body("unit", "nginx.service", "restartable", false),
                        body("unit", "php8.2-fpm.service", "restartable", true)),
                "processes", List.of("mariadbd"),
                "mountPoints", List.of(body("path", "/"))));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);

        ProbeRound round = prober.probe(serverId);

        Map<String, CheckResult> r = byKey(round);
        assertThat(r.keySet()).containsExactlyInAnyOrder("HTTP_STATUS:127.0.0.1", "HTTP_KEYWORD:127.0.0.1",
                "HTTP_RESPONSE_TIME:127.0.0.1", "TCP_PORT:" + shop.port(), "TCP_PORT:" + closed, "SSH_REACHABLE:ssh",
                "SERVICE:nginx.service", "SERVICE:php8.2-fpm.service", "PROCESS:mariadbd", "DISK_SPACE:/",
                "DB_CONNECTIONS:database");
        assertThat(round.failures()).extracting(CheckResult::key)
                .containsExactlyInAnyOrder("TCP_PORT:" + closed, "SERVICE:php8.2-fpm.service");
        assertThat(r.get("DB_CONNECTIONS:database").status()).isEqualTo(CheckStatus.WARNING);
        assertThat(r.get("DB_CONNECTIONS:database").detail()).startsWith("42/50 connections");
        assertThat(configurations.restartable(serverId, "php8.2-fpm.service")).isTrue();
        assertThat(configurations.restartable(serverId, "nginx.service")).isFalse();

        JsonNode view = ops.get("/api/servers/" + serverId + "/monitoring").json();
        assertThat(view.get("checks")).hasSize(11);
        assertThat(view.get("dbConnectionQuota").asInt()).isEqualTo(50);
        assertThat(view.get("updatedBy").asText()).isEqualTo(OPS);
    }

    @Test
    @DisplayName("R5.7: status changes are recorded once per change, not per sample; hourly figures add up")
    void recordsChangesAndHours() {
        long serverId = server("/", "ACTIVE", null);
        clock.set(Instant.parse("2026-03-10T09:05:00Z"));
        ops.put("/api/servers/" + serverId + "/monitoring", body("services",
                List.of(body("unit", "php8.2-fpm.service", "restartable", true))));

        prober.probe(serverId);
        clock.set(Instant.parse("2026-03-10T09:06:00Z"));
        prober.probe(serverId);
        SSH.respond("systemctl is-active -- 'php8.2-fpm.service'", 0, "active\n", "");
        clock.set(Instant.parse("2026-03-10T09:07:00Z"));
        prober.probe(serverId);
        history.flush();

        List<ProbeHistory.Change> changes = history.changes(serverId, Instant.parse("2026-03-10T00:00:00Z"));
        assertThat(changes).filteredOn(c -> c.checkKey().equals("SERVICE:php8.2-fpm.service"))
                .extracting(ProbeHistory.Change::from, ProbeHistory.Change::to, ProbeHistory.Change::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, CheckStatus.FAILED, Instant.parse("2026-03-10T09:05:00Z")),
                        org.assertj.core.groups.Tuple.tuple(CheckStatus.FAILED, CheckStatus.OK,
                                Instant.parse("2026-03-10T09:07:00Z")));
        ProbeHistory.Hour service = history.hours(serverId).stream().filter(h -> h.kind() == CheckKind.SERVICE)
                .findFirst().orElseThrow();
        assertThat(service.hourStart()).isEqualTo(Instant.parse("2026-03-10T09:00:00Z"));
        assertThat(service.checks()).isEqualTo(3);
        assertThat(service.failures()).isEqualTo(2);
    }

    @Test
    @DisplayName("R5.7: monitoring data older than one year is purged, the rest kept (movable clock)")
    void purgeAfterOneYear() {
        long serverId = server("/down", "ACTIVE", null);
        clock.set(Instant.parse("2025-02-10T10:00:00Z"));
        prober.probe(serverId);
        history.flush();
        clock.set(Instant.parse("2025-08-10T10:00:00Z"));
        jdbc.update("update ops_server set prestashop_url = ? where id = ?", shop.url("/"), serverId);
        prober.probe(serverId);
        history.flush();
        assertThat(history.hours(serverId)).extracting(ProbeHistory.Hour::hourStart).contains(
                Instant.parse("2025-02-10T10:00:00Z"), Instant.parse("2025-08-10T10:00:00Z"));

        clock.set(Instant.parse("2026-02-11T10:00:00Z"));
        assertThat(history.purge()).isPositive();

        assertThat(history.hours(serverId)).extracting(ProbeHistory.Hour::hourStart)
                .containsOnly(Instant.parse("2025-08-10T10:00:00Z"));
        assertThat(history.changes(serverId, Instant.EPOCH)).extracting(ProbeHistory.Change::at)
                .containsOnly(Instant.parse("2025-08-10T10:00:00Z"));
        assertThat(history.states(serverId)).as("the current states stay").isNotEmpty();
    }

    @Test
    @DisplayName("R4.1, R4.2: only servers of ACTIVE contracts are scheduled")
    void onlyActiveContracts() {
        long active = server("/", "ACTIVE", null);
        long draft = server("/", "DRAFT", null);
        long suspended = server("/", "SUSPENDED", null);

        List<Long> monitored = configurations.monitored().stream().map(MonitoringConfigurations.Monitored::serverId)
                .toList();

        assertThat(monitored).contains(active).doesNotContain(draft, suspended);
    }

    @Test
    @DisplayName("A recheck runs one check only and records nothing; an unknown server is refused")
    void recheck() {
        long serverId = server("/", "ACTIVE", null);
        ops.put("/api/servers/" + serverId + "/monitoring", body("services",
                List.of(body("unit", "php8.2-fpm.service", "restartable", true))));
        SSH.respond("systemctl is-active -- 'php8.2-fpm.service'", 0, "active\n", "");

        CheckResult r = prober.recheck(serverId, CheckKind.SERVICE, "php8.2-fpm.service");

        assertThat(r.status()).isEqualTo(CheckStatus.OK);
        assertThat(SSH.executedCommands()).containsExactly("systemctl is-active -- 'php8.2-fpm.service'");
        assertThat(history.states(serverId)).isEmpty();
        assertThatThrownBy(() -> prober.probe(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("GET/PUT /api/servers/{id}/monitoring: ops write, managers read only (403), bad input 400 naming the field, 404")
    void api() {
        long serverId = server("/", "ACTIVE", null);
        String path = "/api/servers/" + serverId + "/monitoring";

        JsonNode empty = ops.get(path).json();
        assertThat(empty.get("tcpPorts")).isEmpty();
        assertThat(empty.get("effectiveIntervalSeconds").asInt()).isEqualTo(60);

        TestApi manager = TestApi.as(port, MANAGER, PASSWORD);
        assertThat(manager.get(path).status()).isEqualTo(200);
        assertThat(manager.put(path, body("tcpPorts", List.of(443))).status()).isEqualTo(403);

        TestApi.Answer bad = ops.put(path, body("intervalSeconds", 5, "tcpPorts", List.of(0, 443, 443),
                "services", List.of(body("unit", "nginx; reboot", "restartable", false)), "processes", List.of("-x"),
                "mountPoints", List.of(body("path", "var"), body("path", "/", "warnBelowFreePercent", 5,
                        "failBelowFreePercent", 10))));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(RegisterApi.fields(bad)).contains("intervalSeconds", "tcpPorts[0]", "tcpPorts[2]",
                "services[0].unit", "processes[0]", "mountPoints[0].path", "mountPoints[1].failBelowFreePercent");

        assertThat(ops.put(path, body("tcpPorts", List.of(443), "colour", "blue")).status()).isEqualTo(400);
        TestApi.Answer implicit = ops.put(path, body("services", List.of(body("unit", "nginx.service"))));
        assertThat(implicit.status()).as("restartable is never implied").isEqualTo(400);
        assertThat(RegisterApi.fields(implicit)).containsExactly("services[0].restartable");
        assertThat(ops.put(path, body("tcpPorts", List.of("443"))).status()).isEqualTo(400);
        TestApi.Answer nulls = ops.put(path, "{\"tcpPorts\":[null],\"processes\":[null],\"services\":[null]}");
        assertThat(nulls.status()).as(nulls.toString()).isEqualTo(400);
        assertThat(RegisterApi.fields(nulls)).contains("tcpPorts[0]", "processes[0]", "services[0].unit");
        assertThat(ops.put(path, "null").status()).isEqualTo(400);
        assertThat(ops.put("/api/servers/999999999/monitoring", body()).status()).isEqualTo(404);
        assertThat(ops.get("/api/servers/999999999/monitoring").status()).isEqualTo(404);

        TestApi.Answer ok = ops.put(path, body("intervalSeconds", 30, "tcpPorts", List.of(443),
                "mountPoints", List.of(body("path", "/var"))));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        JsonNode saved = ops.get(path).json();
        assertThat(saved.get("effectiveIntervalSeconds").asInt()).isEqualTo(30);
        assertThat(saved.get("mountPoints").get(0).get("warnBelowFreePercent").asInt()).isEqualTo(15);
        assertThat(saved.get("mountPoints").get(0).get("failBelowFreePercent").asInt()).isEqualTo(5);
    }

    @Test
    @DisplayName("Metrics: every probe series exists before any probe (kinds x statuses, failing per kind, channels)")
    void metricsRegisteredAtStart() {
        assertThat(meters.find("ops.probe.checks").counters()).hasSize(CheckKind.values().length * CheckStatus.values().length);
        assertThat(meters.find("ops.probe.checks.failing").gauges()).hasSize(CheckKind.values().length);
        assertThat(meters.find("ops.probe.check").timers()).hasSize(3);
        assertThat(meters.find("ops.probe.scheduling.delay").timer()).isNotNull();
        assertThat(meters.find("ops.probe.servers.monitored").gauge()).isNotNull();
        TestApi admin = TestApi.asAdmin(port);
        String scrape = admin.send(admin.request("/actuator/prometheus").setHeader("Accept", "text/plain").GET()).body();
        assertThat(scrape).contains("ops_probe_check_seconds_bucket{channel=\"SSH\"", "ops_probe_checks_total{kind=",
                "ops_probe_scheduling_delay_seconds_bucket", "ops_probe_servers_monitored", "ops_probe_checks_failing{kind=\"DB_CONNECTIONS\"}");
    }
}
