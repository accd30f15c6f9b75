package fr.progerance.ops.backup.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.backup.repository.ClientRepositories.Deletion;
import fr.progerance.ops.backup.restic.ProcessRestic;
import fr.progerance.ops.backup.restic.ResticFixture;
import fr.progerance.ops.backup.restic.ResticPasswordFileException;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One repository and one password per client, on the backup volume, deletable alone (R8.2, R3.6-a). */
@DisplayName("client repositories: one per client, private passwords, deleted alone (R8.2, R3.6-a)")
class ClientRepositoriesTest {

    @TempDir
    Path dir;

    private ProcessRestic restic;
    private ClientRepositories repositories;
    private Path volume;
    private Path passwords;

    @BeforeAll
    static void resticInstalled() {
        ResticFixture.requireRestic();
    }

    @BeforeEach
    void setUp() {
        volume = dir.resolve("volume");
        passwords = dir.resolve("secrets/restic");
        restic = ResticFixture.restic(dir);
        repositories = new ClientRepositories(new BackupStorageSettings.Paths(volume, passwords), restic,
                restic.processes());
    }

    @Test
    @DisplayName("R8.2: the locations follow the client id, without touching the disk")
    void locationsFollowTheClientId() {
        ResticRepository repository = repositories.repository(12);

        assertThat(repository.location()).isEqualTo(volume.resolve("clients/client-12"));
        assertThat(repository.passwordFile()).isEqualTo(passwords.resolve("client-12.password"));
        assertThat(repositories.offsiteName(12)).isEqualTo("client-12");
        assertThat(volume).doesNotExist();
        assertThat(passwords).doesNotExist();
        assertThatThrownBy(() -> repositories.repository(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repositories.repository(-3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("R8.2: two clients get two repositories and two passwords; deleting one leaves the other readable")
    void deletingOneClientLeavesTheOtherIntact() throws IOException {
        ResticRepository first = repositories.ensure(1);
        ResticRepository second = repositories.ensure(2);
        assertThat(first.location()).isNotEqualTo(second.location());
        assertThat(Files.readAllBytes(first.passwordFile())).isNotEqualTo(Files.readAllBytes(second.passwordFile()));
        byte[] data1 = ResticFixture.data(50_000, 1);
        byte[] data2 = ResticFixture.data(50_000, 2);
        restic.backupStdin(first, "shop.sql", List.of("kind=database"), null, new ByteArrayInputStream(data1));
        String kept = restic.backupStdin(second, "shop.sql", List.of("kind=database"), null,
                new ByteArrayInputStream(data2)).snapshotId();
        // Never mixed: each password opens its own repository only.
        assertThatThrownBy(() -> restic.snapshots(new ResticRepository(first.location(), second.passwordFile()),
                List.of())).hasMessageContaining("wrong password");

        Deletion deletion = repositories.delete(1);

        assertThat(deletion.repositoryDeleted()).isTrue();
        assertThat(deletion.passwordFileDeleted()).isTrue();
        assertThat(deletion.filesDeleted()).isPositive();
        assertThat(deletion.bytesDeleted()).isPositive();
        assertThat(first.location()).doesNotExist();
        assertThat(first.passwordFile()).doesNotExist();
        assertThat(restic.snapshots(second, List.of())).extracting(ResticSnapshot::id).containsExactly(kept);
        ByteArrayOutputStream restored = new ByteArrayOutputStream();
        restic.dump(second, kept, "/shop.sql", restored);
        assertThat(ResticFixture.sha256(restored.toByteArray())).isEqualTo(ResticFixture.sha256(data2));
        restic.check(second, null);

        Deletion again = repositories.delete(1);
        assertThat(again.repositoryDeleted()).isFalse();
        assertThat(again.passwordFileDeleted()).isFalse();
    }

    @Test
    @DisplayName("the password: 32 random bytes in base64, 0600 in a 0700 directory, never overwritten")
    void passwordFileIsPrivateAndKept() throws IOException {
        ResticRepository repository = repositories.ensure(7);

        assertThat(Files.getPosixFilePermissions(repository.passwordFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(passwords)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        byte[] content = Files.readAllBytes(repository.passwordFile());
        assertThat(Base64.getDecoder().decode(new String(content).strip())).hasSize(32);
        try (var files = Files.list(passwords)) {
            assertThat(files).containsExactly(repository.passwordFile()); // no temporary file left
        }

        repositories.ensure(7);

        assertThat(Files.readAllBytes(repository.passwordFile())).isEqualTo(content);
        assertThat(restic.exists(repository)).isTrue();
    }

    @Test
    @DisplayName("a password file readable by group or others is refused with a clear message")
    void groupReadablePasswordFileRefused() throws IOException {
        ResticRepository repository = repositories.ensure(3);
        Files.setPosixFilePermissions(repository.passwordFile(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> repositories.ensure(3))
                .isInstanceOf(ResticPasswordFileException.class)
                .hasMessageContaining(repository.passwordFile().toString())
                .hasMessageContaining("accessible to group or others")
                .hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> restic.snapshots(repository, List.of()))
                .isInstanceOf(ResticPasswordFileException.class);
    }

    @Test
    @DisplayName("a password directory open to others is refused")
    void openPasswordDirectoryRefused() throws IOException {
        Files.createDirectories(passwords);
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> repositories.ensure(4))
                .isInstanceOf(ResticPasswordFileException.class)
                .hasMessageContaining("ops.backup.password-dir")
                .hasMessageContaining("chmod 700");
        assertThat(repositories.repository(4).passwordFile()).doesNotExist();
    }

    @Test
    @DisplayName("R8.2: deletion is refused while a restic of ours works on the repository")
    void deletionRefusedWhileInUse() throws IOException {
        ResticRepository repository = repositories.ensure(5);
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream data = new PipedInputStream(feed);
        feed.write(new byte[] {1});
        CompletableFuture<?> backup = CompletableFuture.supplyAsync(
                () -> restic.backupStdin(repository, "db.sql", List.of(), null, data));
        try {
            ResticFixture.await("the backup runs", () -> restic.processes().anyRunning(repository.location()));

            assertThatThrownBy(() -> repositories.delete(5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
            assertThat(repository.location()).isDirectory();
        } finally {
            feed.close();
        }
        backup.join();
        assertThat(repositories.delete(5).repositoryDeleted()).isTrue();
    }
}
