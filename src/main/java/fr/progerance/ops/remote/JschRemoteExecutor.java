package fr.progerance.ops.remote;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs command templates over SSH with JSch, one session per call, and streams backups and restores
 * ({@link RemoteStreams}) through the same connection code.
 *
 * <ul>
 *   <li>DESIGN rule 8: strict host key checking on every connection, against the target's pinned
 *       SHA-256 fingerprint only ({@link PinnedHostKeyRepository}); no {@code known_hosts} file is
 *       read or written. A different key stops the handshake before authentication and raises
 *       {@link HostKeyMismatchException}.</li>
 *   <li>Public key authentication only, with the key file of {@code ops.remote.ssh.private-key}
 *       (read for each call, so replacing the file needs no restart). Modern algorithms only: no
 *       SHA-1 signatures or MACs, no CBC ciphers, no host certificates; key exchange is JSch's
 *       default list (curve25519, ECDH, DH group exchange with SHA-256, and the post-quantum hybrid
 *       where the Java runtime supports it).</li>
 *   <li>No terminal, empty standard input, output bounded per stream, a command timeout that closes
 *       the channel.</li>
 *   <li>Logs the target, the template, the exit status and the duration; never the output, the
 *       key or the passphrase.</li>
 * </ul>
 *
 * Thread-safe: every call builds its own {@link JSch} instance; the settings are immutable.
 */
@Component
public class JschRemoteExecutor implements RemoteExecutor, RemoteStreams {

    /** Host key algorithms offered to the server; any key type a pinned fingerprint may designate. */
    static final String HOST_KEY_ALGORITHMS = "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
            + "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256";

    /** Signature algorithms for the client key (ssh-rsa with SHA-1 is not among them). */
    static final String CLIENT_KEY_ALGORITHMS = HOST_KEY_ALGORITHMS;

    /** Authenticated encryption first, then CTR with an encrypt-then-MAC SHA-2 MAC. */
    static final String CIPHERS = "aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr";

    static final String MACS = "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,"
            + "hmac-sha2-512";

    private static final Logger log = LoggerFactory.getLogger(JschRemoteExecutor.class);
    private static final com.jcraft.jsch.Logger JSCH_LOG = new JschLogBridge();
    private static final long MAX_POLL_MILLIS = 50;
    private static final int STREAM_BUFFER = 64 * 1024;

    private final SshClientSettings settings;

    /** The application's executor: {@code ops.remote.ssh.*}, relative paths against {@code ops.data-dir}. */
    @Autowired
    public JschRemoteExecutor(RemoteSshProperties properties, @Value("${ops.data-dir:./data}") String dataDir) {
        this(properties.resolve(Path.of(dataDir)));
    }

    public JschRemoteExecutor(SshClientSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (Files.isRegularFile(settings.privateKey())) {
            log.info("SSH client key {}, connect timeout {}, command timeout {}, max output {} bytes per stream,"
                    + " stream idle timeout {}", settings.privateKey(), settings.connectTimeout(),
                    settings.commandTimeout(), settings.maxOutputBytes(), settings.streamIdleTimeout());
        } else {
            log.warn("No SSH private key at {} ({}.private-key): remote commands will fail until the file exists",
                    settings.privateKey(), RemoteSshProperties.PREFIX);
        }
    }

    public SshClientSettings settings() {
        return settings;
    }

    @Override
    public CommandResult run(SshTarget target, CommandTemplate template, String... args) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(template, "template");
        String commandLine = template.commandLine(args); // validates before anything touches the network
        long started = System.nanoTime();
        return withSession(target, template, started, session -> {
            CommandResult result = execute(session, target, template, commandLine, started);
            log.info("SSH {} on {}: exit status {} in {} ms (stdout {} chars, stderr {} chars{})", template,
                    target.describe(), result.exitStatus(), result.took().toMillis(), result.stdout().length(),
                    result.stderr().length(), result.outputTruncated() ? ", truncated" : "");
            return result;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>JSch's session thread writes the remote standard output straight into {@code sink} (a slow
     * sink slows the remote command down through the SSH window, nothing piles up here); standard
     * error is kept up to {@code ops.remote.ssh.max-output}. No total timeout: the stream fails with
     * {@link CommandTimeoutException} when no byte arrived for {@code ops.remote.ssh.stream-idle-timeout}.
     * A failing sink stops the remote command and raises a {@link RemoteException} whose cause is the
     * sink's exception. The data is never logged.
     */
    @Override
    public StreamResult pipeFrom(SshTarget target, StreamTemplate template, OutputStream sink, String... args) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(sink, "sink");
        requireDirection(template, StreamTemplate.Direction.OUT, "pipeFrom");
        String commandLine = template.commandLine(args);
        long started = System.nanoTime();
        return withSession(target, template, started, session -> logged(target,
                streamOut(session, target, template, commandLine, sink, started)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>A thread of this call copies {@code source} into the remote standard input and sends EOF at
     * the source's end; the calling thread watches the channel. No total timeout: the stream fails
     * with {@link CommandTimeoutException} when no byte went either way for
     * {@code ops.remote.ssh.stream-idle-timeout}. A source that fails stops the remote command without
     * sending EOF (the command never sees a clean end of input) and raises a {@link RemoteException}
     * whose cause is the source's exception. The source is not closed.
     */
    @Override
    public StreamResult pipeTo(SshTarget target, StreamTemplate template, InputStream source, String... args) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(source, "source");
        requireDirection(template, StreamTemplate.Direction.IN, "pipeTo");
        String commandLine = template.commandLine(args);
        long started = System.nanoTime();
        return withSession(target, template, started, session -> logged(target,
                streamIn(session, target, template, commandLine, source, started)));
    }

    private static void requireDirection(StreamTemplate template, StreamTemplate.Direction direction, String call) {
        if (template.direction() != direction) {
            throw new IllegalArgumentException(template + " streams " + template.direction() + ", " + call
                    + " needs a template that streams " + direction);
        }
    }

    private static StreamResult logged(SshTarget target, StreamResult result) {
        log.info("SSH stream {} on {}: exit status {} in {} ms ({} bytes, stderr {} chars)", result.template(),
                target.describe(), result.exitStatus(), result.took().toMillis(), result.bytes(),
                result.stderr().length());
        return result;
    }

    /** Connects with the pinned host key, runs the work, disconnects; logs and rethrows failures. */
    private <T> T withSession(SshTarget target, Object template, long started, Function<Session, T> work) {
        PinnedHostKeyRepository hostKeys = new PinnedHostKeyRepository(target.hostKeyFingerprint());
        JSch jsch = new JSch();
        jsch.setInstanceLogger(JSCH_LOG);
        jsch.setHostKeyRepository(hostKeys);
        Session session = null;
        try {
            loadIdentity(jsch);
            session = connect(jsch, target, hostKeys);
            return work.apply(session);
        } catch (HostKeyMismatchException e) {
            log.error("SSH {} on {} refused: {}", template, target.describe(), e.getMessage());
            throw e;
        } catch (RemoteException e) {
            log.warn("SSH {} on {} failed after {} ms: {}", template, target.describe(), millisSince(started),
                    e.getMessage());
            throw e;
        } finally {
            if (session != null) {
                session.disconnect();
            }
            clearIdentities(jsch);
        }
    }

    // --- client identity -------------------------------------------------------------------------

    private void loadIdentity(JSch jsch) {
        Path keyFile = settings.privateKey();
        if (!Files.isRegularFile(keyFile)) {
            throw new RemoteException("No SSH private key file at " + keyFile + " (setting "
                    + RemoteSshProperties.PREFIX + ".private-key, default ${ops.data-dir}/"
                    + RemoteSshProperties.DEFAULT_PRIVATE_KEY + "): install the engine's client key there");
        }
        byte[] key = null;
        byte[] passphrase = null;
        try {
            key = Files.readAllBytes(keyFile);
            passphrase = readPassphrase();
            jsch.addIdentity(keyFile.toString(), key, null, passphrase);
        } catch (IOException e) {
            throw new RemoteException("Cannot read the SSH private key file " + keyFile + " (setting "
                    + RemoteSshProperties.PREFIX + ".private-key): " + e.getClass().getSimpleName(), e);
        } catch (JSchException e) {
            // No cause attached: parser messages may quote the file's content.
            throw new RemoteException("The SSH private key file " + keyFile + " (setting " + RemoteSshProperties.PREFIX
                    + ".private-key) cannot be used: not a private key in OpenSSH, PEM or PKCS#8 format"
                    + (settings.passphraseFile() == null ? ""
                            : ", or the passphrase in " + settings.passphraseFile() + " (setting "
                                    + RemoteSshProperties.PREFIX + ".passphrase-file) does not decrypt it"));
        } finally {
            wipe(key);
            wipe(passphrase);
        }
        List<Identity> identities = jsch.getIdentityRepository().getIdentities();
        if (identities.stream().anyMatch(Identity::isEncrypted)) {
            throw new RemoteException(settings.passphraseFile() == null
                    ? "The SSH private key file " + keyFile + " is encrypted: set " + RemoteSshProperties.PREFIX
                            + ".passphrase-file to a file holding its passphrase"
                    : "The passphrase in " + settings.passphraseFile() + " (setting " + RemoteSshProperties.PREFIX
                            + ".passphrase-file) does not decrypt the SSH private key file " + keyFile);
        }
    }

    /** The first line of the passphrase file, or null without one. */
    private byte[] readPassphrase() throws IOException {
        Path file = settings.passphraseFile();
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new RemoteException("No passphrase file at " + file + " (setting " + RemoteSshProperties.PREFIX
                    + ".passphrase-file)");
        }
        byte[] content = Files.readAllBytes(file);
        try {
            int end = 0;
            while (end < content.length && content[end] != '\n' && content[end] != '\r') {
                end++;
            }
            return Arrays.copyOf(content, end);
        } finally {
            wipe(content);
        }
    }

    private static void clearIdentities(JSch jsch) {
        try {
            jsch.removeAllIdentity();
        } catch (JSchException | RuntimeException e) {
            log.debug("Could not clear the SSH identities: {}", e.getClass().getSimpleName());
        }
    }

    private static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }

    // --- session ---------------------------------------------------------------------------------

    private Session connect(JSch jsch, SshTarget target, PinnedHostKeyRepository hostKeys) {
        Session session = null;
        try {
            session = jsch.getSession(target.user(), target.host(), target.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("HashKnownHosts", "no");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setConfig("server_host_key", HOST_KEY_ALGORITHMS);
            session.setConfig("PubkeyAcceptedAlgorithms", CLIENT_KEY_ALGORITHMS);
            session.setConfig("cipher.c2s", CIPHERS);
            session.setConfig("cipher.s2c", CIPHERS);
            session.setConfig("mac.c2s", MACS);
            session.setConfig("mac.s2c", MACS);
            session.setConfig("compression.c2s", "none");
            session.setConfig("compression.s2c", "none");
            session.setConfig("ClearAllForwardings", "yes");
            // Detects a dead connection while a command runs: keep-alive after this much silence.
            session.setServerAliveInterval(settings.connectTimeoutMillis());
            session.setServerAliveCountMax(3);
            session.connect(settings.connectTimeoutMillis());
            return session;
        } catch (JSchException e) {
            if (session != null) {
                session.disconnect();
            }
            throw translateConnectFailure(e, target, hostKeys);
        }
    }

    private RemoteException translateConnectFailure(JSchException e, SshTarget target,
            PinnedHostKeyRepository hostKeys) {
        if (hostKeys.mismatched()) {
            return new HostKeyMismatchException(target.host(), target.port(), hostKeys.pinnedFingerprint(),
                    hostKeys.presentedFingerprint(), hostKeys.presentedKeyType());
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            return new RemoteAuthenticationException("SSH server " + target.describe()
                    + " refused the engine's client key " + settings.privateKey() + " (" + message
                    + "): add its public key to the user's authorized_keys", e);
        }
        if (isNetworkFailure(e) || message.startsWith("timeout: socket is not established")
                || message.startsWith("connection is closed by foreign host")) {
            return new UnreachableServerException("SSH server " + target.describe() + " unreachable within "
                    + settings.connectTimeout() + ": " + message, e);
        }
        return new RemoteException("SSH connection to " + target.describe() + " failed: " + message, e);
    }

    private static boolean isNetworkFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof SocketTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof EOFException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    // --- command ---------------------------------------------------------------------------------

    private CommandResult execute(Session session, SshTarget target, CommandTemplate template, String commandLine,
            long started) {
        ChannelExec channel = null;
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(commandLine.getBytes(StandardCharsets.UTF_8));
            channel.setPty(false);
            channel.setInputStream(new ByteArrayInputStream(new byte[0])); // stdin at EOF: nothing can wait on it
            BoundedOutput stdout = new BoundedOutput(settings.maxOutputBytes());
            BoundedOutput stderr = new BoundedOutput(settings.maxOutputBytes());
            channel.setOutputStream(stdout, true);
            channel.setErrStream(stderr, true);
            channel.connect(settings.connectTimeoutMillis());
            awaitClosed(channel, target, template);
            int exitStatus = channel.getExitStatus();
            if (exitStatus == CommandResult.NO_EXIT_STATUS && !session.isConnected()
                    && !template.mayDropConnection()) {
                throw new RemoteException("The SSH connection to " + target.describe() + " was lost while "
                        + template + " ran: its outcome is unknown");
            }
            return new CommandResult(template, exitStatus, stdout.text(), stderr.text(), Duration.ofNanos(
                    System.nanoTime() - started));
        } catch (JSchException e) {
            throw new RemoteException("SSH channel for " + template + " on " + target.describe() + " failed: "
                    + e.getMessage(), e);
        } finally {
            if (channel != null) {
                channel.disconnect();
            }
        }
    }

    private void awaitClosed(ChannelExec channel, SshTarget target, CommandTemplate template) {
        Duration timeout = template.commandTimeout(settings.commandTimeout()); // longer for the update assistant
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        try {
            while (!channel.isClosed()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    stop(channel);
                    throw new CommandTimeoutException(template + " on " + target.describe() + " did not finish within "
                            + timeout + " (" + (timeout.equals(settings.commandTimeout()) ? RemoteSshProperties.PREFIX
                            + ".command-timeout" : "CommandTemplate.LONG_RUNNING_TIMEOUT")
                            + "): channel closed, the remote process may still be running", template, timeout);
                }
                TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(pause, TimeUnit.NANOSECONDS.toMillis(remaining))));
                pause = Math.min(pause * 2, MAX_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(channel);
            throw new RemoteException("Interrupted while " + template + " ran on " + target.describe()
                    + ": channel closed");
        }
    }

    /** Asks the server to kill the command (OpenSSH honours it since 7.9), then closes the channel. */
    private static void stop(ChannelExec channel) {
        try {
            channel.sendSignal("KILL");
        } catch (Exception e) {
            log.debug("The SSH server did not take the kill signal: {}", e.getClass().getSimpleName());
        }
        channel.disconnect();
    }

    // --- streams ---------------------------------------------------------------------------------

    private StreamResult streamOut(Session session, SshTarget target, StreamTemplate template, String commandLine,
            OutputStream sink, long started) {
        Activity activity = new Activity();
        StreamSink data = new StreamSink(sink, activity);
        BoundedOutput stderr = new BoundedOutput(settings.maxOutputBytes());
        ChannelExec channel = null;
        try {
            channel = openExec(session, commandLine);
            channel.setInputStream(new ByteArrayInputStream(new byte[0])); // stdin at EOF
            channel.setOutputStream(data, true);
            channel.setErrStream(new ActivityOutput(stderr, activity), true);
            channel.connect(settings.connectTimeoutMillis());
            activity.touch();
            awaitStream(channel, session, target, template, activity, data::failure);
            if (data.failure() != null) {
                throw new RemoteException("The stream of " + template + " from " + target.describe()
                        + " could not be written here after " + data.bytes() + " bytes ("
                        + data.failure().getClass().getSimpleName() + "): remote command stopped", data.failure());
            }
            return new StreamResult(template, channel.getExitStatus(), data.bytes(), stderr.text(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (JSchException e) {
            throw new RemoteException("SSH channel for " + template + " on " + target.describe() + " failed: "
                    + e.getMessage(), e);
        } finally {
            if (channel != null) {
                channel.disconnect();
            }
        }
    }

    private StreamResult streamIn(Session session, SshTarget target, StreamTemplate template, String commandLine,
            InputStream source, long started) {
        Activity activity = new Activity();
        BoundedOutput stdout = new BoundedOutput(settings.maxOutputBytes());
        BoundedOutput stderr = new BoundedOutput(settings.maxOutputBytes());
        AtomicLong sent = new AtomicLong();
        AtomicReference<Exception> sourceFailure = new AtomicReference<>();
        ChannelExec channel = null;
        Thread copier = null;
        try {
            channel = openExec(session, commandLine);
            channel.setOutputStream(new ActivityOutput(stdout, activity), true);
            channel.setErrStream(new ActivityOutput(stderr, activity), true);
            OutputStream remoteIn = channel.getOutputStream();
            channel.connect(settings.connectTimeoutMillis());
            activity.touch();
            copier = new Thread(() -> copyInto(source, remoteIn, activity, sent, sourceFailure),
                    "ssh-stream-in " + template);
            copier.setDaemon(true);
            copier.start();
            awaitStream(channel, session, target, template, activity, sourceFailure::get);
            Exception failure = sourceFailure.get();
            if (failure != null && !(failure instanceof RemoteWriteFailure)) {
                throw new RemoteException("The data for " + template + " on " + target.describe()
                        + " could not be read here after " + sent.get() + " bytes (" + failure.getClass().getSimpleName()
                        + "): remote command stopped without end of input", failure);
            }
            return new StreamResult(template, channel.getExitStatus(), sent.get(), stderr.text(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (JSchException | IOException e) {
            throw new RemoteException("SSH channel for " + template + " on " + target.describe() + " failed: "
                    + e.getMessage(), e);
        } finally {
            if (channel != null) {
                channel.disconnect();
            }
            if (copier != null) {
                copier.interrupt();
            }
        }
    }

    /**
     * Copies the source into the remote standard input, then closes it (EOF). A source failure is
     * recorded and the remote input left open: the watcher stops the channel.
     */
    private static void copyInto(InputStream source, OutputStream remoteIn, Activity activity, AtomicLong sent,
            AtomicReference<Exception> failure) {
        byte[] buffer = new byte[STREAM_BUFFER];
        while (true) {
            int read;
            try {
                read = source.read(buffer);
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
                return;
            }
            try {
                if (read < 0) {
                    remoteIn.close(); // EOF to the remote command
                    return;
                }
                remoteIn.write(buffer, 0, read);
                remoteIn.flush();
            } catch (IOException e) {
                // The channel closed (remote command ended or connection lost): its status tells.
                failure.compareAndSet(null, new RemoteWriteFailure(e));
                return;
            }
            sent.addAndGet(read);
            activity.touch();
        }
    }

    private ChannelExec openExec(Session session, String commandLine) throws JSchException {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        channel.setCommand(commandLine.getBytes(StandardCharsets.UTF_8));
        channel.setPty(false);
        return channel;
    }

    /**
     * Waits until the channel closes or the connection drops. Stops the channel and throws on an idle
     * stream or an interrupt; stops it and returns when {@code localFailure} reports one.
     */
    private void awaitStream(ChannelExec channel, Session session, SshTarget target, StreamTemplate template,
            Activity activity, Supplier<Exception> localFailure) {
        Duration idle = settings.streamIdleTimeout();
        long pause = 1;
        try {
            while (!channel.isClosed() && session.isConnected()) {
                Exception failure = localFailure.get();
                if (failure != null && !(failure instanceof RemoteWriteFailure)) {
                    stop(channel);
                    return;
                }
                long silent = System.nanoTime() - activity.last();
                if (silent >= idle.toNanos()) {
                    stop(channel);
                    throw new CommandTimeoutException("The stream of " + template + " on " + target.describe()
                            + " moved no byte for " + idle + " (" + RemoteSshProperties.PREFIX
                            + ".stream-idle-timeout): channel closed, the remote process may still be running",
                            template, idle);
                }
                TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(pause,
                        TimeUnit.NANOSECONDS.toMillis(idle.toNanos() - silent))));
                pause = Math.min(pause * 2, MAX_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(channel);
            throw new RemoteException("Interrupted while " + template + " streamed on " + target.describe()
                    + ": channel closed");
        }
    }

    /** The last time a byte moved, in {@link System#nanoTime()}. */
    private static final class Activity {

        private volatile long last = System.nanoTime();

        void touch() {
            last = System.nanoTime();
        }

        long last() {
            return last;
        }
    }

    /** Marks activity on every write; JSch's session thread writes. */
    private static final class ActivityOutput extends OutputStream {

        private final OutputStream out;
        private final Activity activity;

        ActivityOutput(OutputStream out, Activity activity) {
            this.out = out;
            this.activity = activity;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            activity.touch();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            activity.touch();
        }
    }

    /**
     * The caller's sink as JSch's session thread sees it: counts bytes, marks activity, and never throws
     * into JSch. A failure is kept (later bytes are dropped) and makes the watcher stop the channel.
     */
    private static final class StreamSink extends OutputStream {

        private final OutputStream sink;
        private final Activity activity;
        private final AtomicLong bytes = new AtomicLong();
        private volatile IOException failure;

        StreamSink(OutputStream sink, Activity activity) {
            this.sink = sink;
            this.activity = activity;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            if (failure != null) {
                return;
            }
            try {
                sink.write(data, offset, length);
                bytes.addAndGet(length);
                activity.touch();
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new IOException(e.getClass().getSimpleName() + " in the sink", e);
            }
        }

        @Override
        public void flush() {
            if (failure == null) {
                try {
                    sink.flush();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        IOException failure() {
            return failure;
        }

        long bytes() {
            return bytes.get();
        }
    }

    /** Writing into the remote standard input failed: the channel closed, the exit status tells why. */
    private static final class RemoteWriteFailure extends Exception {

        private static final long serialVersionUID = 1L;

        RemoteWriteFailure(IOException cause) {
            super(cause);
        }
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** JSch's own log, under {@code com.jcraft.jsch}: protocol chatter at DEBUG, problems at WARN. */
    private static final class JschLogBridge implements com.jcraft.jsch.Logger {

        private static final Logger JSCH = LoggerFactory.getLogger("com.jcraft.jsch");

        @Override
        public boolean isEnabled(int level) {
            return level >= WARN ? JSCH.isWarnEnabled() : JSCH.isDebugEnabled();
        }

        @Override
        public void log(int level, String message) {
            if (level >= WARN) {
                JSCH.warn(message);
            } else {
                JSCH.debug(message);
            }
        }
    }
}
