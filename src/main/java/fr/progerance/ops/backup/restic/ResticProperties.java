package fr.progerance.ops.backup.restic;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings {@code ops.backup.restic.*} of the restic wrapper. Relative paths are resolved against
 * {@code ops.data-dir}.
 *
 * <pre>
 * ops.backup.restic.binary            restic      (looked up on the PATH)
 * ops.backup.restic.minimum-version   0.14.0      (Debian 12's restic)
 * ops.backup.restic.command-timeout   30m         (version, init, snapshots, stats, forget, locks, unlock)
 * ops.backup.restic.transfer-timeout  6h          (backup, dump, check, prune)
 * ops.backup.restic.cache-dir         cache/restic (i.e. ${ops.data-dir}/cache/restic, RESTIC_CACHE_DIR)
 * ops.backup.restic.host              (blank: this machine's host name), the --host of new snapshots
 * ops.backup.restic.stale-lock-age    30m         (a lock not refreshed for this long, with no live restic of ours, is stale)
 * </pre>
 */
@ConfigurationProperties(ResticProperties.PREFIX)
public class ResticProperties {

    public static final String PREFIX = "ops.backup.restic";

    /** The restic executable: a name looked up on the PATH or a path. */
    private String binary = "restic";

    /** Older restic binaries are refused (ResticVersionException). */
    private String minimumVersion = "0.14.0";

    /** Time-out of the quick calls: version, init, cat, snapshots, stats, forget, list locks, unlock. */
    private Duration commandTimeout = Duration.ofMinutes(30);

    /** Time-out of the calls that move or read all the data: backup, dump, check, prune. */
    private Duration transferTimeout = Duration.ofHours(6);

    /** restic's cache (RESTIC_CACHE_DIR); relative to {@code ops.data-dir}. */
    private String cacheDir = "cache/restic";

    /** The host name recorded in new snapshots ({@code --host}); blank: this machine's host name. */
    private String host;

    /**
     * A lock not refreshed for this long, held by no live restic of this engine, is stale and removed
     * (restic refreshes a live lock every 5 minutes and itself treats 30 minutes as stale).
     */
    private Duration staleLockAge = Duration.ofMinutes(30);

    /**
     * The settings with paths resolved against the data directory.
     *
     * @throws IllegalArgumentException naming the faulty setting
     */
    public ResticSettings resolve(Path dataDir) {
        if (cacheDir == null || cacheDir.isBlank()) {
            throw new IllegalArgumentException(PREFIX + ".cache-dir must not be blank");
        }
        Path cache;
        try {
            Path path = Path.of(cacheDir.strip());
            cache = (path.isAbsolute() ? path : dataDir.resolve(path)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(PREFIX + ".cache-dir is not a valid path: " + e.getMessage(), e);
        }
        return new ResticSettings(binary == null ? null : binary.strip(), minimumVersion, commandTimeout,
                transferTimeout, cache, host == null || host.isBlank() ? null : host.strip(), staleLockAge);
    }

    public String getBinary() {
        return binary;
    }

    public void setBinary(String binary) {
        this.binary = binary;
    }

    public String getMinimumVersion() {
        return minimumVersion;
    }

    public void setMinimumVersion(String minimumVersion) {
        this.minimumVersion = minimumVersion;
    }

    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    public Duration getTransferTimeout() {
        return transferTimeout;
    }

    public void setTransferTimeout(Duration transferTimeout) {
        this.transferTimeout = transferTimeout;
    }

    public String getCacheDir() {
        return cacheDir;
    }

    public void setCacheDir(String cacheDir) {
        this.cacheDir = cacheDir;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Duration getStaleLockAge() {
        return staleLockAge;
    }

    public void setStaleLockAge(Duration staleLockAge) {
        this.staleLockAge = staleLockAge;
    }
}
