package fr.progerance.ops.backup;

import static fr.progerance.ops.contract.RegisterApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import fr.progerance.ops.security.OpsGroups;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The backup API through real HTTP: 3-2-1 status (R3.6-a), manual start, holds (R8.2). */
@OpsSpringBootTest
@DisplayName("Backup API: 3-2-1 status, manual backups, holds")
class BackupApiTest {

    private static final Instant NOW = Instant.parse("2026-03-10T11:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    ManagementService management;
    @Autowired
    ExternalTaskWorker worker;
    @Autowired
    MovableClock clock;
    @Autowired
    FakeBackupPorts ports;

    private TestApi ops;
    private TestApi manager;
    private BackupFixture fixture;
    private BackupFlowDriver driver;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        ports.reset();
        ops = TestApi.as(port, BackupFixture.user(identity, "backupapiops", OpsGroups.OPS), BackupFixture.PASSWORD);
        manager = TestApi.as(port, BackupFixture.user(identity, "backupapimanager", OpsGroups.MANAGERS),
                BackupFixture.PASSWORD);
        fixture = BackupFixture.create(new RegisterApi(port), 1, true);
        driver = new BackupFlowDriver(management, worker, clock);
    }

    @AfterEach
    void tearDown() {
        ports.reset();
        clock.reset();
    }

    private static List<String> fields(TestApi.Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().path("problems").forEach(p -> fields.add(p.path("field").asText()));
        return fields;
    }

    @Test
    @DisplayName("Ops start a manual backup: 202 with the run; 409 while it runs; 400 naming kind; 404 unknown server; 403 for managers")
    void manualBackup() {
        String path = "/api/servers/" + fixture.serverId() + "/backups";
        TestApi.Answer started = ops.post(path, body("kind", "DATABASE"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().get("runId").asText()).hasSize(36);
        assertThat(started.json().get("processInstanceId").asText()).isNotBlank();
        assertThat(started.json().get("status").asText()).isEqualTo("RUNNING");

        TestApi.Answer again = ops.post(path, body("kind", "DATABASE"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        TestApi.Answer bad = ops.post(path, body("kind", "EVERYTHING"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(fields(bad)).containsExactly("kind");
        TestApi.Answer missing = ops.post(path, body());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing)).containsExactly("kind");
        assertThat(ops.post("/api/servers/999999/backups", body("kind", "FILES")).status()).isEqualTo(404);
        TestApi.Answer refused = manager.post(path, body("kind", "FILES"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    }

    @Test
    @DisplayName("R3.6-a: the status names per kind the latest snapshot, where it is, whether it is fresh, and lists the snapshots")
    void status() {
        String path = "/api/servers/" + fixture.serverId() + "/backups";
        TestApi.Answer empty = manager.get(path);
        assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
        assertThat(empty.json().get("kinds")).hasSize(3);
        assertThat(empty.json().get("kinds").get(0).get("status").asText()).isEqualTo("MISSING");

        // A database backup through the flow (local and off-site), and an older files snapshot.
        String pid = ops.post(path, body("kind", "DATABASE")).json().get("processInstanceId").asText();
        driver.executeJob(pid, BackupProcess.Elements.PREPARE);
        // The mirror starts after the backup ended (a first attempt fails, the retry mirrors).
        ports.failMirror(new IllegalStateException("FTP 421"), 1);
        driver.drain();
        driver.retryAfter(Duration.ofMinutes(10));
        ResticSnapshot files = ports.addSnapshot(fixture.clientId(), NOW.minus(Duration.ofDays(9)),
                "server=" + fixture.serverId(), "kind=files");
        clock.advance(Duration.ofHours(1));

        JsonNode status = ops.get(path).json();
        assertThat(status.get("serverId").asLong()).isEqualTo(fixture.serverId());
        JsonNode database = status.get("kinds").get(0);
        assertThat(database.get("kind").asText()).isEqualTo("DATABASE");
        assertThat(database.get("status").asText()).isEqualTo("OK");
        assertThat(database.get("fresh").asBoolean()).isTrue();
        assertThat(database.get("freshnessLimitSeconds").asLong()).isEqualTo(26 * 3600);
        assertThat(database.get("latest").get("where").toString()).isEqualTo("[\"LOCAL\",\"OFFSITE\"]");
        assertThat(database.get("latest").get("bytes").asLong()).isEqualTo(2_000_000);
        assertThat(database.get("latest").get("shortId").asText()).hasSize(8);
        JsonNode filesKind = status.get("kinds").get(1);
        assertThat(filesKind.get("status").asText()).isEqualTo("STALE");
        assertThat(filesKind.get("latest").get("id").asText()).isEqualTo(files.id());
        assertThat(status.get("kinds").get(2).get("status").asText()).isEqualTo("MISSING");
        assertThat(status.get("snapshots")).hasSize(2);
        assertThat(status.get("snapshots").get(0).get("kind").asText()).isEqualTo("DATABASE");
        assertThat(status.get("snapshots").get(0).get("time").asText()).endsWith("+01:00");
        assertThat(status.get("offsite").get("remoteName").asText()).isEqualTo("client-" + fixture.clientId());
        assertThat(ops.get("/api/servers/999999/backups").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("R8.2: managers place and lift holds (who, why, until when); ops are refused; bad input names the field")
    void holds() {
        ResticSnapshot snapshot = ports.addSnapshot(fixture.clientId(), NOW.minus(Duration.ofDays(3)),
                "server=" + fixture.serverId(), "kind=database");
        var hold = body("serverId", fixture.serverId(), "snapshotId", snapshot.shortId(), "reason", "LEGAL",
                "note", "Réquisition du 9 mars", "until", "2026-06-30T00:00:00+02:00");
        TestApi.Answer placed = manager.post("/api/backups/holds", hold);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode h = placed.json();
        assertThat(h.get("clientId").asLong()).isEqualTo(fixture.clientId());
        assertThat(h.get("placedBy").asText()).isEqualTo("backupapimanager");
        assertThat(h.get("active").asBoolean()).isTrue();

        assertThat(ops.post("/api/backups/holds", hold).status()).isEqualTo(403);
        TestApi.Answer bad = manager.post("/api/backups/holds", body("clientId", fixture.clientId(),
                "snapshotId", "NOT-AN-ID", "reason", "LEGAL", "until", "2026-06-30T00:00:00+02:00"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(fields(bad)).containsExactly("snapshotId");
        TestApi.Answer past = manager.post("/api/backups/holds", body("clientId", fixture.clientId(),
                "snapshotId", snapshot.shortId(), "reason", "LEGAL", "until", "2020-01-01T00:00:00+01:00"));
        assertThat(past.status()).as(past.toString()).isEqualTo(400);
        assertThat(fields(past)).containsExactly("until");
        TestApi.Answer badReason = manager.post("/api/backups/holds", body("clientId", fixture.clientId(),
                "snapshotId", snapshot.shortId(), "reason", "BECAUSE", "until", "2026-06-30T00:00:00+02:00"));
        assertThat(fields(badReason)).containsExactly("reason");

        JsonNode status = ops.get("/api/servers/" + fixture.serverId() + "/backups").json();
        assertThat(status.get("snapshots").get(0).get("heldUntil").asText()).startsWith("2026-06-30T00:00");

        long id = h.get("id").asLong();
        assertThat(ops.post("/api/backups/holds/" + id + "/lift", body()).status()).isEqualTo(403);
        TestApi.Answer lifted = manager.post("/api/backups/holds/" + id + "/lift", body());
        assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
        assertThat(lifted.json().get("liftedBy").asText()).isEqualTo("backupapimanager");
        assertThat(lifted.json().get("active").asBoolean()).isFalse();
        assertThat(manager.post("/api/backups/holds/" + id + "/lift", body()).status()).isEqualTo(409);
        TestApi.Answer list = ops.get("/api/backups/holds?clientId=" + fixture.clientId());
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("reason").asText()).isEqualTo("LEGAL");
    }
}
