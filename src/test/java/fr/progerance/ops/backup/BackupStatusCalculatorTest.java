package fr.progerance.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.backup.BackupStatusCalculator.Place;
import fr.progerance.ops.backup.BackupStatusCalculator.Snapshot;
import fr.progerance.ops.backup.BackupStatusCalculator.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R3.6-a, R3.6-b: the 3-2-1 status per kind (local, off-site, fresh)")
class BackupStatusCalculatorTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Duration DAILY = Duration.ofHours(26);
    private static final Duration WEEKLY = Duration.ofDays(8);
    private static final Instant MIRROR_START = Instant.parse("2026-03-10T11:00:00Z");

    private static Snapshot snapshot(BackupKind kind, String time) {
        return new Snapshot("ab".repeat(32), null, Instant.parse(time), kind, 100L);
    }

    @Test
    @DisplayName("R3.6-b: a database backup exactly 26 h old is fresh, one second more is STALE")
    void freshnessLimitIsInclusive() {
        var exactly = BackupStatusCalculator.of(BackupKind.DATABASE,
                List.of(snapshot(BackupKind.DATABASE, "2026-03-09T10:00:00Z")), MIRROR_START, DAILY, NOW);
        assertThat(exactly.fresh()).isTrue();
        assertThat(exactly.status()).isEqualTo(Status.OK);
        assertThat(exactly.age()).isEqualTo(DAILY);

        var older = BackupStatusCalculator.of(BackupKind.DATABASE,
                List.of(snapshot(BackupKind.DATABASE, "2026-03-09T09:59:59Z")), MIRROR_START, DAILY, NOW);
        assertThat(older.fresh()).isFalse();
        assertThat(older.status()).isEqualTo(Status.STALE);
    }

    @Test
    @DisplayName("R3.6-a: a snapshot taken after the last mirror started is local only: NOT_OFFSITE")
    void notOffsiteWhenTakenAfterTheMirrorStarted() {
        Snapshot after = snapshot(BackupKind.DATABASE, "2026-03-10T11:00:00Z");
        var status = BackupStatusCalculator.of(BackupKind.DATABASE, List.of(after), MIRROR_START, DAILY, NOW);
        assertThat(status.status()).isEqualTo(Status.NOT_OFFSITE);
        assertThat(status.where()).containsExactly(Place.LOCAL);

        Snapshot before = snapshot(BackupKind.DATABASE, "2026-03-10T10:59:59Z");
        var ok = BackupStatusCalculator.of(BackupKind.DATABASE, List.of(before), MIRROR_START, DAILY, NOW);
        assertThat(ok.status()).isEqualTo(Status.OK);
        assertThat(ok.where()).containsExactly(Place.LOCAL, Place.OFFSITE);
        assertThat(BackupStatusCalculator.of(BackupKind.DATABASE, List.of(before), null, DAILY, NOW).status())
                .as("never mirrored").isEqualTo(Status.NOT_OFFSITE);
    }

    @Test
    @DisplayName("R3.6-a: per kind, the latest snapshot counts; a kind without any is MISSING; weekly kinds allow 8 days")
    void perKind() {
        List<Snapshot> snapshots = List.of(snapshot(BackupKind.DATABASE, "2026-03-01T01:00:00Z"),
                snapshot(BackupKind.DATABASE, "2026-03-10T01:00:00Z"), snapshot(BackupKind.FILES, "2026-03-02T12:00:00Z"));
        var all = BackupStatusCalculator.all(snapshots, MIRROR_START, Map.of(BackupKind.DATABASE, DAILY,
                BackupKind.FILES, WEEKLY, BackupKind.SERVER, WEEKLY), NOW);
        assertThat(all).extracting(BackupStatusCalculator.KindStatus::status)
                .containsExactly(Status.OK, Status.OK, Status.MISSING);
        assertThat(all.get(0).latest().time()).isEqualTo(Instant.parse("2026-03-10T01:00:00Z"));
        assertThat(all.get(1).age()).isEqualTo(WEEKLY);
        assertThat(all.get(2).latest()).isNull();
    }
}
