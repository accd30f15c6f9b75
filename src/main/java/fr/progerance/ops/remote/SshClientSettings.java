package fr.progerance.ops.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The SSH client's settings with every path resolved: what {@link JschRemoteExecutor} works with.
 * Built from {@link RemoteSshProperties} in the application, directly in tests.
 *
 * @param privateKey the client's private key file (OpenSSH, PEM or PKCS#8 format)
 * @param passphraseFile a file whose first line is the key's passphrase, or null for an unencrypted key
 * @param connectTimeout TCP connect plus SSH handshake and authentication
 * @param commandTimeout from the opening of the channel to the command's exit
 * @param maxOutputBytes bytes kept per stream (stdout, stderr); the rest is counted and dropped
 * @param streamIdleTimeout a streamed command ({@link RemoteStreams}) has no total timeout, but fails
 *     when no byte went through its stream (or its standard error) for this long
 */
public record SshClientSettings(Path privateKey, Path passphraseFile, Duration connectTimeout,
        Duration commandTimeout, int maxOutputBytes, Duration streamIdleTimeout) {

    /** The default {@code ops.remote.ssh.stream-idle-timeout}. */
    public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofMinutes(10);

    /** Largest accepted {@code max-output}: results travel through the engine's memory. */
    public static final int MAX_OUTPUT_CEILING = 16 * 1024 * 1024;

    /** Longest accepted timeout (JSch takes milliseconds as an int). */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    public SshClientSettings {
        Objects.requireNonNull(privateKey, RemoteSshProperties.PREFIX + ".private-key is required");
        positive(RemoteSshProperties.PREFIX + ".connect-timeout", connectTimeout);
        positive(RemoteSshProperties.PREFIX + ".command-timeout", commandTimeout);
        if (maxOutputBytes < 1 || maxOutputBytes > MAX_OUTPUT_CEILING) {
            throw new IllegalArgumentException(RemoteSshProperties.PREFIX + ".max-output must be between 1 byte and "
                    + MAX_OUTPUT_CEILING / (1024 * 1024) + " MB, got " + maxOutputBytes + " bytes");
        }
        positive(RemoteSshProperties.PREFIX + ".stream-idle-timeout", streamIdleTimeout);
    }

    /** Settings with the default stream idle timeout. */
    public SshClientSettings(Path privateKey, Path passphraseFile, Duration connectTimeout, Duration commandTimeout,
            int maxOutputBytes) {
        this(privateKey, passphraseFile, connectTimeout, commandTimeout, maxOutputBytes, DEFAULT_STREAM_IDLE_TIMEOUT);
    }

    /** The defaults of {@link RemoteSshProperties} with this key file and no passphrase. */
    public static SshClientSettings withKey(Path privateKey) {
        RemoteSshProperties defaults = new RemoteSshProperties();
        return new SshClientSettings(privateKey, null, defaults.getConnectTimeout(), defaults.getCommandTimeout(),
                (int) defaults.getMaxOutput().toBytes(), defaults.getStreamIdleTimeout());
    }

    public SshClientSettings withPrivateKey(Path file) {
        return new SshClientSettings(file, passphraseFile, connectTimeout, commandTimeout, maxOutputBytes,
                streamIdleTimeout);
    }

    public SshClientSettings withPassphraseFile(Path file) {
        return new SshClientSettings(privateKey, file, connectTimeout, commandTimeout, maxOutputBytes,
                streamIdleTimeout);
    }

    public SshClientSettings withConnectTimeout(Duration timeout) {
        return new SshClientSettings(privateKey, passphraseFile, timeout, commandTimeout, maxOutputBytes,
                streamIdleTimeout);
    }

    public SshClientSettings withCommandTimeout(Duration timeout) {
        return new SshClientSettings(privateKey, passphraseFile, connectTimeout, timeout, maxOutputBytes,
                streamIdleTimeout);
    }

    public SshClientSettings withMaxOutputBytes(int bytes) {
        return new SshClientSettings(privateKey, passphraseFile, connectTimeout, commandTimeout, bytes,
                streamIdleTimeout);
    }

    public SshClientSettings withStreamIdleTimeout(Duration timeout) {
        return new SshClientSettings(privateKey, passphraseFile, connectTimeout, commandTimeout, maxOutputBytes,
                timeout);
    }

    int connectTimeoutMillis() {
        return (int) connectTimeout.toMillis();
    }

    private static void positive(String key, Duration value) {
        if (value == null) {
            throw new IllegalArgumentException(key + " is required");
        }
        if (value.isNegative() || value.isZero() || value.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(key + " must be positive and at most " + MAX_TIMEOUT.toHours()
                    + " h, got " + value);
        }
        if (value.toMillis() == 0) {
            throw new IllegalArgumentException(key + " must be at least 1 ms, got " + value);
        }
    }
}
