package fr.progerance.ops.backup.restic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN rule 13: each way restic fails, produced with the real binary (or a stand-in script for the
 * version and the time-out), becomes its own readable exception naming the repository and the
 * operation.
 */
@DisplayName("restic failures map to readable, classified exceptions (DESIGN rule 13, R3.6-a)")
class ResticFailuresTest {

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
    @DisplayName("another password file: ResticWrongPasswordException, not retryable, nothing re-created")
    void wrongPassword() {
        restic.initIfMissing(repository);
        ResticRepository other = new ResticRepository(repository.location(),
                ResticFixture.passwordFile(dir.resolve("other"), "other.password"));

        assertThatThrownBy(() -> restic.snapshots(other, List.of()))
                .isInstanceOfSatisfying(ResticWrongPasswordException.class,
                        e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("restic snapshots on restic repository " + repository.location())
                .hasMessageContaining("wrong password or no key found")
                .hasMessageContaining(other.passwordFile().toString());
        assertThatThrownBy(() -> restic.initIfMissing(other)).isInstanceOf(ResticWrongPasswordException.class);
        assertThatThrownBy(() -> restic.exists(other)).isInstanceOf(ResticWrongPasswordException.class);
        assertThat(restic.snapshots(repository, List.of())).isEmpty(); // the repository is untouched
    }

    @Test
    @DisplayName("no repository at the location: ResticRepositoryMissingException, not retryable")
    void missingRepository() {
        assertThatThrownBy(() -> restic.snapshots(repository, List.of()))
                .isInstanceOfSatisfying(ResticRepositoryMissingException.class,
                        e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("restic snapshots on restic repository " + repository.location())
                .hasMessageContaining("no restic repository at " + repository.location());
        assertThatThrownBy(() -> restic.backupStdin(repository, "a.sql", List.of(), null,
                new ByteArrayInputStream(new byte[10]))).isInstanceOf(ResticRepositoryMissingException.class);
    }

    @Test
    @DisplayName("a repository locked by a live restic: ResticLockedException naming the holder, retryable")
    void lockedByLiveProcess() {
        restic.initIfMissing(repository);
        Process holder = ResticFixture.startBackupHoldingLock(repository, dir.resolve("cache"));
        try {
            assertThatThrownBy(() -> restic.prune(repository))
                    .isInstanceOfSatisfying(ResticLockedException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.holderPid()).contains(holder.pid());
                        assertThat(e.holderHost()).contains(LocalHost.name());
                        assertThat(e.lockId()).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{8,}"));
                    })
                    .hasMessageContaining("restic prune on restic repository " + repository.location())
                    .hasMessageContaining("locked by restic PID " + holder.pid());
            assertThatThrownBy(() -> restic.check(repository, null)).isInstanceOf(ResticLockedException.class);
        } finally {
            ResticFixture.kill(holder);
        }
    }

    @Test
    @DisplayName("exit status 3 (a source file unreadable) is a failure naming the incomplete snapshot")
    void exitThreeIsIncompleteSnapshot() throws IOException {
        restic.initIfMissing(repository);
        Path readable = Files.writeString(dir.resolve("readable.txt"), "fine");
        // As root every file is readable; /proc/self/mem is listed but cannot be read (EIO): exit 3.
        assertThatThrownBy(() -> restic.backupPaths(repository, List.of(readable, Path.of("/proc/self/mem")),
                List.of("kind=files"), null))
                .isInstanceOfSatisfying(ResticIncompleteSnapshotException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.snapshotId()).hasValueSatisfying(id -> assertThat(id).hasSize(64));
                    // restic saved it anyway: the caller can forget it by that id.
                    assertThat(restic.snapshots(repository, List.of())).extracting(ResticSnapshot::id)
                            .containsExactly(e.snapshotId().orElseThrow());
                })
                .hasMessageContaining("restic backup into restic repository " + repository.location())
                .hasMessageContaining("exit status 3")
                .hasMessageContaining("/proc/self/mem");
    }

    @Test
    @DisplayName("restic 0.14 skips a path that does not exist with exit status 0 (no exit 3 for it)")
    void missingPathIsSkippedByRestic() throws IOException {
        restic.initIfMissing(repository);
        Path readable = Files.writeString(dir.resolve("readable.txt"), "fine");

        ResticBackupSummary summary = restic.backupPaths(repository, List.of(readable, dir.resolve("missing")),
                List.of(), null);

        assertThat(restic.snapshots(repository, List.of())).singleElement()
                .satisfies(s -> assertThat(s.paths()).containsExactly(readable.toString()));
        assertThat(summary.totalBytesProcessed()).isEqualTo(4);
    }

    @Test
    @DisplayName("a data stream that breaks stops restic before the end of its input: no snapshot is saved")
    void brokenSourceSavesNoSnapshot() {
        restic.initIfMissing(repository);
        InputStream broken = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ < 200_000) {
                    return 'x';
                }
                throw new IOException("connection reset (test)");
            }
        };

        assertThatThrownBy(() -> restic.backupStdin(repository, "shop.sql", List.of(), null, broken))
                .isInstanceOf(ResticCommandException.class)
                .hasMessageContaining("reading the data to back up failed")
                .hasMessageContaining("connection reset (test)")
                .hasMessageContaining("no snapshot was saved");
        restic.unlock(repository); // the killed restic left its lock (dead local process)
        assertThat(restic.snapshots(repository, List.of())).isEmpty();
    }

    @Test
    @DisplayName("an empty data stream is refused by restic (no empty snapshot)")
    void emptyStreamFails() {
        restic.initIfMissing(repository);

        assertThatThrownBy(() -> restic.backupStdin(repository, "shop.sql", List.of(), null,
                new ByteArrayInputStream(new byte[0])))
                .isInstanceOfSatisfying(ResticCommandException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessageContaining("snapshot is empty");
        assertThat(restic.snapshots(repository, List.of())).isEmpty();
    }

    @Test
    @DisplayName("unknown snapshot ids and paths are errors, though restic 0.14 exits 0 for some")
    void unknownSnapshotsAreErrors() {
        restic.initIfMissing(repository);
        String id = restic.backupStdin(repository, "a.sql", List.of(), null,
                new ByteArrayInputStream(new byte[] {1, 2, 3})).snapshotId();

        assertThatThrownBy(() -> restic.forget(repository, List.of("deadbeef"), false))
                .isInstanceOfSatisfying(ResticNotFoundException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("no snapshot deadbeef");
        assertThatThrownBy(() -> restic.restoreSize(repository, "deadbeef"))
                .isInstanceOf(ResticNotFoundException.class);
        assertThatThrownBy(() -> restic.dump(repository, "deadbeef", "/a.sql", new ByteArrayOutputStream()))
                .isInstanceOf(ResticNotFoundException.class);
        assertThatThrownBy(() -> restic.dump(repository, id, "/other.sql", new ByteArrayOutputStream()))
                .isInstanceOf(ResticNotFoundException.class).hasMessageContaining("not found in snapshot");
        assertThat(restic.snapshots(repository, List.of())).hasSize(1);
    }

    @Test
    @DisplayName("check on damaged data: ResticCheckFailedException with restic's findings, not retryable")
    void damagedRepositoryFailsCheck() throws IOException {
        restic.initIfMissing(repository);
        restic.backupStdin(repository, "a.sql", List.of(), null,
                new ByteArrayInputStream(ResticFixture.data(100_000, 5)));
        try (Stream<Path> packs = Files.walk(repository.location().resolve("data"))) {
            for (Path pack : packs.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(pack, PosixFilePermissions.fromString("rw-------"));
                try (RandomAccessFile file = new RandomAccessFile(pack.toFile(), "rw")) {
                    file.seek(40);
                    file.write("damaged by the test".getBytes());
                }
            }
        }

        assertThatThrownBy(() -> restic.check(repository, "1/1"))
                .isInstanceOfSatisfying(ResticCheckFailedException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.findings()).contains("Fatal: repository contains errors");
                })
                .hasMessageContaining("restic check 1/1 on restic repository " + repository.location())
                .hasMessageContaining("found errors");
    }

    @Test
    @DisplayName("a password file readable by others is refused before restic runs")
    void openPasswordFileRefused() throws IOException {
        restic.initIfMissing(repository);
        Files.setPosixFilePermissions(repository.passwordFile(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> restic.snapshots(repository, List.of()))
                .isInstanceOfSatisfying(ResticPasswordFileException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining(repository.passwordFile().toString())
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600")
                .hasMessageNotContaining(Files.readString(repository.passwordFile()).strip());
    }

    @Test
    @DisplayName("a too old restic: ResticVersionException naming both versions and the setting, at first use")
    void tooOldVersion() {
        Path old = ResticFixture.script(dir, "old-restic", "echo 'restic 0.9.6 compiled with go1.13 on linux/amd64'");
        ProcessRestic oldRestic = new ProcessRestic(ResticFixture.settings(dir).withBinary(old.toString()));

        assertThatThrownBy(oldRestic::version)
                .isInstanceOfSatisfying(ResticVersionException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("restic 0.9.6")
                .hasMessageContaining("0.14.0 or newer is required")
                .hasMessageContaining("ops.backup.restic.minimum-version");
        // Checked before the first real call, too.
        assertThatThrownBy(() -> oldRestic.snapshots(repository, List.of()))
                .isInstanceOf(ResticVersionException.class).hasMessageContaining("0.9.6");
        // The minimum is a setting.
        assertThat(new ProcessRestic(ResticFixture.settings(dir).withBinary(old.toString())
                .withMinimumVersion("0.9.0")).version()).isEqualTo("0.9.6");
    }

    @Test
    @DisplayName("a binary that prints no version, or no binary at all: ResticVersionException naming the setting")
    void unreadableOrMissingBinary() {
        Path odd = ResticFixture.script(dir, "odd", "echo 'something else'");

        assertThatThrownBy(() -> new ProcessRestic(ResticFixture.settings(dir).withBinary(odd.toString())).version())
                .isInstanceOf(ResticVersionException.class)
                .hasMessageContaining("did not print a restic version")
                .hasMessageContaining("something else")
                .hasMessageContaining("ops.backup.restic.binary");
        assertThatThrownBy(() -> new ProcessRestic(ResticFixture.settings(dir)
                .withBinary(dir.resolve("no-restic-here").toString())).snapshots(repository, List.of()))
                .isInstanceOf(ResticVersionException.class)
                .hasMessageContaining("no-restic-here")
                .hasMessageContaining("ops.backup.restic.binary");
    }

    @Test
    @DisplayName("a call that outlives its time-out is stopped: ResticTimeoutException naming the call and setting")
    void timeout() {
        Path slow = ResticFixture.script(dir, "slow-restic", """
                for a in "$@"; do [ "$a" = version ] && { echo 'restic 0.14.0 compiled with go1.19.8 on linux/amd64'; exit 0; }; done
                exec sleep 300""");
        ProcessRestic slowRestic = new ProcessRestic(ResticFixture.settings(dir).withBinary(slow.toString())
                .withCommandTimeout(Duration.ofMillis(300)).withTransferTimeout(Duration.ofMillis(400)));

        assertThatThrownBy(() -> slowRestic.snapshots(repository, List.of()))
                .isInstanceOfSatisfying(ResticTimeoutException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.setting()).isEqualTo("ops.backup.restic.command-timeout");
                })
                .hasMessageContaining("restic snapshots on restic repository " + repository.location())
                .hasMessageContaining("did not finish within PT0.3S")
                .hasMessageContaining("the process was stopped");
        assertThatThrownBy(() -> slowRestic.prune(repository))
                .isInstanceOfSatisfying(ResticTimeoutException.class,
                        e -> assertThat(e.setting()).isEqualTo("ops.backup.restic.transfer-timeout"))
                .hasMessageContaining("restic prune");
        assertThat(slowRestic.processes().anyRunning(repository.location())).isFalse();
    }
}
