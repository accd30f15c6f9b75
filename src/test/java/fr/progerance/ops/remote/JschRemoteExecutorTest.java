package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.progerance.ops.remote.EmbeddedSshServer.CannedResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JschRemoteExecutor} against a real SSH server ({@link EmbeddedSshServer}): templates run
 * for real on this machine through {@code /bin/sh -c}, except the programs it lacks, simulated.
 */
@DisplayName("SSH execution of command templates with pinned host keys (DESIGN rule 8)")
class JschRemoteExecutorTest {

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @TempDir
    Path tempDir;

    private CommandResult run(CommandTemplate template, String... args) {
        return SSH.executor().run(SSH.target(), template, args);
    }

    @Nested
    @DisplayName("read-only templates run for real")
    class RoundTrips {

        @Test
        @DisplayName("UPTIME: seconds since boot and idle seconds from /proc/uptime")
        void uptime() {
            CommandResult result = run(CommandTemplate.UPTIME);

            assertThat(result.succeeded()).isTrue();
            assertThat(result.template()).isEqualTo(CommandTemplate.UPTIME);
            assertThat(result.stderr()).isEmpty();
            String[] fields = result.stdout().strip().split(" ");
            assertThat(fields).hasSize(2);
            assertThat(Double.parseDouble(fields[0])).isPositive();
            assertThat(Double.parseDouble(fields[1])).isNotNegative();
            assertThat(result.took()).isPositive().isLessThan(Duration.ofSeconds(10));
            assertThat(SSH.executedCommands()).containsExactly("cat /proc/uptime");
        }

        @Test
        @DisplayName("LOAD_AVERAGE: three load averages, running/total tasks, last pid")
        void loadAverage() {
            CommandResult result = run(CommandTemplate.LOAD_AVERAGE);

            assertThat(result.succeeded()).isTrue();
            String[] fields = result.stdout().strip().split(" ");
            assertThat(fields).hasSize(5);
            for (int i = 0; i < 3; i++) {
                assertThat(Double.parseDouble(fields[i])).isNotNegative();
            }
            assertThat(fields[3]).matches("[0-9]+/[0-9]+");
            assertThat(Long.parseLong(fields[4])).isPositive();
        }

        @Test
        @DisplayName("DISK_USAGE: POSIX df lines with sizes in KiB and a capacity percentage")
        void diskUsage() {
            CommandResult result = run(CommandTemplate.DISK_USAGE);

            assertThat(result.succeeded()).isTrue();
            List<String> lines = result.stdout().lines().toList();
            assertThat(lines.get(0)).startsWith("Filesystem").contains("1024-blocks", "Capacity", "Mounted on");
            assertThat(lines).hasSizeGreaterThan(1);
            assertThat(lines.subList(1, lines.size()))
                    .allSatisfy(line -> assertThat(line).matches("\\S+\\s+[0-9]+\\s+[0-9]+\\s+[0-9]+\\s+([0-9]+%|-)\\s+/.*"));
        }

        @Test
        @DisplayName("FAILED_SERVICES: the server's systemctl output reaches the caller unchanged")
        void failedServices() {
            String listing = "nginx.service loaded failed failed A high performance web server\n"
                    + "php8.2-fpm.service loaded failed failed The PHP 8.2 FastCGI Process Manager\n";
            SSH.respond("systemctl --failed --no-legend --plain", 0, listing, "");

            CommandResult result = run(CommandTemplate.FAILED_SERVICES);

            assertThat(result.succeeded()).isTrue();
            assertThat(result.stdout()).isEqualTo(listing);
            assertThat(result.stdout().lines().map(line -> line.split(" ")[0]))
                    .containsExactly("nginx.service", "php8.2-fpm.service");
        }

        @Test
        @DisplayName("SERVICE_STATUS: stdout and stderr stay apart, a non-zero exit is a result")
        void serviceStatusInactive() {
            SSH.respond("systemctl is-active -- 'mariadb.service'", 3, "inactive\n", "warning: simulated\n");

            CommandResult result = run(CommandTemplate.SERVICE_STATUS, "mariadb.service");

            assertThat(result.succeeded()).isFalse();
            assertThat(result.exitStatus()).isEqualTo(3);
            assertThat(result.stdout()).isEqualTo("inactive\n");
            assertThat(result.stderr()).isEqualTo("warning: simulated\n");
        }

        @Test
        @DisplayName("a command failing for real on the server is a CommandResult with its exit status, not an exception")
        void realFailureIsAResult() {
            // No canned response: /bin/sh really runs systemctl (absent, or without a running systemd here).
            CommandResult result = run(CommandTemplate.SERVICE_STATUS, "ops-engine-test-no-such-unit.service");

            assertThat(result.hasExitStatus()).isTrue();
            assertThat(result.exitStatus()).isNotZero();
            assertThat(result.succeeded()).isFalse();
            assertThat(SSH.executedCommands())
                    .containsExactly("systemctl is-active -- 'ops-engine-test-no-such-unit.service'");
        }

        @Test
        @DisplayName("RESTART_SERVICE sends exactly the template's line, the unit single-quoted after --")
        void restartService() {
            SSH.respond("sudo -n systemctl restart -- 'nginx.service'", 0, "", "");

            CommandResult result = run(CommandTemplate.RESTART_SERVICE, "nginx.service");

            assertThat(result.succeeded()).isTrue();
            assertThat(SSH.executedCommands()).containsExactly("sudo -n systemctl restart -- 'nginx.service'");
        }

        @Test
        @DisplayName("REBOOT: the connection dropping without exit status is a result, not a failure")
        void reboot() {
            SSH.respond("sudo -n systemctl reboot", CannedResponse.dropConnection().after(Duration.ofMillis(100)));

            CommandResult result = run(CommandTemplate.REBOOT);

            assertThat(result.hasExitStatus()).isFalse();
            assertThat(result.exitStatus()).isEqualTo(CommandResult.NO_EXIT_STATUS);
            assertThat(result.succeeded()).isFalse();
            assertThat(SSH.executedCommands()).containsExactly("sudo -n systemctl reboot");
        }

        @Test
        @DisplayName("any other template losing its connection: a retryable RemoteException, outcome unknown")
        void connectionLost() {
            SSH.respond("df -P -k", CannedResponse.dropConnection().after(Duration.ofMillis(100)));

            assertThatThrownBy(() -> run(CommandTemplate.DISK_USAGE))
                    .isExactlyInstanceOf(RemoteException.class)
                    .hasMessageContaining("lost while DISK_USAGE ran");
        }

        @Test
        @DisplayName("parallel calls from many threads each get their own session and result")
        void threadSafe() throws Exception {
            JschRemoteExecutor executor = SSH.executor();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<CommandResult>> futures = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    CommandTemplate template = i % 2 == 0 ? CommandTemplate.UPTIME : CommandTemplate.LOAD_AVERAGE;
                    futures.add(pool.submit(() -> executor.run(SSH.target(), template)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    CommandResult result = futures.get(i).get();
                    assertThat(result.succeeded()).isTrue();
                    assertThat(result.template())
                            .isEqualTo(i % 2 == 0 ? CommandTemplate.UPTIME : CommandTemplate.LOAD_AVERAGE);
                    assertThat(result.stdout().strip().split(" ")).hasSize(i % 2 == 0 ? 2 : 5);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(SSH.connectionCount()).isEqualTo(12);
        }
    }

    @Nested
    @DisplayName("arguments are validated before any connection")
    class ArgumentValidation {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"nginx; rm -rf /", "$(reboot)", "`reboot`", "nginx' || reboot '", "nginx\"",
            "nginx\nreboot", "nginx.service\n", "nginx service", "../../etc/passwd", "a|b", "a&b", "a>b", "",
            "ng*nx", "nginx\u0000"})
        @DisplayName("injection attempts are refused and nothing reaches the server")
        void injectionRefused(String unit) {
            JschRemoteExecutor executor = SSH.executor();

            assertThatThrownBy(() -> executor.run(SSH.target(), CommandTemplate.RESTART_SERVICE, unit))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RESTART_SERVICE")
                    .hasMessageContaining("systemd unit name");
            assertThat(SSH.connectionCount()).isZero();
            assertThat(SSH.executedCommands()).isEmpty();
        }

        @Test
        @DisplayName("a missing or extra argument is refused before any connection")
        void arity() {
            JschRemoteExecutor executor = SSH.executor();

            assertThatThrownBy(() -> executor.run(SSH.target(), CommandTemplate.RESTART_SERVICE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RESTART_SERVICE");
            assertThatThrownBy(() -> executor.run(SSH.target(), CommandTemplate.UPTIME, "now"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UPTIME");
            assertThat(SSH.connectionCount()).isZero();
        }
    }

    @Nested
    @DisplayName("host keys are pinned")
    class HostKeyPinning {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"EC_P256", "EC_P384", "EC_P521", "RSA_3072"})
        @DisplayName("the pinned key is accepted whatever its type")
        void pinnedKeyAccepted(String kind) {
            try (EmbeddedSshServer server = new EmbeddedSshServer(EmbeddedSshServer.KeyKind.valueOf(kind)).start()) {
                CommandResult result = server.executor().run(server.target(), CommandTemplate.UPTIME);

                assertThat(result.succeeded()).isTrue();
                assertThat(server.executedCommands()).containsExactly("cat /proc/uptime");
            }
        }

        @Test
        @DisplayName("a changed server key is refused before authentication: no command, both fingerprints named")
        void changedKeyRefused() {
            SshTarget pinned = SSH.target();
            String pinnedFingerprint = pinned.hostKeyFingerprint();
            String presented = SSH.rotateHostKey();

            HostKeyMismatchException failure = catchThrowableOfType(
                    () -> SSH.executor().run(pinned, CommandTemplate.UPTIME), HostKeyMismatchException.class);

            assertThat(failure).isNotNull().isInstanceOf(NonRetryable.class).isInstanceOf(RemoteException.class);
            assertThat(failure.getMessage()).contains("127.0.0.1", pinnedFingerprint, presented);
            assertThat(failure.pinnedFingerprint()).isEqualTo(pinnedFingerprint);
            assertThat(failure.presentedFingerprint()).isEqualTo(presented);
            assertThat(failure.presentedKeyType()).isEqualTo("ecdsa-sha2-nistp256");
            assertThat(failure.host()).isEqualTo("127.0.0.1");
            assertThat(failure.port()).isEqualTo(SSH.port());
            assertThat(SSH.connectionCount()).isEqualTo(1);
            assertThat(SSH.authenticationAttempts()).as("the client key is not even offered").isZero();
            assertThat(SSH.executedCommands()).isEmpty();
        }

        @Test
        @DisplayName("another well-formed fingerprint pinned: refused the same way")
        void otherFingerprintRefused() {
            String other = "SHA256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCY";

            assertThatThrownBy(() -> SSH.executor().run(SSH.targetPinning(other), CommandTemplate.LOAD_AVERAGE))
                    .isInstanceOf(HostKeyMismatchException.class)
                    .hasMessageContaining(other)
                    .hasMessageContaining(SSH.hostKeyFingerprint());
            assertThat(SSH.executedCommands()).isEmpty();
        }
    }

    @Nested
    @DisplayName("technical failures are retryable RemoteExceptions")
    class Failures {

        @Test
        @DisplayName("a client key the server does not know: RemoteAuthenticationException")
        void wrongClientKey() {
            Path stranger = EmbeddedSshServer.writeUnauthorizedKey(tempDir.resolve("id_stranger"));
            JschRemoteExecutor executor = new JschRemoteExecutor(SSH.clientSettings().withPrivateKey(stranger));

            assertThatThrownBy(() -> executor.run(SSH.target(), CommandTemplate.UPTIME))
                    .isInstanceOf(RemoteAuthenticationException.class)
                    .isNotInstanceOf(NonRetryable.class)
                    .hasMessageContaining(SSH.target().describe())
                    .hasMessageContaining("authorized_keys");
            assertThat(SSH.authenticationAttempts()).isPositive();
            assertThat(SSH.executedCommands()).isEmpty();
        }

        @Test
        @DisplayName("a closed port: UnreachableServerException")
        void closedPort() throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            SshTarget nowhere = new SshTarget("127.0.0.1", port, "ops", SSH.hostKeyFingerprint());

            assertThatThrownBy(() -> SSH.executor().run(nowhere, CommandTemplate.UPTIME))
                    .isInstanceOf(UnreachableServerException.class)
                    .isNotInstanceOf(NonRetryable.class)
                    .hasMessageContaining("127.0.0.1:" + port);
        }

        @Test
        @DisplayName("a peer that accepts TCP but never speaks SSH: UnreachableServerException at the connect timeout")
        void silentPeer() throws Exception {
            try (ServerSocket silent = new ServerSocket(0)) {
                Thread acceptor = new Thread(() -> {
                    try (Socket ignored = silent.accept()) {
                        Thread.sleep(5_000);
                    } catch (IOException | InterruptedException e) {
                        // test over
                    }
                });
                acceptor.setDaemon(true);
                acceptor.start();
                JschRemoteExecutor executor = new JschRemoteExecutor(
                        SSH.clientSettings().withConnectTimeout(Duration.ofMillis(500)));
                SshTarget target = new SshTarget("127.0.0.1", silent.getLocalPort(), "ops", SSH.hostKeyFingerprint());
                long started = System.nanoTime();

                assertThatThrownBy(() -> executor.run(target, CommandTemplate.UPTIME))
                        .isInstanceOf(UnreachableServerException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
                acceptor.interrupt();
            }
        }

        @Test
        @DisplayName("a command running past command-timeout: channel closed, CommandTimeoutException")
        void commandTimeout() throws InterruptedException {
            SSH.respond("df -P -k", CannedResponse.ok("never printed\n").after(Duration.ofSeconds(30)));
            JschRemoteExecutor executor = new JschRemoteExecutor(
                    SSH.clientSettings().withCommandTimeout(Duration.ofMillis(700)));
            long started = System.nanoTime();

            CommandTimeoutException failure = catchThrowableOfType(
                    () -> executor.run(SSH.target(), CommandTemplate.DISK_USAGE), CommandTimeoutException.class);

            assertThat(failure).isNotNull().isInstanceOf(RemoteException.class).isNotInstanceOf(NonRetryable.class);
            assertThat(failure.template()).isEqualTo(CommandTemplate.DISK_USAGE);
            assertThat(failure.timeout()).isEqualTo(Duration.ofMillis(700));
            assertThat(failure.getMessage()).contains("DISK_USAGE", "ops.remote.ssh.command-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> !SSH.interruptedCommands().isEmpty());
            assertThat(SSH.interruptedCommands()).as("the server saw the channel close").containsExactly("df -P -k");
        }

        @Test
        @DisplayName("a missing private key file: a RemoteException naming the file and the setting, no connection")
        void missingKey() {
            Path absent = tempDir.resolve("ssh/id_ed25519");
            JschRemoteExecutor executor = new JschRemoteExecutor(SSH.clientSettings().withPrivateKey(absent));

            assertThatThrownBy(() -> executor.run(SSH.target(), CommandTemplate.UPTIME))
                    .isExactlyInstanceOf(RemoteException.class)
                    .hasMessageContaining(absent.toString())
                    .hasMessageContaining("ops.remote.ssh.private-key");
            assertThat(SSH.connectionCount()).isZero();
        }

        @Test
        @DisplayName("a file that is no private key: a RemoteException that does not quote the file")
        void notAKey() throws IOException {
            Path garbage = Files.writeString(tempDir.resolve("id_garbage"), "not-a-key-SECRET-CONTENT\n");
            JschRemoteExecutor executor = new JschRemoteExecutor(SSH.clientSettings().withPrivateKey(garbage));

            assertThatThrownBy(() -> executor.run(SSH.target(), CommandTemplate.UPTIME))
                    .isExactlyInstanceOf(RemoteException.class)
                    .hasMessageContaining(garbage.toString())
                    .hasMessageNotContaining("SECRET-CONTENT")
                    .hasNoCause();
            assertThat(SSH.connectionCount()).isZero();
        }
    }

    @Nested
    @DisplayName("encrypted client keys")
    class Passphrases {

        @Test
        @DisplayName("the passphrase file's first line decrypts the key")
        void passphraseFile() throws IOException {
            Path key = SSH.writeClientKey(tempDir.resolve("id_encrypted"), "correct horse battery staple");
            Path passphrase = Files.writeString(tempDir.resolve("passphrase"), "correct horse battery staple\n");
            JschRemoteExecutor executor = new JschRemoteExecutor(
                    SSH.clientSettings().withPrivateKey(key).withPassphraseFile(passphrase));

            assertThat(executor.run(SSH.target(), CommandTemplate.UPTIME).succeeded()).isTrue();
        }

        @Test
        @DisplayName("a wrong passphrase: a RemoteException naming the setting, never the passphrase")
        void wrongPassphrase() throws IOException {
            Path key = SSH.writeClientKey(tempDir.resolve("id_encrypted"), "correct horse battery staple");
            Path passphrase = Files.writeString(tempDir.resolve("passphrase"), "Tr0ub4dor&3\n");
            JschRemoteExecutor executor = new JschRemoteExecutor(
                    SSH.clientSettings().withPrivateKey(key).withPassphraseFile(passphrase));

            assertThatThrownBy(() -> executor.run(SSH.target(), CommandTemplate.UPTIME))
                    .isExactlyInstanceOf(RemoteException.class)
                    .hasMessageContaining("ops.remote.ssh.passphrase-file")
                    .hasMessageNotContaining("Tr0ub4dor")
                    .hasMessageNotContaining("correct horse");
            assertThat(SSH.connectionCount()).isZero();
        }

        @Test
        @DisplayName("an encrypted key without passphrase file: a RemoteException saying which setting to set")
        void encryptedWithoutPassphrase() {
            Path key = SSH.writeClientKey(tempDir.resolve("id_encrypted"), "correct horse battery staple");
            JschRemoteExecutor executor = new JschRemoteExecutor(SSH.clientSettings().withPrivateKey(key));

            assertThatThrownBy(() -> executor.run(SSH.target(), CommandTemplate.UPTIME))
                    .isExactlyInstanceOf(RemoteException.class)
                    .hasMessageContaining("encrypted")
                    .hasMessageContaining("ops.remote.ssh.passphrase-file");
        }
    }

    @Nested
    @DisplayName("output limit (ops.remote.ssh.max-output)")
    class OutputLimit {

        @Test
        @DisplayName("output beyond 64 KiB is cut and the result says so")
        void defaultLimit() {
            String huge = "x".repeat(200 * 1024);
            SSH.respond("cat /proc/loadavg", 0, huge, "");

            CommandResult result = run(CommandTemplate.LOAD_AVERAGE);

            assertThat(result.succeeded()).isTrue();
            assertThat(result.outputTruncated()).isTrue();
            assertThat(result.stdout()).startsWith("x".repeat(64 * 1024) + "\n" + CommandResult.TRUNCATION_NOTICE)
                    .contains(String.valueOf(200 * 1024 - 64 * 1024), "ops.remote.ssh.max-output");
            assertThat(result.stderr()).isEmpty();
            assertThat(result.toString()).contains("truncated").doesNotContain("xxx");
        }

        @Test
        @DisplayName("real df output cut at a small limit keeps its beginning")
        void smallLimit() {
            JschRemoteExecutor executor = new JschRemoteExecutor(SSH.clientSettings().withMaxOutputBytes(16));

            CommandResult result = executor.run(SSH.target(), CommandTemplate.DISK_USAGE);

            assertThat(result.succeeded()).isTrue();
            assertThat(result.outputTruncated()).isTrue();
            assertThat(result.stdout()).startsWith("Filesystem").contains(CommandResult.TRUNCATION_NOTICE);
        }

        @Test
        @DisplayName("output exactly at the limit is complete")
        void atLimit() {
            String exact = "y".repeat(1000);
            SSH.respond("cat /proc/uptime", 0, exact, "");
            JschRemoteExecutor executor = new JschRemoteExecutor(SSH.clientSettings().withMaxOutputBytes(1000));

            CommandResult result = executor.run(SSH.target(), CommandTemplate.UPTIME);

            assertThat(result.outputTruncated()).isFalse();
            assertThat(result.stdout()).isEqualTo(exact);
        }

        @Test
        @DisplayName("UTF-8 output is decoded")
        void utf8() {
            String text = "échec du service « nginx » ✓\n";
            SSH.respond("cat /proc/uptime", 0, text, "");

            assertThat(run(CommandTemplate.UPTIME).stdout()).isEqualTo(text);
            assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(text.length());
        }
    }
}
