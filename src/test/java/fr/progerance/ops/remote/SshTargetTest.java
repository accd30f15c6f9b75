package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where to connect: validated before anything reaches the SSH library. */
@DisplayName("SSH targets are validated (DESIGN rule 8)")
class SshTargetTest {

    private static final String FINGERPRINT = "SHA256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCY";

    @ParameterizedTest
    @ValueSource(strings = {"shop1.example.net", "SHOP1.Example.NET", "localhost", "web-1", "a.b", "xn--bcher-kva.example",
        "127.0.0.1", "192.168.1.10", "255.255.255.255", "0.0.0.0", "2001:db8::1", "::1", "fe80::1",
        "::ffff:192.0.2.1", "2001:0db8:0000:0000:0000:ff00:0042:8329", "1.example.com"})
    @DisplayName("host names and IP literals are accepted")
    void hostAccepted(String host) {
        assertThat(new SshTarget(host, 22, "ops", FINGERPRINT).host()).isEqualTo(host);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "shop1.example.net ", " shop1.example.net", "-shop.example.net", "shop-.example.net",
        "shop..example.net", "shop.example.net.", ".example.net", "1.2.3.256", "01.2.3.4", "1.2.3", "1.2.3.4.5",
        "example.123", "[2001:db8::1]", "fe80::1%eth0", "2001:db8::1::2", "12345::", ".:1", "shop;rm -rf /",
        "host\nname", "a_b.example.net", "ssh://host", "user@host", "host:22", "$(reboot)", "h\u00f4te.example.net"})
    @DisplayName("anything else is refused")
    void hostRefused(String host) {
        assertThatThrownBy(() -> new SshTarget(host, 22, "ops", FINGERPRINT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SSH host must be a host name or an IP address")
                .hasMessageNotContaining("\n");
    }

    @Test
    @DisplayName("a host name has at most 253 characters and labels at most 63")
    void hostLengths() {
        String label63 = "a".repeat(63);
        String name253 = label63 + "." + label63 + "." + label63 + "." + "a".repeat(61);
        assertThat(name253).hasSize(253);
        assertThat(new SshTarget(name253, 22, "ops", FINGERPRINT).host()).isEqualTo(name253);
        assertThatThrownBy(() -> new SshTarget(name253 + "a", 22, "ops", FINGERPRINT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SshTarget("a".repeat(64) + ".example.net", 22, "ops", FINGERPRINT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, 100_000})
    @DisplayName("ports outside 1-65535 are refused")
    void portRefused(int port) {
        assertThatThrownBy(() -> new SshTarget("shop1.example.net", port, "ops", FINGERPRINT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SSH port must be between 1 and 65535, got " + port);
    }

    @Test
    @DisplayName("ports 1 and 65535 are accepted; of() uses port 22")
    void portBounds() {
        assertThat(new SshTarget("shop1.example.net", 1, "ops", FINGERPRINT).port()).isEqualTo(1);
        assertThat(new SshTarget("shop1.example.net", 65535, "ops", FINGERPRINT).port()).isEqualTo(65535);
        assertThat(SshTarget.of("shop1.example.net", "ops", FINGERPRINT).port()).isEqualTo(22);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops", "root", "_ops", "deploy-1", "a_b", "abcdefghijklmnopqrstuvwxyz012345"})
    @DisplayName("POSIX user names are accepted")
    void userAccepted(String user) {
        assertThat(new SshTarget("shop1.example.net", 22, user, FINGERPRINT).user()).isEqualTo(user);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Root", "1ops", "-ops", "ops user", "ops;id", "ops\n", "op$", "abcdefghijklmnopqrstuvwxyz0123456",
        "ops@host", "\u00e9lodie"})
    @DisplayName("other user names are refused")
    void userRefused(String user) {
        assertThatThrownBy(() -> new SshTarget("shop1.example.net", 22, user, FINGERPRINT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SSH user must match");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCY", "SHA256:short",
        "16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48"})
    @DisplayName("a malformed fingerprint is refused, naming the host")
    void fingerprintRefused(String fingerprint) {
        assertThatThrownBy(() -> new SshTarget("shop1.example.net", 22, "ops", fingerprint))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SSH host key fingerprint of shop1.example.net ");
    }

    @Test
    @DisplayName("describe() gives user@host:port, IPv6 in brackets")
    void describe() {
        assertThat(new SshTarget("shop1.example.net", 2222, "ops", FINGERPRINT).describe())
                .isEqualTo("ops@shop1.example.net:2222");
        assertThat(new SshTarget("2001:db8::1", 22, "ops", FINGERPRINT).describe()).isEqualTo("ops@[2001:db8::1]:22");
    }
}
