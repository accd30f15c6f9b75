package fr.progerance.ops.monitoring.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.BackupRun;
import fr.progerance.ops.backup.BackupRuns;
import fr.progerance.ops.backup.BackupTrigger;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.backup.transfer.TransferResult;
import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.contract.MaintenanceWindows;
import fr.progerance.ops.contract.RegisterApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * R4.4-p: the planned windows the measure excludes and detection respects, read from real records:
 * an UPDATE window (as the update processes record it), a MANUAL one (as {@code /api/maintenance}
 * records it) and backup runs written by {@link BackupRuns} (as the Backup process's delegates do),
 * on the movable clock.
 */
@OpsSpringBootTest
class PlannedWindowsTest {

    /** A Tuesday in March 2026, 01:00 Paris time. */
    private static final Instant T0 = Instant.parse("2026-03-10T00:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    PlannedWindows planned;

    @Autowired
    MaintenanceWindows maintenance;

    @Autowired
    BackupRuns backupRuns;

    @Autowired
    WindowsSettings settings;

    @Autowired
    MovableClock clock;

    long serverId;
    long otherServerId;

    @BeforeEach
    void servers() {
        RegisterApi register = new RegisterApi(port);
        long contractId = register.createContract(register.createClient());
        serverId = register.createServer(contractId, "PROGERANCE");
        otherServerId = register.createServer(contractId, "PROGERANCE");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Instant t(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    @DisplayName("R4.4-p: UPDATE, MANUAL and backup windows of a server are merged, clipped to the range, other servers' apart")
    void mergedFromTheRecords() {
        // Backups: a database run 01:00-01:20 (verified snapshot), then a files run 01:10-01:40 that failed.
        String db = backupRun(serverId, BackupKind.DATABASE, t(0));
        clock.set(t(20));
        backupRuns.backedUp(db, snapshot(), new TransferResult("ab12cd34ef", 100, 10, Duration.ofMinutes(20)));
        clock.set(t(30));
        backupRuns.mirrored(db);
        clock.set(t(10));
        String files = backupRun(serverId, BackupKind.FILES, t(10));
        clock.set(t(40));
        backupRuns.failed(files, "backup", "restic exited with status 1");
        // Maintenance: an update 02:00-03:00, ops' own window 02:30-04:00, and another server's window.
        maintenance.record(serverId, t(60), t(120), MaintenanceWindowSource.UPDATE, RegisterApi.unique("update:t"),
                "Mise à jour 8.1.7", "test");
        maintenance.record(serverId, t(90), t(180), MaintenanceWindowSource.MANUAL, null, "Disque", "ops");
        maintenance.record(otherServerId, t(0), t(600), MaintenanceWindowSource.MANUAL, null, "Autre", "ops");
        clock.set(t(24 * 60));

        Interval day = new Interval(t(-60), t(23 * 60));
        assertThat(planned.within(serverId, day)).containsExactly(new Interval(t(0), t(40)), new Interval(t(60), t(180)));
        assertThat(planned.within(serverId, new Interval(t(30), t(100))))
                .as("clipped to the range").containsExactly(new Interval(t(30), t(40)), new Interval(t(60), t(100)));
        assertThat(Interval.total(planned.within(serverId, day))).isEqualTo(Duration.ofMinutes(160));
        Map<Long, List<Interval>> both = planned.within(List.of(serverId, otherServerId), day);
        assertThat(both.get(serverId)).isEqualTo(planned.within(serverId, day));
        assertThat(both.get(otherServerId)).containsExactly(new Interval(t(0), t(600)));

        JsonNode spans = TestApi.asAdmin(port).get("/api/maintenance/planned?serverId=" + serverId + "&from="
                + param(day.start()) + "&to=" + param(day.end())).json();
        assertThat(spans).extracting(s -> s.get("minutes").asLong()).containsExactly(40L, 120L);
    }

    @Test
    @DisplayName("R4.4-p: a running backup is a window until now; covers() holds inside windows and the detection margin after them")
    void runningBackupAndCovers() {
        clock.set(t(0));
        String running = backupRun(serverId, BackupKind.SERVER, t(0));
        clock.set(t(45));
        assertThat(running).isNotBlank();
        assertThat(planned.within(serverId, new Interval(t(-60), t(600)))).containsExactly(new Interval(t(0), t(45)));
        assertThat(planned.covers(serverId, t(44))).isTrue();
        assertThat(planned.covers(otherServerId, t(44))).isFalse();

        maintenance.record(otherServerId, t(60), t(120), MaintenanceWindowSource.MANUAL, null, "Redémarrage", "ops");
        Duration margin = settings.getDetectionMargin();
        assertThat(margin).as("the default margin").isEqualTo(Duration.ofMinutes(5));
        assertThat(planned.covers(otherServerId, t(59))).isFalse();
        assertThat(planned.covers(otherServerId, t(60))).isTrue();
        assertThat(planned.covers(otherServerId, t(120))).as("in the margin after the end").isTrue();
        assertThat(planned.covers(otherServerId, t(120).plus(margin).minusSeconds(1))).isTrue();
        assertThat(planned.covers(otherServerId, t(120).plus(margin))).isFalse();
        assertThat(planned.within(otherServerId, new Interval(t(0), t(600))))
                .as("the measure never includes the margin").containsExactly(new Interval(t(60), t(120)));
    }

    private String backupRun(long server, BackupKind kind, Instant at) {
        clock.set(at);
        BackupRun run = backupRuns.open(RegisterApi.unique("windows-test-pi"), "test", server, kind, BackupTrigger.SCHEDULE);
        return run.getId();
    }

    private static ResticSnapshot snapshot() {
        return new ResticSnapshot("ab12cd34ef" + "0".repeat(54), null, t(19), "ops", List.of("/db.sql"), List.of());
    }

    private static String param(Instant instant) {
        return java.net.URLEncoder.encode(instant.toString(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
