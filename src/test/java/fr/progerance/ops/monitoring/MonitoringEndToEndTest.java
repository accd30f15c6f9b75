package fr.progerance.ops.monitoring;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.monitoring.availability.AvailabilityLedger;
import fr.progerance.ops.monitoring.availability.OutageView;
import fr.progerance.ops.monitoring.probe.Prober;
import fr.progerance.ops.monitoring.probe.TestShopServer;
import fr.progerance.ops.remote.EmbeddedSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole chain with nothing standing in: the real prober against real loopback peers (a JDK HTTP
 * shop, the embedded SSH server running real shell commands), the application's detection, the
 * incident record and its {@code IncidentHandling} process, the availability ledger and the monthly
 * report read over HTTP (R4.1 N1, R4.4-p). Rounds are driven through {@link Prober} on the movable
 * clock, one a minute, as the scheduler would.
 */
@OpsSpringBootTest
class MonitoringEndToEndTest {

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @TempDir
    static Path bin;

    private static TestShopServer shop;

    @LocalServerPort
    int port;
    @Autowired
    Prober prober;
    @Autowired
    MovableClock clock;
    @Autowired
    IncidentService incidents;
    @Autowired
    AvailabilityLedger ledger;
    @Autowired
    JdbcTemplate jdbc;

    private RegisterApi register;
    private TestApi admin;

    @BeforeAll
    static void startPeers() throws IOException {
        shop = TestShopServer.http();
        // A stand-in for systemd on the SSH server's PATH: real programs run by the real SSH server's
        // shell; a unit's state is a file; "sudo -n" runs the rest.
        Files.createDirectories(bin.resolve("state"));
        script("systemctl", """
                #!/bin/sh
                state="$(dirname "$0")/state/$3"
                case "$1" in
                  is-active) s=$(cat "$state" 2>/dev/null || echo inactive); echo "$s"; [ "$s" = active ];;
                  restart) echo active > "$state";;
                  *) exit 2;;
                esac
                """);
        script("sudo", """
                #!/bin/sh
                [ "$1" = "-n" ] && shift
                exec "$@"
                """);
        SSH.prependPath(bin);
    }

    private static void script(String name, String text) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void stopPeers() {
        shop.close();
    }

    @BeforeEach
    void setUp() {
        register = new RegisterApi(port);
        admin = TestApi.asAdmin(port);
        SSH.respond("mysqladmin status", 0, "Uptime: 4821  Threads: 3  Questions: 18234\n", "");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A server of a new ACTIVE PROGERANCE contract, on loopback, its shop at {@code path}. */
    private long server(String path) {
        long clientId = register.createClient();
        register.createContact(clientId, "PRIMARY", "mayAuthorise", true);
        long contractId = created(register.api.post("/api/contracts",
                with(RegisterApi.contractBody(clientId), "databaseConnectionQuota", 1000)));
        long serverId = created(register.api.post("/api/servers", with(RegisterApi.serverBody(contractId, "PROGERANCE"),
                "address", "127.0.0.1", "sshPort", SSH.port(), "sshUser", EmbeddedSshServer.USER,
                "hostKeyFingerprint", SSH.hostKeyFingerprint(), "prestashopUrl", shop.url(path),
                "shopKeyword", "Lavande")));
        TestApi.Answer active = register.setStatus(contractId, "ACTIVE");
        assertThat(active.status()).as(active.toString()).isEqualTo(200);
        return serverId;
    }

    private void shopAt(long serverId, String path) {
        jdbc.update("update ops_server set prestashop_url = ? where id = ?", shop.url(path), serverId);
    }

    /** One round at {@code at} (UTC). */
    private void roundAt(long serverId, String at) {
        clock.set(Instant.parse(at));
        prober.probe(serverId);
    }

    private List<Incident> incidentsOf(long serverId) {
        return incidents.list(null).stream().filter(i -> i.getServerId() == serverId).toList();
    }

    private List<IncidentEvent.Kind> timeline(Incident incident) {
        return incidents.timeline(incident).stream().map(IncidentEvent::getKind).toList();
    }

    private List<OutageView> outages(long serverId, String month) {
        JsonNode rows = admin.get("/api/availability/outages?month=" + month).json();
        List<OutageView> found = new java.util.ArrayList<>();
        rows.forEach(r -> {
            if (r.get("serverId").asLong() == serverId) {
                found.add(new OutageView(r.get("id").asLong(), serverId, r.get("contractId").asLong(),
                        java.time.OffsetDateTime.parse(r.get("start").asText()).toInstant(),
                        r.get("end").isNull() ? null : java.time.OffsetDateTime.parse(r.get("end").asText()).toInstant(),
                        r.get("cause").asText(), r.get("incidentNumber").asText(null), null, null));
            }
        });
        return found;
    }

    private JsonNode reportRow(long serverId, String month) {
        long contractId = jdbc.queryForObject("select contract_id from ops_server where id = ?", Long.class, serverId);
        TestApi.Answer report = admin.get("/api/availability/report?month=" + month);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        for (JsonNode row : report.json()) {
            if (row.get("contractId").asLong() == contractId) {
                return row;
            }
        }
        throw new AssertionError("no row for contract " + contractId + " in " + report);
    }

    @Test
    @DisplayName("R4.1, R4.4-p: a shop down from 23:58 on 31 March to 00:10 on 1 April (Paris): one incident detected at the first failed check, recovery correlated, 2 minutes counted in March and 10 in April")
    void outageAcrossTheMonthBoundary() {
        long serverId = server("/down");

        roundAt(serverId, "2026-03-31T21:58:00Z"); // 23:58 in Paris (CEST)
        roundAt(serverId, "2026-03-31T21:59:00Z");
        assertThat(incidentsOf(serverId)).as("two failed rounds confirm nothing (N = 3)").isEmpty();
        roundAt(serverId, "2026-03-31T22:00:00Z");
        roundAt(serverId, "2026-03-31T22:05:00Z");

        List<Incident> opened = incidentsOf(serverId);
        assertThat(opened).as("one incident, however many failed rounds").hasSize(1);
        Incident incident = opened.get(0);
        assertThat(incident.getDetectedAt()).as("the SLA clocks run from the first failed check")
                .isEqualTo(Instant.parse("2026-03-31T21:58:00Z"));
        assertThat(incident.getSource()).isEqualTo("monitoring");
        assertThat(ledger.openOutage(serverId)).get().extracting(OutageView::start, OutageView::incidentNumber)
                .containsExactly(Instant.parse("2026-03-31T21:58:00Z"), incident.getNumber());

        shopAt(serverId, "/");
        roundAt(serverId, "2026-03-31T22:10:00Z"); // 00:10 on 1 April in Paris

        assertThat(ledger.openOutage(serverId)).as("the healthy round closed the outage").isEmpty();
        assertThat(timeline(incidents.get(incident.getNumber())))
                .as("the recovery is correlated to the incident's process and on its timeline")
                .contains(IncidentEvent.Kind.REPORTED, IncidentEvent.Kind.MONITORING_RECOVERED);
        assertThat(outages(serverId, "2026-04")).extracting(OutageView::start, OutageView::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-03-31T21:58:00Z"),
                        Instant.parse("2026-03-31T22:10:00Z")));

        JsonNode march = reportRow(serverId, "2026-03");
        assertThat(march.get("minutesInMonth").asLong()).as("March 2026 lost an hour to DST").isEqualTo(44_580);
        assertThat(march.get("unavailableMinutes").decimalValue()).isEqualByComparingTo("2");
        JsonNode april = reportRow(serverId, "2026-04");
        assertThat(april.get("minutesInMonth").asLong()).isEqualTo(43_200);
        assertThat(april.get("unavailableMinutes").decimalValue()).isEqualByComparingTo("10");
        assertThat(april.get("penaltyPercent").asInt()).as("99.977 % is above 99.9 %").isZero();
    }

    @Test
    @DisplayName("R4.4-p: a shop down inside a planned maintenance window opens nothing and is excluded; down after it, it is an incident and counts")
    void outageInsideAMaintenanceWindow() {
        long serverId = server("/");
        clock.set(Instant.parse("2026-05-12T07:00:00Z"));
        TestApi.Answer window = admin.post("/api/maintenance", body("serverId", serverId,
                "start", "2026-05-12T10:00:00+02:00", "end", "2026-05-12T10:30:00+02:00",
                "reason", "Changement de disque"));
        assertThat(window.status()).as(window.toString()).isEqualTo(201);

        shopAt(serverId, "/down");
        roundAt(serverId, "2026-05-12T08:05:00Z"); // 10:05 in Paris, inside the window
        roundAt(serverId, "2026-05-12T08:06:00Z");
        roundAt(serverId, "2026-05-12T08:07:00Z");
        roundAt(serverId, "2026-05-12T08:08:00Z");
        shopAt(serverId, "/");
        roundAt(serverId, "2026-05-12T08:20:00Z");

        assertThat(incidentsOf(serverId)).as("no incident inside the window").isEmpty();
        assertThat(outages(serverId, "2026-05")).as("nothing unavailable inside the window").isEmpty();

        shopAt(serverId, "/down");
        roundAt(serverId, "2026-05-12T08:40:00Z"); // 10:40, after the window and its detection margin
        roundAt(serverId, "2026-05-12T08:41:00Z");
        roundAt(serverId, "2026-05-12T08:42:00Z");
        shopAt(serverId, "/");
        roundAt(serverId, "2026-05-12T08:50:00Z");

        assertThat(incidentsOf(serverId)).extracting(Incident::getDetectedAt)
                .containsExactly(Instant.parse("2026-05-12T08:40:00Z"));
        JsonNode may = reportRow(serverId, "2026-05");
        assertThat(may.get("excludedMinutes").decimalValue()).as("the window's 30 minutes").isEqualByComparingTo("30");
        assertThat(may.get("unavailableMinutes").decimalValue()).isEqualByComparingTo("10");
        assertThat(may.get("minutesInMonth").asLong()).isEqualTo(44_640);
    }

    @Test
    @DisplayName("R4.1: a stopped service the configuration allows restarting is restarted once over SSH, checked again, and the attempt and its success are on the incident")
    void stoppedServiceRestartedOnce() throws IOException {
        long serverId = server("/");
        Files.writeString(bin.resolve("state").resolve("php8.2-fpm.service"), "inactive\n");
        TestApi.Answer put = admin.put("/api/servers/" + serverId + "/monitoring", body("services",
                List.of(body("unit", "php8.2-fpm.service", "restartable", true))));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);

        roundAt(serverId, "2026-06-03T01:12:00Z");

        assertThat(SSH.executedCommands()).as("restarted once")
                .containsOnlyOnce("sudo -n systemctl restart -- 'php8.2-fpm.service'");
        assertThat(Files.readString(bin.resolve("state").resolve("php8.2-fpm.service")).strip()).isEqualTo("active");
        List<Incident> opened = incidentsOf(serverId);
        assertThat(opened).as("the incident is recorded even though the restart worked").hasSize(1);
        List<IncidentEvent> events = incidents.timeline(opened.get(0));
        assertThat(events).extracting(IncidentEvent::getKind).contains(IncidentEvent.Kind.AUTO_RESTART,
                IncidentEvent.Kind.MONITORING_RECOVERED);
        assertThat(events).filteredOn(e -> e.getKind() == IncidentEvent.Kind.AUTO_RESTART)
                .extracting(IncidentEvent::getDetail).singleElement().asString()
                .contains("php8.2-fpm.service").containsIgnoringCase("restored");

        roundAt(serverId, "2026-06-03T01:13:00Z");
        assertThat(SSH.executedCommands()).as("a healthy round restarts nothing")
                .containsOnlyOnce("sudo -n systemctl restart -- 'php8.2-fpm.service'");
    }
}
