package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RemoteStreams} over a real SSH server (R3.6-b, R3.6-d). The server runs the templates' command
 * lines for real; stand-in scripts named {@code mysqldump} and {@code mysql}, first on its PATH, play
 * the server programs (the database name picks their behaviour), so the transport is tested on its own.
 */
@DisplayName("Streaming over SSH: backups out of a server, restores into it (R3.6-b, R3.6-d)")
class RemoteStreamsTest {

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @TempDir
    static Path dir;

    private static final int BIG = 8 * 1024 * 1024 + 123;
    private static byte[] big;

    @BeforeAll
    static void standIns() throws IOException {
        big = new byte[BIG];
        new Random(42).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("mysqldump"), """
                for db; do :; done
                case "$db" in
                  big) exec cat "$STREAM_DIR/big.bin" ;;
                  failing) printf 'partial\\n'; echo "mysqldump: Got error: 1049: Unknown database" >&2; exit 2 ;;
                  stalling) printf 'x'; exec sleep 30 ;;
                  dropping) printf 'partial\\n'; touch "$STREAM_DIR/dropping.started"; exec sleep 60 ;;
                  *) echo "unexpected $db" >&2; exit 99 ;;
                esac
                """);
        script(bin.resolve("mysql"), """
                for db; do :; done
                case "$db" in
                  sink) exec cat > "$STREAM_DIR/received.bin" ;;
                  rejecting) cat > /dev/null; echo "ERROR 1064 (42000) at line 1: syntax error" >&2; exit 1 ;;
                  rejecting_early) head -c 1000 > /dev/null; exit 1 ;;
                  *) echo "unexpected $db" >&2; exit 99 ;;
                esac
                """);
        SSH.start().prependPath(bin).environment("STREAM_DIR", dir.toString());
    }

    static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static JschRemoteExecutor executor() {
        return SSH.executor();
    }

    @Test
    @DisplayName("R3.6-b pipeFrom: a multi-megabyte stream arrives byte for byte, exit status 0")
    void pipeFromCopiesEveryByte() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        StreamResult result = executor().pipeFrom(SSH.target(), StreamTemplate.DUMP_DATABASE, sink, "big");

        assertThat(result.exitStatus()).isZero();
        assertThat(result.bytes()).isEqualTo(BIG);
        assertThat(sha256(sink.toByteArray())).isEqualTo(sha256(big));
        assertThat(result.stderr()).isEmpty();
        assertThat(SSH.executedCommands()).containsExactly(StreamTemplate.DUMP_DATABASE.commandLine("big"));
    }

    @Test
    @DisplayName("R3.6-d pipeTo: a multi-megabyte stream reaches the command's input byte for byte, then EOF")
    void pipeToCopiesEveryByteThenEndOfInput() throws IOException {
        StreamResult result = executor().pipeTo(SSH.target(), StreamTemplate.LOAD_DATABASE,
                new java.io.ByteArrayInputStream(big), "sink");

        assertThat(result.exitStatus()).isZero(); // cat ended: it saw the end of its input
        assertThat(result.bytes()).isEqualTo(BIG);
        assertThat(sha256(Files.readAllBytes(dir.resolve("received.bin")))).isEqualTo(sha256(big));
    }

    @Test
    @DisplayName("a non-zero exit status and the standard error are reported, the stdout received counted")
    void failureReported() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        StreamResult result = executor().pipeFrom(SSH.target(), StreamTemplate.DUMP_DATABASE, sink, "failing");

        assertThat(result.exitStatus()).isEqualTo(2);
        assertThat(result.stderr()).contains("Got error: 1049");
        assertThat(result.bytes()).isEqualTo("partial\n".length());
    }

    @Test
    @DisplayName("R3.6-d pipeTo: a command that fails reports its exit status and standard error")
    void pipeToRemoteFailure() {
        StreamResult result = executor().pipeTo(SSH.target(), StreamTemplate.LOAD_DATABASE,
                new java.io.ByteArrayInputStream(big), "rejecting");

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.stderr()).contains("ERROR 1064");
    }

    @Test
    @DisplayName("R3.6-d pipeTo: a command that exits before the end of its input reports its exit status")
    void pipeToRemoteEndsEarly() {
        // (The embedded server drops the standard error of a process whose input broke: not checked here.)
        StreamResult result = executor().pipeTo(SSH.target(), StreamTemplate.LOAD_DATABASE,
                new java.io.ByteArrayInputStream(big), "rejecting_early");

        assertThat(result.exitStatus()).isEqualTo(1);
    }

    @Test
    @DisplayName("a stream that moves no byte for the idle timeout fails with CommandTimeoutException")
    void idleTimeout() {
        JschRemoteExecutor impatient = new JschRemoteExecutor(SSH.clientSettings()
                .withStreamIdleTimeout(Duration.ofMillis(500)));

        assertThatThrownBy(() -> impatient.pipeFrom(SSH.target(), StreamTemplate.DUMP_DATABASE,
                OutputStream.nullOutputStream(), "stalling"))
                .isInstanceOfSatisfying(CommandTimeoutException.class, e -> {
                    assertThat(e.streamTemplate()).isEqualTo(StreamTemplate.DUMP_DATABASE);
                    assertThat(e.getMessage()).contains("stream-idle-timeout");
                });
    }

    @Test
    @DisplayName("a stream has no total timeout: it may outlast the command timeout while bytes flow")
    void noTotalTimeout() {
        JschRemoteExecutor shortCommands = new JschRemoteExecutor(SSH.clientSettings()
                .withCommandTimeout(Duration.ofMillis(1)));

        StreamResult result = shortCommands.pipeFrom(SSH.target(), StreamTemplate.DUMP_DATABASE,
                OutputStream.nullOutputStream(), "big");

        assertThat(result.exitStatus()).isZero();
        assertThat(result.bytes()).isEqualTo(BIG);
    }

    @Test
    @DisplayName("a connection dropped mid-stream gives no exit status")
    void droppedConnection() throws Exception {
        Files.deleteIfExists(dir.resolve("dropping.started"));
        CompletableFuture<StreamResult> stream = CompletableFuture.supplyAsync(() -> executor().pipeFrom(SSH.target(),
                StreamTemplate.DUMP_DATABASE, OutputStream.nullOutputStream(), "dropping"));
        awaitFile(dir.resolve("dropping.started"));

        SSH.dropConnections();

        assertThat(stream.get(30, TimeUnit.SECONDS).exitStatus()).isEqualTo(CommandResult.NO_EXIT_STATUS);
    }

    @Test
    @DisplayName("a sink that fails stops the remote command and raises RemoteException with the cause")
    void failingSink() {
        OutputStream sink = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 1024 * 1024) {
                    throw new IOException("disk full");
                }
            }
        };

        assertThatThrownBy(() -> executor().pipeFrom(SSH.target(), StreamTemplate.DUMP_DATABASE, sink, "big"))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("could not be written here")
                .hasRootCauseMessage("disk full");
    }

    @Test
    @DisplayName("R3.6-d pipeTo: a source that fails stops the remote command without end of input")
    void failingSource() {
        InputStream source = new InputStream() {
            private int given;

            @Override
            public int read() throws IOException {
                if (given++ > 100_000) {
                    throw new IOException("restic dump died");
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> executor().pipeTo(SSH.target(), StreamTemplate.LOAD_DATABASE, source, "sink"))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("without end of input")
                .hasRootCauseMessage("restic dump died");
    }

    @Test
    @DisplayName("DESIGN rule 8: a bad argument or a template of the wrong direction is refused before connecting")
    void refusedBeforeConnecting() {
        assertThatThrownBy(() -> executor().pipeFrom(SSH.target(), StreamTemplate.DUMP_DATABASE,
                OutputStream.nullOutputStream(), "shop; rm -rf /")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> executor().pipeTo(SSH.target(), StreamTemplate.EXTRACT_ARCHIVE,
                InputStream.nullInputStream(), "/var/www/../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> executor().pipeFrom(SSH.target(), StreamTemplate.LOAD_DATABASE,
                OutputStream.nullOutputStream(), "shop")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pipeFrom needs a template that streams OUT");

        assertThat(SSH.connectionCount()).isZero();
    }

    @Test
    @DisplayName("DESIGN rule 8: a stream to a server with another host key is refused, never retried, nothing runs")
    void hostKeyMismatch() {
        String other = new EmbeddedSshServer().hostKeyFingerprint();

        assertThatThrownBy(() -> executor().pipeFrom(SSH.targetPinning(other), StreamTemplate.DUMP_DATABASE,
                OutputStream.nullOutputStream(), "big"))
                .isInstanceOf(HostKeyMismatchException.class)
                .isInstanceOf(NonRetryable.class);
        assertThat(SSH.executedCommands()).isEmpty();
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stand-in script never started: no " + file);
            }
            Thread.sleep(20);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
