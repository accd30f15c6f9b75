package fr.progerance.ops.remote;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings {@code ops.remote.ssh.*} of the SSH client. Relative paths are resolved against
 * {@code ops.data-dir}. DESIGN rule 6: the key and its passphrase live in files outside the
 * database and the process variables; they are read for each call and never logged.
 *
 * <pre>
 * ops.remote.ssh.private-key      ssh/id_ed25519  (i.e. ${ops.data-dir}/ssh/id_ed25519)
 * ops.remote.ssh.passphrase-file  (none: the key is not encrypted)
 * ops.remote.ssh.connect-timeout  10s
 * ops.remote.ssh.command-timeout  60s
 * ops.remote.ssh.max-output       64KB per stream (stdout, stderr)
 * ops.remote.ssh.stream-idle-timeout  10m (backups and restores: no byte for that long fails the stream)
 * </pre>
 *
 * A missing key file does not stop the application (the demo has none): each call then fails with
 * a {@link RemoteException} naming the file and this setting.
 */
@ConfigurationProperties(RemoteSshProperties.PREFIX)
public class RemoteSshProperties {

    public static final String PREFIX = "ops.remote.ssh";

    /** The default private key, relative to {@code ops.data-dir}. */
    public static final String DEFAULT_PRIVATE_KEY = "ssh/id_ed25519";

    /** The client's private key file; relative to {@code ops.data-dir}. */
    private String privateKey = DEFAULT_PRIVATE_KEY;

    /** A file whose first line is the private key's passphrase; relative to {@code ops.data-dir}. */
    private String passphraseFile;

    /** TCP connect, SSH handshake and authentication must finish within this. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** A command must exit within this after its channel opened; then the channel is closed. */
    private Duration commandTimeout = Duration.ofSeconds(60);

    /** Bytes kept of each output stream; the rest is dropped and the result says so. */
    private DataSize maxOutput = DataSize.ofKilobytes(64);

    /**
     * A streamed command (backup, restore) has no total timeout, since a dump may take hours; it
     * fails when no byte went through the stream for this long.
     */
    private Duration streamIdleTimeout = SshClientSettings.DEFAULT_STREAM_IDLE_TIMEOUT;

    /**
     * The settings with paths resolved against the data directory.
     *
     * @throws IllegalArgumentException naming the faulty setting
     */
    public SshClientSettings resolve(Path dataDir) {
        if (privateKey == null || privateKey.isBlank()) {
            throw new IllegalArgumentException(PREFIX + ".private-key must not be blank");
        }
        Path key = resolve(dataDir, privateKey, "private-key");
        Path passphrase = passphraseFile == null || passphraseFile.isBlank() ? null
                : resolve(dataDir, passphraseFile, "passphrase-file");
        if (maxOutput == null || maxOutput.toBytes() < 1 || maxOutput.toBytes() > SshClientSettings.MAX_OUTPUT_CEILING) {
            throw new IllegalArgumentException(PREFIX + ".max-output must be between 1B and "
                    + SshClientSettings.MAX_OUTPUT_CEILING / (1024 * 1024) + "MB, got " + maxOutput);
        }
        return new SshClientSettings(key, passphrase, connectTimeout, commandTimeout, (int) maxOutput.toBytes(),
                streamIdleTimeout);
    }

    private static Path resolve(Path dataDir, String value, String key) {
        try {
            Path path = Path.of(value.strip());
            return (path.isAbsolute() ? path : dataDir.resolve(path)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(PREFIX + "." + key + " is not a valid path: " + e.getMessage(), e);
        }
    }

    public String getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey;
    }

    public String getPassphraseFile() {
        return passphraseFile;
    }

    public void setPassphraseFile(String passphraseFile) {
        this.passphraseFile = passphraseFile;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    public DataSize getMaxOutput() {
        return maxOutput;
    }

    public void setMaxOutput(DataSize maxOutput) {
        this.maxOutput = maxOutput;
    }

    public Duration getStreamIdleTimeout() {
        return streamIdleTimeout;
    }

    public void setStreamIdleTimeout(Duration streamIdleTimeout) {
        this.streamIdleTimeout = streamIdleTimeout;
    }
}
