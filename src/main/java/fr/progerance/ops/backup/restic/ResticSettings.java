package fr.progerance.ops.backup.restic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The restic wrapper's settings with every path resolved: what {@link ProcessRestic} and
 * {@link ResticLocks} work with. Built from {@link ResticProperties} in the application, directly in
 * tests.
 *
 * @param binary the restic executable (a name on the PATH or a path)
 * @param minimumVersion the oldest accepted version, e.g. {@code 0.14.0}
 * @param commandTimeout time-out of the quick calls
 * @param transferTimeout time-out of backup, dump, check and prune
 * @param cacheDir restic's cache directory (RESTIC_CACHE_DIR)
 * @param host the {@code --host} of new snapshots, or null for this machine's host name
 * @param staleLockAge how long a lock may go without refresh before it is stale
 */
public record ResticSettings(String binary, String minimumVersion, Duration commandTimeout, Duration transferTimeout,
        Path cacheDir, String host, Duration staleLockAge) {

    /** A host name as restic records it: letters, digits, dots, hyphens, underscores. */
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    public ResticSettings {
        if (binary == null || binary.isBlank()) {
            throw new IllegalArgumentException(ResticProperties.PREFIX + ".binary must not be blank");
        }
        if (ResticVersion.parse(minimumVersion).isEmpty()) {
            throw new IllegalArgumentException(ResticProperties.PREFIX + ".minimum-version must look like 0.14.0, got '"
                    + minimumVersion + "'");
        }
        positive("command-timeout", commandTimeout);
        positive("transfer-timeout", transferTimeout);
        positive("stale-lock-age", staleLockAge);
        Objects.requireNonNull(cacheDir, ResticProperties.PREFIX + ".cache-dir is required");
        cacheDir = cacheDir.toAbsolutePath().normalize();
        if (host != null && !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException(ResticProperties.PREFIX + ".host must be a host name (letters, digits,"
                    + " '.', '-', '_'), got '" + host + "'");
        }
    }

    /** The defaults of {@link ResticProperties} with restic's cache in {@code cacheDir}. */
    public static ResticSettings defaults(Path cacheDir) {
        ResticProperties defaults = new ResticProperties();
        defaults.setCacheDir(cacheDir.toAbsolutePath().toString());
        return defaults.resolve(cacheDir);
    }

    public ResticSettings withBinary(String value) {
        return new ResticSettings(value, minimumVersion, commandTimeout, transferTimeout, cacheDir, host,
                staleLockAge);
    }

    public ResticSettings withMinimumVersion(String value) {
        return new ResticSettings(binary, value, commandTimeout, transferTimeout, cacheDir, host, staleLockAge);
    }

    public ResticSettings withCommandTimeout(Duration value) {
        return new ResticSettings(binary, minimumVersion, value, transferTimeout, cacheDir, host, staleLockAge);
    }

    public ResticSettings withTransferTimeout(Duration value) {
        return new ResticSettings(binary, minimumVersion, commandTimeout, value, cacheDir, host, staleLockAge);
    }

    public ResticSettings withHost(String value) {
        return new ResticSettings(binary, minimumVersion, commandTimeout, transferTimeout, cacheDir, value,
                staleLockAge);
    }

    public ResticSettings withStaleLockAge(Duration value) {
        return new ResticSettings(binary, minimumVersion, commandTimeout, transferTimeout, cacheDir, host, value);
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(ResticProperties.PREFIX + "." + key + " must be positive, got " + value);
        }
    }
}
