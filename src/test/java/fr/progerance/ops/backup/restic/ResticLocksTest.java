package fr.progerance.ops.backup.restic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.backup.restic.ResticLocks.LockReport;
import fr.progerance.ops.backup.restic.ResticLocks.Verdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stale-lock rule against real restic locks: a live lock is never removed; a lock older than
 * {@code ops.backup.restic.stale-lock-age} with no live restic of ours is removed with restic unlock.
 * The clock is a fixed one placed relative to the lock's time (DESIGN rule 7: no waiting).
 */
@DisplayName("stale restic locks are removed, live ones never (ops.backup.restic.stale-lock-age)")
class ResticLocksTest {

    private static final Duration STALE_AGE = Duration.ofMinutes(30);

    @TempDir
    Path dir;

    private ProcessRestic restic;
    private ResticRepository repository;

    @BeforeAll
    static void resticInstalled() {
        ResticFixture.requireRestic();
    }

    @BeforeEach
    void setUp() {
        restic = ResticFixture.restic(dir);
        repository = ResticFixture.repository(dir, "repo");
        restic.initIfMissing(repository);
    }

    private ResticLocks locksAt(Instant now) {
        return new ResticLocks(restic, restic.processes(), Clock.fixed(now, ZoneOffset.UTC), STALE_AGE);
    }

    /** A lock left by a restic killed with SIGKILL in the middle of a backup. */
    private ResticLock staleLockOfKilledBackup() {
        Process backup = ResticFixture.startBackupHoldingLock(repository, dir.resolve("cache"));
        ResticFixture.kill(backup);
        List<ResticLock> locks = restic.locks(repository);
        assertThat(locks).singleElement().satisfies(lock -> {
            assertThat(lock.pid()).isEqualTo(backup.pid());
            assertThat(lock.hostname()).isEqualTo(LocalHost.name());
            assertThat(lock.exclusive()).isFalse();
        });
        return locks.get(0);
    }

    @Test
    @DisplayName("a stale lock (killed backup, older than stale-lock-age, no restic of ours) is removed")
    void staleLockIsRemovedOnlyWhenNoLiveBackupOfOurs() {
        ResticLock lock = staleLockOfKilledBackup();

        LockReport report = locksAt(lock.time().plus(STALE_AGE).plusSeconds(1)).removeStaleLocks(repository);

        assertThat(report.anyRemoved()).isTrue();
        assertThat(report.removed()).singleElement().satisfies(decision -> {
            assertThat(decision.lock().id()).isEqualTo(lock.id());
            assertThat(decision.verdict()).isEqualTo(Verdict.REMOVED);
            assertThat(decision.reason()).contains("ops.backup.restic.stale-lock-age");
        });
        assertThat(restic.locks(repository)).isEmpty();
        restic.prune(repository); // the repository is usable again
    }

    @Test
    @DisplayName("the same lock within stale-lock-age is kept")
    void lockWithinStaleAgeIsKept() {
        ResticLock lock = staleLockOfKilledBackup();

        LockReport report = locksAt(lock.time().plus(STALE_AGE).minusSeconds(1)).removeStaleLocks(repository);

        assertThat(report.anyRemoved()).isFalse();
        assertThat(report.kept()).singleElement()
                .satisfies(decision -> assertThat(decision.verdict()).isEqualTo(Verdict.KEPT_RECENT));
        assertThat(restic.locks(repository)).extracting(ResticLock::id).containsExactly(lock.id());
    }

    @Test
    @DisplayName("a live lock (restic still running on this host) is never removed, whatever its age")
    void liveLockIsNeverRemoved() {
        Process holder = ResticFixture.startBackupHoldingLock(repository, dir.resolve("cache"));
        try {
            assertThatThrownBy(() -> restic.prune(repository)).isInstanceOf(ResticLockedException.class);
            ResticLock lock = restic.locks(repository).get(0);

            LockReport report = locksAt(lock.time().plus(Duration.ofDays(3))).removeStaleLocks(repository);

            assertThat(report.anyRemoved()).isFalse();
            assertThat(report.kept()).singleElement().satisfies(decision -> {
                assertThat(decision.verdict()).isEqualTo(Verdict.KEPT_LIVE_PROCESS);
                assertThat(decision.reason()).contains("PID " + holder.pid());
            });
            assertThat(restic.locks(repository)).extracting(ResticLock::id).containsExactly(lock.id());
            assertThatThrownBy(() -> locksAt(lock.time().plus(Duration.ofDays(3)))
                    .retryAfterStaleLocks(repository, () -> restic.prune(repository)))
                    .isInstanceOf(ResticLockedException.class)
                    .hasMessageContaining("no stale lock removed")
                    .hasMessageContaining("KEPT_LIVE_PROCESS");
        } finally {
            ResticFixture.kill(holder);
        }
    }

    @Test
    @DisplayName("a stale lock is not unlocked when restic unlock would take a live lock with it")
    void liveLockIsNeverRemovedEvenBesideAStaleOne() {
        ResticLock dead = staleLockOfKilledBackup();
        Process holder = ResticFixture.startBackupHoldingLock(repository, dir.resolve("cache"));
        try {
            // By this clock the live lock is older than restic's own 30 minutes: restic unlock would remove it.
            LockReport report = locksAt(dead.time().plus(Duration.ofHours(2))).removeStaleLocks(repository);

            assertThat(report.anyRemoved()).isFalse();
            assertThat(report.decisions()).extracting(d -> d.verdict())
                    .containsExactlyInAnyOrder(Verdict.KEPT_LIVE_PROCESS, Verdict.KEPT_UNLOCK_UNSAFE);
            assertThat(restic.locks(repository)).hasSize(2);
        } finally {
            ResticFixture.kill(holder);
        }
    }

    @Test
    @DisplayName("while a backup of ours runs on the repository, no lock of it is judged stale")
    void runningBackupOfOursKeepsLocks() throws IOException {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream data = new PipedInputStream(feed);
        feed.write(new byte[] {1, 2, 3});
        CompletableFuture<ResticBackupSummary> backup = CompletableFuture.supplyAsync(
                () -> restic.backupStdin(repository, "db.sql", List.of(), null, data));
        try {
            ResticFixture.await("our backup holds its lock", () -> !restic.locks(repository).isEmpty());
            assertThat(restic.processes().anyRunning(repository.location())).isTrue();
            ResticLock lock = restic.locks(repository).get(0);

            LockReport report = locksAt(lock.time().plus(Duration.ofDays(1))).removeStaleLocks(repository);

            assertThat(report.kept()).singleElement()
                    .satisfies(decision -> assertThat(decision.verdict()).isEqualTo(Verdict.KEPT_OURS_RUNNING));
            assertThat(restic.locks(repository)).hasSize(1);
        } finally {
            feed.close();
        }
        assertThat(backup.join().snapshotId()).hasSize(64);
        assertThat(restic.processes().anyRunning(repository.location())).isFalse();
    }

    @Test
    @DisplayName("retryAfterStaleLocks: a prune blocked by a stale lock runs after the lock is removed")
    void pruneRunsAfterStaleLockRemoved() {
        restic.backupStdin(repository, "db.sql", List.of(), null, new ByteArrayInputStream(new byte[] {7}));
        ResticLock lock = staleLockOfKilledBackup();
        assertThatThrownBy(() -> restic.prune(repository)).isInstanceOf(ResticLockedException.class);

        locksAt(lock.time().plus(Duration.ofHours(1))).retryAfterStaleLocks(repository, () -> restic.prune(repository));

        assertThat(restic.locks(repository)).isEmpty();
    }

    @Test
    @DisplayName("the age comparison: strictly older than the setting")
    void ageComparison() {
        Instant time = Instant.parse("2026-12-01T10:00:00Z");
        ResticLock lock = new ResticLock("ab".repeat(32), time, false, "elsewhere", 1);

        assertThat(locksAt(time.plus(STALE_AGE)).olderThanStaleAge(lock)).isFalse();
        assertThat(locksAt(time.plus(STALE_AGE).plusSeconds(1)).olderThanStaleAge(lock)).isTrue();
        assertThat(new ResticLocks(restic, restic.processes(), Clock.fixed(time.plus(Duration.ofMinutes(11)),
                ZoneOffset.UTC), Duration.ofMinutes(10)).olderThanStaleAge(lock)).isTrue();
    }
}
