package fr.progerance.ops.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.InvertedShellWrapper;
import org.apache.sshd.server.shell.ProcessShell;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real SSH server for tests (Apache MINA SSHD on 127.0.0.1, random port): the peer DESIGN rule 10
 * asks for. It has its own generated host key, accepts exactly one generated client key for the
 * user {@value #USER} by public key, and runs every command line for real with {@code /bin/sh -c}
 * as the test process's user, so templates such as {@code cat /proc/loadavg} or {@code df -P -k}
 * give this machine's true output and exit status.
 *
 * <p><b>Canned responses</b> ({@link #respond}) stand in for <em>programs the test machine lacks or
 * must not run</em> ({@code systemctl --failed ...}, {@code sudo -n systemctl restart ...}): the SSH
 * protocol, host key check, authentication, channel, exit status and streams stay real, only the
 * server-side program is simulated. A command line without a canned response runs for real.
 *
 * <p>Use it as a JUnit 5 extension on a <b>static</b> field, which starts the server before all
 * tests and stops it after them; before each test it forgets canned responses and recordings and
 * restores the original host key:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedSshServer SSH = new EmbeddedSshServer();
 *
 * @Test
 * void diagnoses() {
 *     SSH.respond(CommandTemplate.FAILED_SERVICES.commandLine(), 0, "nginx.service loaded failed failed nginx\n", "");
 *     CommandResult result = SSH.executor().run(SSH.target(), CommandTemplate.FAILED_SERVICES);
 * }
 * }</pre>
 *
 * Or by hand: {@code new EmbeddedSshServer().start()} ... {@link #close()}.
 *
 * <p>Spring tests point the application at it with {@code ops.remote.ssh.private-key} =
 * {@link #clientKeyPath()} (the same file for every server of the JVM, so cached contexts stay
 * valid), e.g. {@code registry.add("ops.remote.ssh.private-key", () -> SSH.clientKeyPath().toString())}
 * in a {@code @DynamicPropertySource}, and build the server's register entry from {@link #host()},
 * {@link #port()}, {@link #user()} and {@link #hostKeyFingerprint()}, which differ per server.
 */
public final class EmbeddedSshServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AutoCloseable {

    /** The only login the server accepts. */
    public static final String USER = "ops";

    /** Key types for the server's host key and for generated client keys. */
    public enum KeyKind {
        EC_P256, EC_P384, EC_P521, RSA_3072;

        /** A fresh key pair of this kind (Ed25519 would need Bouncy Castle on the server side). */
        public KeyPair generate() {
            try {
                if (this == RSA_3072) {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(3072);
                    return generator.generateKeyPair();
                }
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                String curve = switch (this) {
                    case EC_P256 -> "secp256r1";
                    case EC_P384 -> "secp384r1";
                    default -> "secp521r1";
                };
                generator.initialize(new ECGenParameterSpec(curve));
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate a " + this + " key", e);
            }
        }
    }

    /**
     * What a simulated server program does.
     *
     * @param exitStatus its exit status
     * @param stdout what it prints on standard output
     * @param stderr what it prints on standard error
     * @param delay how long it works before printing and exiting (a hung program: long delay)
     * @param dropsConnection whether, instead of exiting, it takes the whole SSH connection down
     *     after printing (what {@code systemctl reboot} does to the session)
     */
    public record CannedResponse(int exitStatus, String stdout, String stderr, Duration delay,
            boolean dropsConnection) {

        public CannedResponse {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
            Objects.requireNonNull(delay, "delay");
        }

        public CannedResponse(int exitStatus, String stdout, String stderr, Duration delay) {
            this(exitStatus, stdout, stderr, delay, false);
        }

        /** Exit 0 with this standard output, at once. */
        public static CannedResponse ok(String stdout) {
            return new CannedResponse(0, stdout, "", Duration.ZERO);
        }

        /** Prints nothing and drops the SSH connection without an exit status, as a reboot does. */
        public static CannedResponse dropConnection() {
            return new CannedResponse(0, "", "", Duration.ZERO, true);
        }

        /** The same response after a delay. */
        public CannedResponse after(Duration wait) {
            return new CannedResponse(exitStatus, stdout, stderr, wait, dropsConnection);
        }
    }

    private final KeyKind hostKeyKind;
    private final KeyPair originalHostKey;
    private final AtomicReference<KeyPair> hostKey = new AtomicReference<>();
    private final Map<String, CannedResponse> responses = new ConcurrentHashMap<>();
    private final List<String> executedCommands = new CopyOnWriteArrayList<>();
    private final List<String> interruptedCommands = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger authenticationAttempts = new AtomicInteger();
    private final Map<String, String> environment = new ConcurrentHashMap<>();
    private SshServer server;

    /** A server with an ECDSA P-256 host key (the client key is always RSA 3072, see {@link #clientKeyPath()}). */
    public EmbeddedSshServer() {
        this(KeyKind.EC_P256);
    }

    public EmbeddedSshServer(KeyKind hostKeyKind) {
        this.hostKeyKind = Objects.requireNonNull(hostKeyKind);
        this.originalHostKey = hostKeyKind.generate();
        this.hostKey.set(originalHostKey);
    }

    // --- life cycle ------------------------------------------------------------------------------

    /** Starts the server if it is not running; returns this. */
    public synchronized EmbeddedSshServer start() {
        if (server != null) {
            return this;
        }
        clientKeyPath(); // written now, before anything connects with it
        try {
            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost("127.0.0.1");
            sshd.setPort(0);
            sshd.setKeyPairProvider(new CurrentHostKey());
            sshd.setPasswordAuthenticator(null);
            sshd.setKeyboardInteractiveAuthenticator(null);
            sshd.setGSSAuthenticator(null);
            sshd.setHostBasedAuthenticator(null);
            sshd.setPublickeyAuthenticator((username, key, session) -> {
                authenticationAttempts.incrementAndGet();
                return USER.equals(username) && KeyUtils.compareKeys(key, SharedClientKey.KEY.getPublic());
            });
            sshd.setCommandFactory(new RecordingCommandFactory());
            sshd.addSessionListener(new SessionListener() {
                @Override
                public void sessionCreated(Session session) {
                    connections.incrementAndGet();
                }
            });
            sshd.start();
            server = sshd;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded SSH server", e);
        }
    }

    /** Stops the server and deletes its temporary files. */
    public synchronized void stop() {
        try {
            if (server != null) {
                server.stop(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Forgets canned responses and recordings, restores the original host key. */
    public void reset() {
        responses.clear();
        executedCommands.clear();
        interruptedCommands.clear();
        connections.set(0);
        authenticationAttempts.set(0);
        hostKey.set(originalHostKey);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    // --- where and who ---------------------------------------------------------------------------

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return running().getPort();
    }

    public String user() {
        return USER;
    }

    /** The SHA-256 fingerprint of the host key the server presents now, as {@code ssh-keygen -lf} prints it. */
    public String hostKeyFingerprint() {
        return fingerprint(hostKey.get().getPublic());
    }

    public KeyKind hostKeyKind() {
        return hostKeyKind;
    }

    /**
     * The accepted client key, an unencrypted OpenSSH private key file. The same key and file for
     * every server of the test JVM, so a cached Spring context keeps a valid
     * {@code ops.remote.ssh.private-key} from one test class to the next.
     */
    public Path clientKeyPath() {
        return SharedClientKey.FILE;
    }

    /** This server with its current host key pinned. */
    public SshTarget target() {
        return new SshTarget(host(), port(), USER, hostKeyFingerprint());
    }

    /** This server with another fingerprint pinned. */
    public SshTarget targetPinning(String fingerprint) {
        return new SshTarget(host(), port(), USER, fingerprint);
    }

    /** Client settings with the accepted key and short timeouts (5 s connect, 10 s command), 64 KiB output. */
    public SshClientSettings clientSettings() {
        return SshClientSettings.withKey(clientKeyPath())
                .withConnectTimeout(Duration.ofSeconds(5))
                .withCommandTimeout(Duration.ofSeconds(10));
    }

    /** An executor with {@link #clientSettings()}. */
    public JschRemoteExecutor executor() {
        return new JschRemoteExecutor(clientSettings());
    }

    // --- simulated programs and recordings -------------------------------------------------------

    /** Simulates the server program for this exact command line (see the class comment). */
    public EmbeddedSshServer respond(String commandLine, int exitStatus, String stdout, String stderr) {
        return respond(commandLine, new CannedResponse(exitStatus, stdout, stderr, Duration.ZERO));
    }

    public EmbeddedSshServer respond(String commandLine, CannedResponse response) {
        responses.put(Objects.requireNonNull(commandLine), Objects.requireNonNull(response));
        return this;
    }

    /**
     * Sets an environment variable for the real commands (not for canned responses), on top of this
     * JVM's environment: e.g. {@code HOME} pointing to a directory whose {@code .my.cnf} reaches the
     * test MariaDB, or a {@code PATH} with a directory of stand-in scripts first. Kept by {@link #reset()}
     * (set it once per test class); {@link #clearEnvironment()} forgets it. Without any, real commands
     * run exactly as before.
     */
    public EmbeddedSshServer environment(String name, String value) {
        environment.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    /** Puts a directory first on the {@code PATH} of the real commands (see {@link #environment}). */
    public EmbeddedSshServer prependPath(Path directory) {
        String current = environment.getOrDefault("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return environment("PATH", directory.toAbsolutePath() + ":" + current);
    }

    /** Forgets the variables given with {@link #environment}. */
    public EmbeddedSshServer clearEnvironment() {
        environment.clear();
        return this;
    }

    /**
     * Drops every open SSH connection at once, as a network failure or a crashed server would: running
     * commands lose their channel and the client gets no exit status. The server keeps listening.
     */
    public void dropConnections() {
        for (var session : running().getActiveSessions()) {
            session.close(true);
        }
    }

    /** Every command line the server was asked to run since the last reset, in order. */
    public List<String> executedCommands() {
        return List.copyOf(executedCommands);
    }

    /** Command lines whose simulated program was stopped before it finished (channel closed by the client). */
    public List<String> interruptedCommands() {
        return List.copyOf(interruptedCommands);
    }

    /** SSH sessions opened since the last reset (a TCP connection that started the protocol). */
    public int connectionCount() {
        return connections.get();
    }

    /** Public keys offered or used for authentication since the last reset. */
    public int authenticationAttempts() {
        return authenticationAttempts.get();
    }

    /**
     * Replaces the host key by a new one of the same kind, as a reinstalled server (or an impostor)
     * would present. Returns the new fingerprint. {@link #reset()} restores the original key.
     */
    public String rotateHostKey() {
        hostKey.set(hostKeyKind.generate());
        return hostKeyFingerprint();
    }

    // --- key files -------------------------------------------------------------------------------

    /** Writes the accepted client key to a file, encrypted with the passphrase if one is given. */
    public Path writeClientKey(Path file, String passphrase) {
        return writeKey(SharedClientKey.KEY, file, passphrase);
    }

    /** Writes a newly generated key the server does not accept. */
    public static Path writeUnauthorizedKey(Path file) {
        return writeKey(KeyKind.RSA_3072.generate(), file, null);
    }

    /** Writes a private key in OpenSSH format ({@code -----BEGIN OPENSSH PRIVATE KEY-----}). */
    public static Path writeKey(KeyPair key, Path file, String passphrase) {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setPassword(passphrase);
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
            encryption.setCipherMode("CTR");
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "ops-engine-test", encryption, out);
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write a key to " + file, e);
        }
    }

    /** The SSH wire encoding of a public key (the base64 part of a {@code .pub} line). */
    public static byte[] publicKeyBlob(PublicKey key) {
        ByteArrayBuffer buffer = new ByteArrayBuffer();
        buffer.putRawPublicKey(key);
        return buffer.getCompactData();
    }

    /** The fingerprint of a public key, computed by {@link HostKeys}. */
    public static String fingerprint(PublicKey key) {
        return HostKeys.sha256Fingerprint(publicKeyBlob(key));
    }

    // --- internals -------------------------------------------------------------------------------

    private SshServer running() {
        SshServer current = server;
        if (current == null) {
            throw new IllegalStateException("the embedded SSH server is not started");
        }
        return current;
    }

    /**
     * One RSA client key for the whole test JVM, written to {@code target/test-ssh/id_client} (the
     * test profile's {@code ops.remote.ssh.private-key}), so the shared Spring context finds it.
     */
    private static final class SharedClientKey {

        static final KeyPair KEY = KeyKind.RSA_3072.generate();
        static final Path FILE = write();

        private static Path write() {
            try {
                Path directory = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target", "test-ssh"));
                return writeKey(KEY, directory.resolve("id_client"), null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the test client key", e);
            }
        }
    }

    /** Presents whatever host key is current, so that {@link #rotateHostKey()} works on a running server. */
    private final class CurrentHostKey implements KeyPairProvider {
        @Override
        public Iterable<KeyPair> loadKeys(SessionContext session) {
            return List.of(hostKey.get());
        }
    }

    private final class RecordingCommandFactory implements CommandFactory {
        @Override
        public Command createCommand(ChannelSession channel, String command) throws IOException {
            executedCommands.add(command);
            CannedResponse canned = responses.get(command);
            if (canned != null) {
                return new CannedCommand(command, canned);
            }
            Map<String, String> extra = Map.copyOf(environment);
            if (extra.isEmpty()) {
                return new ProcessShellFactory(command, List.of("/bin/sh", "-c", command)).createShell(channel);
            }
            return new InvertedShellWrapper(new ProcessShell(List.of("/bin/sh", "-c", command)) {
                @Override
                protected Map<String, String> resolveShellEnvironment(Map<String, String> env) {
                    Map<String, String> merged = new java.util.HashMap<>(super.resolveShellEnvironment(env));
                    merged.putAll(extra);
                    return merged;
                }
            });
        }
    }

    /** A simulated server program: waits, prints, exits; stops early if the client closes the channel. */
    private final class CannedCommand implements Command {

        private final String commandLine;
        private final CannedResponse response;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Thread worker;
        private volatile ChannelSession channel;

        CannedCommand(String commandLine, CannedResponse response) {
            this.commandLine = commandLine;
            this.response = response;
        }

        @Override
        public void setInputStream(InputStream in) {
            // simulated programs read nothing
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            this.channel = channel;
            Thread thread = new Thread(this::work, "canned " + commandLine);
            thread.setDaemon(true);
            worker = thread;
            thread.start();
        }

        private void work() {
            try {
                if (!response.delay().isZero()) {
                    Thread.sleep(response.delay().toMillis());
                }
                out.write(response.stdout().getBytes(StandardCharsets.UTF_8));
                out.flush();
                err.write(response.stderr().getBytes(StandardCharsets.UTF_8));
                err.flush();
                if (response.dropsConnection()) {
                    channel.getSession().close(true);
                } else {
                    exit.onExit(response.exitStatus());
                }
            } catch (InterruptedException e) {
                interruptedCommands.add(commandLine);
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                interruptedCommands.add(commandLine);
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            Thread thread = worker;
            if (thread != null && thread.isAlive()) {
                thread.interrupt();
            }
        }
    }
}
