package fr.progerance.ops.backup.offsite;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code ops.backup.offsite.*} of the off-site copy (R3.6-a) on an FTP/FTPS server of
 * another site. Relative paths are resolved against {@code ops.data-dir}. DESIGN rule 6: the FTP
 * password lives in a file (owner-only permissions, read at each connection, never logged), never
 * in a setting's value.
 *
 * <pre>
 * ops.backup.offsite.host                      (none: the off-site copy is not configured)
 * ops.backup.offsite.port                      0: 21, or 990 with tls=IMPLICIT
 * ops.backup.offsite.user                      (required with a host)
 * ops.backup.offsite.password-file             secrets/offsite-ftp.password
 * ops.backup.offsite.base-directory            (empty: the FTP user's login directory)
 * ops.backup.offsite.tls                       EXPLICIT (AUTH TLS + PROT P), IMPLICIT, or NONE
 * ops.backup.offsite.trust-store               (none: the JVM's default CA certificates)
 * ops.backup.offsite.trust-store-type          PKCS12 (or JKS, or PEM: a file of certificates)
 * ops.backup.offsite.trust-store-password-file (none: the trust store is read without a password)
 * ops.backup.offsite.passive                   true
 * ops.backup.offsite.connect-timeout           15s
 * ops.backup.offsite.data-timeout              60s
 * ops.backup.offsite.file-retries              0
 * </pre>
 *
 * A blank host does not stop the application (the demo has no off-site server): every call of the
 * store then fails with a non-retryable {@link OffsiteException} naming {@code ops.backup.offsite.host}.
 *
 * @param host the FTP server of the other site; blank: not configured
 * @param port its control port; 0 picks the protocol's default (21, or 990 for implicit FTPS)
 * @param user the FTP account
 * @param passwordFile a file whose first line is the account's password (mode 0600 or 0400)
 * @param baseDirectory the directory holding every repository's copy; relative to the login
 *     directory unless it starts with {@code /}; empty: the login directory itself
 * @param tls {@link TlsMode#EXPLICIT} by default; {@link TlsMode#NONE} sends the password in clear
 *     and is meant for a private link only
 * @param trustStore the certificates that the server's certificate must chain to (a private CA or
 *     the server's own self-signed certificate); blank: the JVM's default CA certificates. The
 *     certificate is always verified and must name the host (hostname verification)
 * @param trustStoreType PKCS12, JKS or PEM
 * @param trustStorePasswordFile for a PKCS12 or JKS trust store protected by a password
 * @param passive passive data connections (the client connects out), the usual choice behind NAT
 * @param connectTimeout TCP connect and the server's greeting
 * @param dataTimeout the longest silence on the control or a data connection before the call fails
 * @param fileRetries how often one file's transfer is tried again, on a new connection, within one
 *     call after a retryable failure; 0: the first failure ends the call and the job retries it
 *     (the next call resumes where this one stopped)
 */
@ConfigurationProperties(OffsiteSettings.PREFIX)
public record OffsiteSettings(
        String host,
        @DefaultValue("0") int port,
        String user,
        @DefaultValue(OffsiteSettings.DEFAULT_PASSWORD_FILE) String passwordFile,
        @DefaultValue("") String baseDirectory,
        @DefaultValue("EXPLICIT") TlsMode tls,
        String trustStore,
        @DefaultValue("PKCS12") String trustStoreType,
        String trustStorePasswordFile,
        @DefaultValue("true") boolean passive,
        @DefaultValue("15s") Duration connectTimeout,
        @DefaultValue("60s") Duration dataTimeout,
        @DefaultValue("0") int fileRetries) {

    public static final String PREFIX = "ops.backup.offsite";

    /** The default password file, relative to {@code ops.data-dir}. */
    public static final String DEFAULT_PASSWORD_FILE = "secrets/offsite-ftp.password";

    /** Longest accepted timeout (Commons Net takes milliseconds as an int). */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    /** Most retries of one file within a call; beyond, the job's own retries are the right tool. */
    public static final int MAX_FILE_RETRIES = 10;

    /** How the FTP connection is protected. */
    public enum TlsMode {
        /** Plain FTP: the password and the (encrypted) repository files travel in clear. */
        NONE,
        /** FTPS explicit: {@code AUTH TLS} on the control port, then {@code PBSZ 0} and {@code PROT P}. */
        EXPLICIT,
        /** FTPS implicit: TLS from the first byte (port 990 by default), data connections protected too. */
        IMPLICIT
    }

    public OffsiteSettings {
        host = host == null ? "" : host.strip();
        user = user == null ? "" : user.strip();
        passwordFile = blankToNull(passwordFile);
        baseDirectory = baseDirectory == null ? "" : baseDirectory.strip();
        tls = tls == null ? TlsMode.EXPLICIT : tls;
        trustStore = blankToNull(trustStore);
        trustStoreType = trustStoreType == null || trustStoreType.isBlank() ? "PKCS12"
                : trustStoreType.strip().toUpperCase(Locale.ROOT);
        trustStorePasswordFile = blankToNull(trustStorePasswordFile);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(15) : connectTimeout;
        dataTimeout = dataTimeout == null ? Duration.ofSeconds(60) : dataTimeout;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(PREFIX + ".port must be between 0 (the protocol's default) and 65535, got "
                    + port);
        }
        if (!host.isEmpty() && !host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            throw new IllegalArgumentException(PREFIX + ".host must be a host name or an IP address, got '" + host + "'");
        }
        if (!host.isEmpty() && user.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + ".user is required when " + PREFIX + ".host is set");
        }
        if (!host.isEmpty() && passwordFile == null) {
            throw new IllegalArgumentException(PREFIX + ".password-file is required when " + PREFIX + ".host is set");
        }
        if (user.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new IllegalArgumentException(PREFIX + ".user must not contain spaces or control characters");
        }
        OffsitePaths.checkBaseDirectory(baseDirectory);
        if (!trustStoreType.equals("PKCS12") && !trustStoreType.equals("JKS") && !trustStoreType.equals("PEM")) {
            throw new IllegalArgumentException(PREFIX + ".trust-store-type must be PKCS12, JKS or PEM, got "
                    + trustStoreType);
        }
        positive(PREFIX + ".connect-timeout", connectTimeout);
        positive(PREFIX + ".data-timeout", dataTimeout);
        if (fileRetries < 0 || fileRetries > MAX_FILE_RETRIES) {
            throw new IllegalArgumentException(PREFIX + ".file-retries must be between 0 and " + MAX_FILE_RETRIES
                    + ", got " + fileRetries);
        }
    }

    /** Plain defaults for {@code host:port} with this account: explicit FTPS, the JVM's CA certificates. */
    public static OffsiteSettings of(String host, int port, String user, Path passwordFile) {
        return new OffsiteSettings(host, port, user, passwordFile.toString(), "", TlsMode.EXPLICIT, null, "PKCS12",
                null, true, null, null, 0);
    }

    /** Whether a host is set; without one every call of the store fails (not configured). */
    public boolean configured() {
        return !host.isEmpty();
    }

    /** The control port in use: the setting, or the default of the TLS mode. */
    public int effectivePort() {
        return port != 0 ? port : tls == TlsMode.IMPLICIT ? 990 : 21;
    }

    /** {@code host:port}, for messages. */
    public String describe() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + effectivePort();
    }

    /** The settings with every relative path resolved against the data directory. */
    public OffsiteSettings resolvedAgainst(Path dataDir) {
        return new OffsiteSettings(host, port, user, resolve(dataDir, passwordFile, "password-file"), baseDirectory,
                tls, resolve(dataDir, trustStore, "trust-store"), trustStoreType,
                resolve(dataDir, trustStorePasswordFile, "trust-store-password-file"), passive, connectTimeout,
                dataTimeout, fileRetries);
    }

    public OffsiteSettings withTls(TlsMode mode, Path trustStoreFile, String type) {
        return new OffsiteSettings(host, port, user, passwordFile, baseDirectory, mode,
                trustStoreFile == null ? null : trustStoreFile.toString(), type, trustStorePasswordFile, passive,
                connectTimeout, dataTimeout, fileRetries);
    }

    public OffsiteSettings withTrustStorePasswordFile(Path file) {
        return new OffsiteSettings(host, port, user, passwordFile, baseDirectory, tls, trustStore, trustStoreType,
                file == null ? null : file.toString(), passive, connectTimeout, dataTimeout, fileRetries);
    }

    public OffsiteSettings withBaseDirectory(String directory) {
        return new OffsiteSettings(host, port, user, passwordFile, directory, tls, trustStore, trustStoreType,
                trustStorePasswordFile, passive, connectTimeout, dataTimeout, fileRetries);
    }

    public OffsiteSettings withPasswordFile(Path file) {
        return new OffsiteSettings(host, port, user, file.toString(), baseDirectory, tls, trustStore, trustStoreType,
                trustStorePasswordFile, passive, connectTimeout, dataTimeout, fileRetries);
    }

    public OffsiteSettings withTimeouts(Duration connect, Duration data) {
        return new OffsiteSettings(host, port, user, passwordFile, baseDirectory, tls, trustStore, trustStoreType,
                trustStorePasswordFile, passive, connect, data, fileRetries);
    }

    public OffsiteSettings withFileRetries(int retries) {
        return new OffsiteSettings(host, port, user, passwordFile, baseDirectory, tls, trustStore, trustStoreType,
                trustStorePasswordFile, passive, connectTimeout, dataTimeout, retries);
    }

    public OffsiteSettings withPassive(boolean passiveMode) {
        return new OffsiteSettings(host, port, user, passwordFile, baseDirectory, tls, trustStore, trustStoreType,
                trustStorePasswordFile, passiveMode, connectTimeout, dataTimeout, fileRetries);
    }

    private static String resolve(Path dataDir, String value, String key) {
        if (value == null) {
            return null;
        }
        try {
            Path path = Path.of(value);
            return (path.isAbsolute() ? path : dataDir.resolve(path)).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(PREFIX + "." + key + " is not a valid path: " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero() || value.compareTo(MAX_TIMEOUT) > 0 || value.toMillis() == 0) {
            throw new IllegalArgumentException(key + " must be at least 1 ms and at most " + MAX_TIMEOUT.toHours()
                    + " h, got " + value);
        }
    }
}
