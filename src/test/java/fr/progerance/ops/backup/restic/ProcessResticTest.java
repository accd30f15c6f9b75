package fr.progerance.ops.backup.restic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wrapper against the real restic binary: the happy paths of every call of the port. */
@DisplayName("ProcessRestic drives the real restic (R3.6-a, R3.6-c, R3.6-d)")
class ProcessResticTest {

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
    }

    @Test
    @DisplayName("the installed restic is 0.14 or newer and its version is read once")
    void versionIsReadFromTheBinary() {
        assertThat(restic.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(ResticVersion.parse(restic.version()).orElseThrow())
                .isGreaterThanOrEqualTo(new ResticVersion(0, 14, 0));
    }

    @Test
    @DisplayName("initIfMissing creates the repository once; exists tells a missing one from a created one")
    void initIfMissingIsIdempotent() {
        assertThat(restic.exists(repository)).isFalse();

        restic.initIfMissing(repository);
        restic.initIfMissing(repository);

        assertThat(restic.exists(repository)).isTrue();
        assertThat(repository.location().resolve("config")).isRegularFile();
        assertThat(restic.snapshots(repository, List.of())).isEmpty();
    }

    @Test
    @DisplayName("R3.6-d: a stdin backup with tags is listed and dumps back the identical bytes")
    void backupFromStdinListsAndDumpsIdenticalBytes() {
        restic.initIfMissing(repository);
        byte[] dump = ResticFixture.data(3 * 1024 * 1024 + 17, 1);

        ResticBackupSummary summary = restic.backupStdin(repository, "shop.sql",
                List.of("server=12", "kind=database", "run=42"), null, new ByteArrayInputStream(dump));

        assertThat(summary.snapshotId()).hasSize(64).matches("[0-9a-f]+");
        assertThat(summary.totalBytesProcessed()).isEqualTo(dump.length);
        assertThat(summary.dataAdded()).isPositive();
        assertThat(summary.took().isNegative()).isFalse();

        List<ResticSnapshot> snapshots = restic.snapshots(repository, List.of("server=12", "kind=database"));
        assertThat(snapshots).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.id()).isEqualTo(summary.snapshotId());
            assertThat(snapshot.shortId()).isEqualTo(summary.snapshotId().substring(0, 8));
            assertThat(snapshot.paths()).containsExactly("/shop.sql");
            assertThat(snapshot.tags()).containsExactlyInAnyOrder("server=12", "kind=database", "run=42");
            assertThat(snapshot.tag("run")).contains("42");
            assertThat(snapshot.hostname()).isNotBlank();
        });
        assertThat(restic.snapshots(repository, List.of("server=12", "kind=files"))).isEmpty();

        ByteArrayOutputStream restored = new ByteArrayOutputStream();
        restic.dump(repository, summary.snapshotId(), "/shop.sql", restored);
        assertThat(ResticFixture.sha256(restored.toByteArray())).isEqualTo(ResticFixture.sha256(dump));

        assertThat(restic.restoreSize(repository, summary.snapshotId())).isEqualTo(dump.length);
    }

    @Test
    @DisplayName("R3.6-c: a snapshot saved with --time in the past lists at exactly that instant, oldest first")
    void timeInThePastListsAtThatInstant() {
        restic.initIfMissing(repository);
        // Around the Paris summer-time change: a local-time mix-up would show as a one or two hour shift.
        Instant older = Instant.parse("2026-03-29T00:30:00Z");
        Instant newer = Instant.parse("2026-03-29T01:30:00Z");

        String newId = restic.backupStdin(repository, "db.sql", List.of("kind=database"), newer,
                new ByteArrayInputStream("newer".getBytes())).snapshotId();
        String oldId = restic.backupStdin(repository, "db.sql", List.of("kind=database"), older,
                new ByteArrayInputStream("older".getBytes())).snapshotId();

        assertThat(restic.snapshots(repository, List.of()))
                .extracting(ResticSnapshot::id, ResticSnapshot::time)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(oldId, older),
                        org.assertj.core.groups.Tuple.tuple(newId, newer));
    }

    @Test
    @DisplayName("R3.6-c: forget removes the snapshots named, prune frees their data")
    void forgetAndPrune() {
        restic.initIfMissing(repository);
        String first = restic.backupStdin(repository, "a.sql", List.of("kind=database"), null,
                new ByteArrayInputStream(ResticFixture.data(2_000_000, 2))).snapshotId();
        String second = restic.backupStdin(repository, "b.sql", List.of("kind=database"), null,
                new ByteArrayInputStream(ResticFixture.data(100, 3))).snapshotId();
        long before = sizeOfData();

        restic.forget(repository, List.of(first), true);

        assertThat(restic.snapshots(repository, List.of())).extracting(ResticSnapshot::id).containsExactly(second);
        assertThat(sizeOfData()).isLessThan(before - 1_000_000);

        restic.forget(repository, List.of(), false); // nothing to forget: nothing done
        restic.prune(repository);
        assertThat(restic.snapshots(repository, List.of())).hasSize(1);
    }

    @Test
    @DisplayName("check with a data subset passes on a sound repository")
    void checkWithSubset() {
        restic.initIfMissing(repository);
        restic.backupStdin(repository, "a.sql", List.of(), null,
                new ByteArrayInputStream(ResticFixture.data(500_000, 4)));

        restic.check(repository, "1/3");
        restic.check(repository, "50%");
        restic.check(repository, null);
    }

    @Test
    @DisplayName("a repository without locks lists none; unlock on it does nothing")
    void noLocks() {
        restic.initIfMissing(repository);

        assertThat(restic.locks(repository)).isEmpty();
        restic.unlock(repository);
        assertThat(restic.locks(repository)).isEmpty();
    }

    @Test
    @DisplayName("tags, file names, snapshot ids and subsets are checked before restic runs")
    void argumentsAreValidated() {
        ByteArrayInputStream data = new ByteArrayInputStream(new byte[1]);
        assertThatThrownBy(() -> restic.backupStdin(repository, "../etc/passwd", List.of(), null, data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stdin file name");
        assertThatThrownBy(() -> restic.backupStdin(repository, "--help", List.of(), null, data))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> restic.backupStdin(repository, "a.sql", List.of("a,b"), null, data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag");
        assertThatThrownBy(() -> restic.backupStdin(repository, "a.sql", List.of("--host=x"), null, data))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> restic.forget(repository, List.of("--keep-last=1"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshot id");
        assertThatThrownBy(() -> restic.dump(repository, "0123abcd", "/a/../b", new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> restic.check(repository, "1/3 --no-lock"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-data-subset");
        assertThat(ProcessRestic.TAG.matcher("server=12").matches()).isTrue();
        assertThat(ProcessRestic.TAG.matcher("run=2026-12-01T10:00:00Z").matches()).isTrue();
    }

    private long sizeOfData() {
        try (var files = Files.walk(repository.location().resolve("data"))) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
