package fr.progerance.ops.monitoring.windows;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestApi.Answer;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.contract.MaintenanceWindowView;
import fr.progerance.ops.contract.MaintenanceWindows;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.security.OpsGroups;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * R4.4-p: {@code /api/maintenance} through real HTTP: ops plan, move and cancel MANUAL windows
 * (201, 200, 204), bad input names its field (400), a begun window keeps what is measured (409),
 * UPDATE windows are read-only (409), managers read but do not write (403). The clock is the tests'
 * movable clock, stopped for each test and moved past a window's start.
 */
@OpsSpringBootTest
class MaintenanceApiTest {

    private static final String OPS_USER = "windowsops";
    private static final String MANAGER_USER = "windowsmanager";
    private static final String PASSWORD = "Windows-Test-Passw0rd-2026";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    MovableClock clock;

    @Autowired
    MaintenanceWindows maintenance;

    TestApi ops;
    TestApi manager;
    long serverId;
    Instant now;

    @BeforeEach
    void setUp() {
        ensureUser(OPS_USER, OpsGroups.OPS);
        ensureUser(MANAGER_USER, OpsGroups.MANAGERS);
        ops = TestApi.as(port, OPS_USER, PASSWORD);
        manager = TestApi.as(port, MANAGER_USER, PASSWORD);
        RegisterApi register = new RegisterApi(port);
        long contractId = register.createContract(register.createClient());
        serverId = register.createServer(contractId, "PROGERANCE");
        now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        clock.set(now);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    @DisplayName("R4.4-p: ops plan a MANUAL window (201, Location), read it, list it by server and range; managers read it")
    void planAndList() {
        Answer created = ops.post("/api/maintenance", window(serverId, now.plus(Duration.ofHours(2)),
                now.plus(Duration.ofHours(3)), "Changement de disque"));
        long id = RegisterApi.created(created);
        JsonNode w = created.json();
        assertThat(w.get("serverId").asLong()).isEqualTo(serverId);
        assertThat(w.get("source").asText()).isEqualTo("MANUAL");
        assertThat(w.get("state").asText()).isEqualTo("PLANNED");
        assertThat(w.get("createdBy").asText()).isEqualTo(OPS_USER);
        assertThat(OffsetDateTime.parse(w.get("start").asText()).toInstant()).isEqualTo(now.plus(Duration.ofHours(2)));

        assertThat(manager.get("/api/maintenance/" + id).status()).isEqualTo(200);
        Answer listed = manager.get("/api/maintenance?serverId=" + serverId);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json()).extracting(n -> n.get("id").asLong()).containsExactly(id);
        Answer outside = ops.get("/api/maintenance?serverId=" + serverId + "&from=" + param(now.plus(Duration.ofHours(3)))
                + "&to=" + param(now.plus(Duration.ofHours(5))));
        assertThat(outside.json()).as("the range is half-open: a window ending at 'from' is outside").isEmpty();
        Answer inside = ops.get("/api/maintenance?serverId=" + serverId + "&from=" + param(now.plus(Duration.ofMinutes(150)))
                + "&to=" + param(now.plus(Duration.ofHours(5))));
        assertThat(inside.json()).hasSize(1);
    }

    @Test
    @DisplayName("R4.4-p: bad input answers 400 naming the field: past start, end before start, too long, blank reason, unknown server")
    void badInput() {
        Instant later = now.plus(Duration.ofHours(1));
        assertThat(fields(ops.post("/api/maintenance", window(serverId, now.minus(Duration.ofMinutes(1)), later, "x"))))
                .containsExactly("start");
        assertThat(fields(ops.post("/api/maintenance", window(serverId, later, later, "x")))).containsExactly("end");
        assertThat(fields(ops.post("/api/maintenance", window(serverId, later, later.plus(Duration.ofHours(25)), "x"))))
                .containsExactly("end");
        assertThat(fields(ops.post("/api/maintenance", window(serverId, later, later.plusSeconds(60), " "))))
                .containsExactly("reason");
        assertThat(fields(ops.post("/api/maintenance", window(serverId, later, later.plusSeconds(60), "a\u001bb"))))
                .containsExactly("reason");
        assertThat(fields(ops.post("/api/maintenance", window(999_999_999L, later, later.plusSeconds(60), "x"))))
                .containsExactly("serverId");
        Answer missing = ops.post("/api/maintenance", body("serverId", serverId, "end", text(later), "reason", "x"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing)).containsExactly("start");
        Answer garbled = ops.post("/api/maintenance", body("serverId", serverId, "start", "demain", "end", text(later),
                "reason", "x"));
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(fields(garbled)).containsExactly("start");
        Answer far = ops.post("/api/maintenance", body("serverId", serverId, "start", "+999999999-12-31T00:00:00Z",
                "end", "+999999999-12-31T01:00:00Z", "reason", "x"));
        assertThat(far.status()).as(far.toString()).isEqualTo(400);
        assertThat(fields(ops.get("/api/maintenance?serverId=" + serverId + "&from=hier"))).containsExactly("from");
        assertThat(fields(ops.get("/api/maintenance?serverId=" + serverId + "&from=" + param(later) + "&to=" + param(now))))
                .containsExactly("to");
        assertThat(fields(ops.get("/api/maintenance"))).containsExactly("serverId");
        assertThat(ops.get("/api/maintenance?serverId=999999999").status()).isEqualTo(404);
        assertThat(ops.get("/api/maintenance/999999999").status()).isEqualTo(404);
        assertThat(maintenance.overlapping(serverId, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2))))
                .as("nothing saved by a refusal").isEmpty();
    }

    @Test
    @DisplayName("R4.4-p: a window not begun moves (200) and is cancelled (204); once begun it cannot be cancelled nor moved back (409)")
    void moveAndCancel() {
        Instant start = now.plus(Duration.ofHours(1));
        long id = RegisterApi.created(ops.post("/api/maintenance", window(serverId, start, start.plus(Duration.ofHours(1)),
                "Migration PHP")));
        Answer moved = ops.put("/api/maintenance/" + id, change(start.plus(Duration.ofHours(1)),
                start.plus(Duration.ofHours(3)), "Migration PHP 8.1"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("reason").asText()).isEqualTo("Migration PHP 8.1");
        Instant newStart = start.plus(Duration.ofHours(1));

        long other = RegisterApi.created(ops.post("/api/maintenance", window(serverId, start, start.plusSeconds(600), "x")));
        assertThat(delete(ops, other).status()).isEqualTo(204);
        assertThat(ops.get("/api/maintenance/" + other).status()).isEqualTo(404);

        clock.set(newStart.plus(Duration.ofMinutes(30))); // the window has begun
        assertThat(ops.get("/api/maintenance/" + id).json().get("state").asText()).isEqualTo("IN_PROGRESS");
        Answer cancelled = delete(ops, id);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(409);
        Answer earlier = ops.put("/api/maintenance/" + id, change(newStart.minus(Duration.ofHours(1)),
                newStart.plus(Duration.ofHours(2)), "x"));
        assertThat(earlier.status()).as(earlier.toString()).isEqualTo(409);
        assertThat(fields(earlier)).containsExactly("start");
        Answer endInPast = ops.put("/api/maintenance/" + id, change(newStart, newStart.plus(Duration.ofMinutes(10)), "x"));
        assertThat(endInPast.status()).isEqualTo(409);
        assertThat(fields(endInPast)).containsExactly("end");
        Answer endedNow = ops.put("/api/maintenance/" + id, change(newStart, clock.instant(), "Migration terminée"));
        assertThat(endedNow.status()).as(endedNow.toString()).isEqualTo(200);
        assertThat(endedNow.json().get("state").asText()).isEqualTo("ENDED");
        MaintenanceWindowView kept = maintenance.get(id).orElseThrow();
        assertThat(kept.start()).isEqualTo(newStart);
        assertThat(kept.end()).isEqualTo(newStart.plus(Duration.ofMinutes(30)));
    }

    @Test
    @DisplayName("R4.4-p: UPDATE windows are listed but belong to their update (409); managers and monitoring do not write (403)")
    void rights() {
        Instant start = now.plus(Duration.ofHours(4));
        MaintenanceWindowView update = maintenance.record(serverId, start, start.plus(Duration.ofHours(1)),
                MaintenanceWindowSource.UPDATE, RegisterApi.unique("update:test"), "Mise à jour 8.1.7", "test");
        assertThat(ops.get("/api/maintenance?serverId=" + serverId).json()).extracting(n -> n.get("source").asText())
                .containsExactly("UPDATE");
        assertThat(ops.put("/api/maintenance/" + update.id(), change(start, start.plus(Duration.ofHours(2)), "x")).status())
                .isEqualTo(409);
        assertThat(delete(ops, update.id()).status()).isEqualTo(409);

        Map<String, Object> w = window(serverId, start, start.plus(Duration.ofHours(1)), "x");
        assertThat(manager.post("/api/maintenance", w).status()).isEqualTo(403);
        assertThat(manager.put("/api/maintenance/" + update.id(), change(start, start.plusSeconds(60), "x")).status())
                .isEqualTo(403);
        assertThat(delete(manager, update.id()).status()).isEqualTo(403);
        assertThat(TestApi.anonymous(port).post("/api/maintenance", w).status()).isEqualTo(401);
        assertThat(TestApi.asAdmin(port).post("/api/maintenance", w).status()).isEqualTo(201);
        assertThat(maintenance.get(update.id()).orElseThrow().end()).isEqualTo(start.plus(Duration.ofHours(1)));
    }

    private Answer delete(TestApi api, long id) {
        return api.send(api.request("/api/maintenance/" + id).DELETE());
    }

    private static Map<String, Object> window(long serverId, Instant start, Instant end, String reason) {
        return body("serverId", serverId, "start", text(start), "end", text(end), "reason", reason);
    }

    private static Map<String, Object> change(Instant start, Instant end, String reason) {
        return body("start", text(start), "end", text(end), "reason", reason);
    }

    private static String text(Instant instant) {
        return instant.atZone(PARIS).toOffsetDateTime().toString();
    }

    private static String param(Instant instant) {
        return java.net.URLEncoder.encode(text(instant), java.nio.charset.StandardCharsets.UTF_8);
    }

    private void ensureUser(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User u = identity.newUser(id);
            u.setPassword(PASSWORD);
            identity.saveUser(u);
            identity.createMembership(id, group);
        }
    }

}
