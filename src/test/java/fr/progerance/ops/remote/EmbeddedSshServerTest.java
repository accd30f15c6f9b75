package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The test fixture other packages reuse behaves as documented. */
@DisplayName("EmbeddedSshServer test fixture")
class EmbeddedSshServerTest {

    @Test
    @DisplayName("each server has its own host key and port; the client key file is shared by all")
    void identities() {
        try (EmbeddedSshServer first = new EmbeddedSshServer().start();
                EmbeddedSshServer second = new EmbeddedSshServer().start()) {
            assertThat(first.port()).isNotEqualTo(second.port());
            assertThat(first.hostKeyFingerprint()).isNotEqualTo(second.hostKeyFingerprint());
            assertThat(HostKeys.isValidFingerprint(first.hostKeyFingerprint())).isTrue();
            assertThat(first.clientKeyPath()).isEqualTo(second.clientKeyPath()).isRegularFile();
            assertThat(first.target()).isEqualTo(new SshTarget("127.0.0.1", first.port(), "ops",
                    first.hostKeyFingerprint()));
        }
    }

    @Test
    @DisplayName("canned responses replace one program; reset() forgets them and restores the host key")
    void cannedResponsesAndReset() {
        try (EmbeddedSshServer server = new EmbeddedSshServer().start()) {
            String original = server.hostKeyFingerprint();
            server.respond("cat /proc/uptime", 0, "12.00 34.00\n", "");

            assertThat(server.executor().run(server.target(), CommandTemplate.UPTIME).stdout()).isEqualTo("12.00 34.00\n");
            assertThat(server.executor().run(server.target(), CommandTemplate.LOAD_AVERAGE).stdout())
                    .isNotBlank().doesNotContain("12.00 34.00");
            assertThat(server.executedCommands()).containsExactly("cat /proc/uptime", "cat /proc/loadavg");
            assertThat(server.connectionCount()).isEqualTo(2);
            assertThat(server.rotateHostKey()).isNotEqualTo(original);

            server.reset();

            assertThat(server.hostKeyFingerprint()).isEqualTo(original);
            assertThat(server.executedCommands()).isEmpty();
            assertThat(server.connectionCount()).isZero();
            assertThat(server.executor().run(server.target(), CommandTemplate.UPTIME).stdout())
                    .isNotEqualTo("12.00 34.00\n");
        }
    }

    @Test
    @DisplayName("a stopped server refuses to give its port")
    void stopped() {
        EmbeddedSshServer server = new EmbeddedSshServer();
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        server.start().stop();
        assertThatThrownBy(server::target).isInstanceOf(IllegalStateException.class);
        assertThat(Files.isRegularFile(server.clientKeyPath())).isTrue();
    }
}
