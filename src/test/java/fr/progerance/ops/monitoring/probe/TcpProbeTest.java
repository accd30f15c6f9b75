package fr.progerance.ops.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.contract.AddressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R4.1 N1 connectivity: the TCP probe against a real listening port and a closed one. */
class TcpProbeTest {

    private final TcpProbe probe = new TcpProbe(Duration.ofSeconds(2), new AddressPolicy(true, List.of()),
            Clock.systemUTC());

    @Test
    @DisplayName("R4.1: a listening port is OK, the target is the port")
    void open() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CheckResult r = probe.check("127.0.0.1", s.getLocalPort());
            assertThat(r.kind()).isEqualTo(CheckKind.TCP_PORT);
            assertThat(r.status()).isEqualTo(CheckStatus.OK);
            assertThat(r.target()).isEqualTo(String.valueOf(s.getLocalPort()));
        }
    }

    @Test
    @DisplayName("R4.1: a closed port is FAILED with the refusal")
    void closed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CheckResult r = probe.check("127.0.0.1", port);
        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.detail()).startsWith("port " + port + ": ConnectException");
    }

    @Test
    @DisplayName("Issue 7: an address the register's policy refuses is never connected to")
    void refusedByPolicy() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CheckResult r = new TcpProbe(Duration.ofSeconds(1), AddressPolicy.STRICT, Clock.systemUTC())
                    .check("127.0.0.1", s.getLocalPort());
            assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
            assertThat(r.detail()).startsWith("refused to connect");
        }
    }
}
