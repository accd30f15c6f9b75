package fr.progerance.ops.remote;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs command templates over SSH with JSch, one session per call.
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
public class JschRemoteExecutor implements RemoteExecutor {

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

    private final SshClientSettings settings;

    /** The application's executor: {@code ops.remote.ssh.*}, relative paths against {@code ops.data-dir}. */
    @Autowired
    public JschRemoteExecutor(RemoteSshProperties properties, @Value("${ops.data-dir:./data}") String dataDir) {
        this(properties.resolve(Path.of(dataDir)));
    }

    public JschRemoteExecutor(SshClientSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (Files.isRegularFile(settings.privateKey())) {
            log.info("SSH client key {}, connect timeout {}, command timeout {}, max output {} bytes per stream",
                    settings.privateKey(), settings.connectTimeout(), settings.commandTimeout(),
                    settings.maxOutputBytes());
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
        PinnedHostKeyRepository hostKeys = new PinnedHostKeyRepository(target.hostKeyFingerprint());
        JSch jsch = new JSch();
        jsch.setInstanceLogger(JSCH_LOG);
        jsch.setHostKeyRepository(hostKeys);
        Session session = null;
        try {
            loadIdentity(jsch);
            session = connect(jsch, target, hostKeys);
            CommandResult result = execute(session, target, template, commandLine, started);
            log.info("SSH {} on {}: exit status {} in {} ms (stdout {} chars, stderr {} chars{})", template,
                    target.describe(), result.exitStatus(), result.took().toMillis(), result.stdout().length(),
                    result.stderr().length(), result.outputTruncated() ? ", truncated" : "");
            return result;
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
        long deadline = System.nanoTime() + settings.commandTimeout().toNanos();
        long pause = 1;
        try {
            while (!channel.isClosed()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    stop(channel);
                    throw new CommandTimeoutException(template + " on " + target.describe() + " did not finish within "
                            + settings.commandTimeout() + " (" + RemoteSshProperties.PREFIX
                            + ".command-timeout): channel closed, the remote process may still be running",
                            template, settings.commandTimeout());
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
