package fr.progerance.ops.monitoring.probe;

import fr.progerance.ops.contract.AddressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A TCP port that must accept connections (R4.1 N1 network and connectivity surveillance): a
 * connection is opened and closed at once, nothing is sent. Refused, unreachable, or no answer
 * within the time-out: FAILED. The address must be one the register's {@link AddressPolicy} accepts.
 */
public class TcpProbe {

    private final Duration timeout;
    private final AddressPolicy policy;
    private final Clock clock;

    public TcpProbe(Duration timeout, AddressPolicy policy, Clock clock) {
        this.timeout = timeout;
        this.policy = policy;
        this.clock = clock;
    }

    public CheckResult check(String host, int port) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        String target = String.valueOf(port);
        try {
            InetAddress address = InetAddress.getByName(host);
            Optional<String> problem = policy.problem(address);
            if (problem.isPresent()) {
                return result(target, CheckStatus.FAILED, "refused to connect: " + host + " " + problem.get(), start, at);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            }
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            return new CheckResult(CheckKind.TCP_PORT, target, CheckStatus.OK, "port " + port + " open in " + ms + " ms",
                    (double) ms, Duration.ofNanos(System.nanoTime() - start), at);
        } catch (UnknownHostException e) {
            return result(target, CheckStatus.FAILED, "unknown host " + host, start, at);
        } catch (SocketTimeoutException e) {
            return result(target, CheckStatus.FAILED, "port " + port + ": no answer within " + timeout.toMillis() + " ms",
                    start, at);
        } catch (IOException e) {
            return result(target, CheckStatus.FAILED, "port " + port + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), start, at);
        }
    }

    private static CheckResult result(String target, CheckStatus status, String detail, long start, Instant at) {
        return new CheckResult(CheckKind.TCP_PORT, target, status, HttpProbe.shorten(detail), null,
                Duration.ofNanos(System.nanoTime() - start), at);
    }
}
