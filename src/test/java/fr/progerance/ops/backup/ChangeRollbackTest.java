package fr.progerance.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.backup.transfer.TransferResult;
import fr.progerance.ops.contract.RegisterApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@link ChangeRollback} (issue 10, the rollback of a failed update): it streams back only the
 * snapshots of the change's own BEFORE_CHANGE runs of that server, database first; anything else is
 * refused before a byte moves. Fakes at the backup ports ({@link FakeBackupPorts}).
 */
@OpsSpringBootTest
@DisplayName("ChangeRollback: a change's own pre-change snapshots back to its server, nothing else")
class ChangeRollbackTest {

    @LocalServerPort
    int port;
    @Autowired
    ChangeRollback rollback;
    @Autowired
    BackupRuns runs;
    @Autowired
    FakeBackupPorts ports;
    @Autowired
    MovableClock clock;

    private BackupFixture fixture;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2026-03-17T08:00:00Z"));
        ports.reset();
        fixture = BackupFixture.create(new RegisterApi(port), 2, true);
    }

    @AfterEach
    void tearDown() {
        ports.reset();
        clock.reset();
    }

    /** A run of the server and kind, backed up (a snapshot in the fake repository) and its process ended. */
    private BackupRun saved(long serverId, BackupKind kind, BackupTrigger trigger) {
        String pid = UUID.randomUUID().toString();
        BackupRun run = runs.open(pid, serverId + ":" + kind + ":" + trigger + ":test", serverId, kind, trigger);
        ResticSnapshot snapshot = ports.addSnapshot(fixture.clientId(), clock.instant(), "server=" + serverId,
                "kind=" + kind.tag(), "run=" + run.getId());
        runs.backedUp(run.getId(), snapshot, new TransferResult(snapshot.id(), 10, 10, Duration.ofSeconds(1)));
        runs.mirrored(run.getId());
        runs.processEnded(pid, "done");
        return runs.get(run.getId());
    }

    @Test
    @DisplayName("R3.6-d: the files and database snapshots of the change go back to the register's install path and database, database first")
    void restoresDatabaseThenFiles() {
        long serverId = fixture.serverId();
        BackupRun files = saved(serverId, BackupKind.FILES, BackupTrigger.BEFORE_CHANGE);
        BackupRun database = saved(serverId, BackupKind.DATABASE, BackupTrigger.BEFORE_CHANGE);

        List<ChangeRollback.Restored> restored = rollback.restore(serverId, List.of(files.getId(), database.getId()));

        assertThat(restored).extracting(ChangeRollback.Restored::kind).containsExactly(BackupKind.DATABASE,
                BackupKind.FILES);
        assertThat(restored.get(0).describe()).isEqualTo("DATABASE snapshot " + database.getSnapshotId().substring(0, 8)
                + " -> prestashop");
        assertThat(ports.calls()).filteredOn(c -> c.startsWith("restore")).hasSize(2)
                .allMatch(c -> c.contains(database.getSnapshotId()) || c.contains(files.getSnapshotId()));
    }

    @Test
    @DisplayName("Nothing is restored from a run of another server, of another trigger, without a snapshot, of the SERVER kind, or twice the same kind; nor without runs")
    void refusals() {
        long serverId = fixture.serverId();
        long other = fixture.serverIds().get(1);
        BackupRun otherServer = saved(other, BackupKind.DATABASE, BackupTrigger.BEFORE_CHANGE);
        BackupRun scheduled = saved(serverId, BackupKind.DATABASE, BackupTrigger.SCHEDULE);
        BackupRun whole = saved(serverId, BackupKind.SERVER, BackupTrigger.BEFORE_CHANGE);
        BackupRun files = saved(serverId, BackupKind.FILES, BackupTrigger.BEFORE_CHANGE);
        BackupRun running = runs.open(UUID.randomUUID().toString(), "k", serverId, BackupKind.DATABASE,
                BackupTrigger.BEFORE_CHANGE);

        assertThatThrownBy(() -> rollback.restore(serverId, List.of(otherServer.getId())))
                .isInstanceOf(ChangeRollback.RollbackRefused.class).hasMessageContaining("is server " + other + "'s");
        assertThatThrownBy(() -> rollback.restore(serverId, List.of(scheduled.getId())))
                .isInstanceOf(ChangeRollback.RollbackRefused.class).hasMessageContaining("was taken for SCHEDULE");
        assertThatThrownBy(() -> rollback.restore(serverId, List.of(running.getId())))
                .isInstanceOf(ChangeRollback.RollbackRefused.class).hasMessageContaining("is RUNNING without a verified snapshot");
        assertThatThrownBy(() -> rollback.restore(serverId, List.of(whole.getId())))
                .isInstanceOf(ChangeRollback.RollbackRefused.class).hasMessageContaining("is SERVER");
        assertThatThrownBy(() -> rollback.restore(serverId, List.of(files.getId(), files.getId())))
                .isInstanceOf(ChangeRollback.RollbackRefused.class).hasMessageContaining("is FILES");
        assertThatThrownBy(() -> rollback.restore(serverId, List.of("no-such-run")))
                .isInstanceOf(ChangeRollback.RollbackRefused.class).hasMessage("No backup run no-such-run");
        assertThatThrownBy(() -> rollback.restore(serverId, List.of()))
                .isInstanceOf(ChangeRollback.RollbackRefused.class);
        assertThatThrownBy(() -> rollback.restore(999_999_999L, List.of(files.getId())))
                .isInstanceOf(ChangeRollback.RollbackRefused.class).hasMessage("No server 999999999");
        assertThat(ports.calls()).noneMatch(c -> c.startsWith("restore"));
    }
}
