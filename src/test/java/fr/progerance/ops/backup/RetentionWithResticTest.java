package fr.progerance.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.backup.restic.ProcessRestic;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSettings;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R3.6-c and R8.2 on the real restic: snapshots dated in the past with {@code restic backup --time},
 * the retention rule deciding from now, {@code forget --prune} of what it says, and what is left.
 */
@DisplayName("R3.6-c, R8.2: retention on a real restic repository with snapshots dated in the past")
class RetentionWithResticTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2026-03-31T04:30:00Z");

    @TempDir
    Path dir;

    private ProcessRestic restic;
    private ResticRepository repository;
    private final RetentionPolicy policy = new RetentionPolicy(Period.ofDays(14), PARIS);

    @BeforeEach
    void repository() throws Exception {
        Path password = dir.resolve("password");
        Files.writeString(password, "retention-test-password\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        repository = new ResticRepository(dir.resolve("repository"), password);
        restic = new ProcessRestic(ResticSettings.defaults(dir.resolve("cache")));
        restic.initIfMissing(repository);
    }

    private String backupDaysAgo(int days, String content) {
        return restic.backupStdin(repository, "shop.sql", List.of("server=1", "kind=database"),
                NOW.minus(Duration.ofDays(days)), new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
                .snapshotId();
    }

    private List<Instant> remaining() {
        return restic.snapshots(repository, List.of()).stream().map(ResticSnapshot::time).toList();
    }

    @Test
    @DisplayName("R3.6-c: snapshots older than 14 days from now are forgotten and pruned; younger ones stay")
    void olderThanFourteenDaysFromNowAreForgotten() {
        backupDaysAgo(20, "dump of day -20");
        backupDaysAgo(15, "dump of day -15");
        backupDaysAgo(13, "dump of day -13");
        backupDaysAgo(1, "dump of day -1");

        RetentionPolicy.Decision decision = policy.decide(restic.snapshots(repository, List.of()), List.of(), NOW);
        restic.forget(repository, decision.forgetIds(), true);

        assertThat(remaining()).containsExactly(NOW.minus(Duration.ofDays(13)), NOW.minus(Duration.ofDays(1)));
    }

    @Test
    @DisplayName("R3.6-c: a server whose backups stopped 20 days ago keeps nothing stale (restic's --keep-within would keep all)")
    void stoppedBackupsDoNotStayForever() {
        backupDaysAgo(25, "dump of day -25");
        backupDaysAgo(21, "dump of day -21");
        backupDaysAgo(20, "dump of day -20");

        RetentionPolicy.Decision decision = policy.decide(restic.snapshots(repository, List.of()), List.of(), NOW);
        restic.forget(repository, decision.forgetIds(), true);

        assertThat(remaining()).isEmpty();
    }

    @Test
    @DisplayName("R8.2: the final backup of a suspended client is kept while its hold runs, forgotten after it ends")
    void heldSnapshotIsKeptUntilTheHoldEnds() {
        String finalBackup = backupDaysAgo(16, "final dump before suspension");
        backupDaysAgo(18, "older dump");
        RetentionPolicy.Hold hold = new RetentionPolicy.Hold(finalBackup, NOW.plus(Duration.ofDays(14)), null);

        RetentionPolicy.Decision during = policy.decide(restic.snapshots(repository, List.of()), List.of(hold), NOW);
        restic.forget(repository, during.forgetIds(), true);
        assertThat(remaining()).containsExactly(NOW.minus(Duration.ofDays(16)));

        Instant afterHold = NOW.plus(Duration.ofDays(15));
        RetentionPolicy.Decision after = policy.decide(restic.snapshots(repository, List.of()), List.of(hold),
                afterHold);
        restic.forget(repository, after.forgetIds(), true);
        assertThat(remaining()).isEmpty();
    }
}
