package fr.progerance.ops.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the link secret comes from: the setting, or a file generated once in the data directory. */
class LinkSecretTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("Blank setting: a random 32-byte secret is created in <data-dir>/secrets/links.key, mode 0600 (dir 0700)")
    void createsFile() throws Exception {
        byte[] secret = LinkSecret.resolve("", dataDir);

        Path file = dataDir.resolve("secrets/links.key");
        assertThat(file).exists();
        assertThat(secret).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Base64.getUrlDecoder().decode(Files.readString(file).strip())).isEqualTo(secret);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    @DisplayName("The file is reused on restart: links signed before a restart stay valid")
    void reusesFile() {
        byte[] first = LinkSecret.resolve(null, dataDir);
        byte[] second = LinkSecret.resolve("  ", dataDir);
        assertThat(second).isEqualTo(first);

        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        String token = new SignedLinks(first, Clock.systemUTC()).token("d-1", expiry);
        assertThat(new SignedLinks(second, Clock.systemUTC()).verify(token).valid()).isTrue();
    }

    @Test
    @DisplayName("Two data directories, two secrets (why a cluster must share ops.links.secret)")
    void differentNodes(@TempDir Path otherNode) {
        assertThat(LinkSecret.resolve("", dataDir)).isNotEqualTo(LinkSecret.resolve("", otherNode));
    }

    @Test
    @DisplayName("The setting wins over the file and needs at least 32 bytes")
    void setting() {
        String configured = "a-cluster-wide-secret-of-40-bytes-length";
        assertThat(LinkSecret.resolve(configured, dataDir)).isEqualTo(configured.getBytes(StandardCharsets.UTF_8));
        assertThat(dataDir.resolve("secrets")).doesNotExist();
        assertThatThrownBy(() -> LinkSecret.resolve("too-short", dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes").hasMessageNotContaining("too-short");
    }

    @Test
    @DisplayName("A damaged secret file stops the start instead of signing with a weak key")
    void damagedFile() throws Exception {
        Path file = dataDir.resolve("secrets/links.key");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "c2hvcnQ\n");
        assertThatThrownBy(() -> LinkSecret.resolve("", dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fewer than 32 bytes");
        Files.writeString(file, "not base64 !!!\n");
        assertThatThrownBy(() -> LinkSecret.resolve("", dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not base64url");
    }
}
