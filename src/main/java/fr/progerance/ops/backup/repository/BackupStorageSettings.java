package fr.progerance.ops.backup.repository;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings {@code ops.backup.volume} and {@code ops.backup.password-dir}: where the clients' restic
 * repositories and their password files live. Relative paths are resolved against
 * {@code ops.data-dir}.
 *
 * <pre>
 * ops.backup.volume        backups        (${ops.data-dir}/backups) R3.6-a: the backup volume, a medium
 *                                         other than the production servers; mirrored off-site
 * ops.backup.password-dir  secrets/restic (${ops.data-dir}/secrets/restic) one 0600 file per client, in
 *                                         a 0700 directory, never inside the volume (the volume is copied
 *                                         off-site, the passwords must not travel with the data)
 * </pre>
 */
@ConfigurationProperties(BackupStorageSettings.PREFIX)
public class BackupStorageSettings {

    public static final String PREFIX = "ops.backup";

    /** R3.6-a: the backup volume; one repository per client under {@code clients/}. */
    private String volume = "backups";

    /** The repositories' password files (DESIGN rule 6); never inside {@link #volume}. */
    private String passwordDir = "secrets/restic";

    /**
     * The two directories, absolute.
     *
     * @throws IllegalArgumentException naming the faulty setting
     */
    public Paths resolve(Path dataDir) {
        Path volumePath = resolve(dataDir, volume, "volume");
        Path passwords = resolve(dataDir, passwordDir, "password-dir");
        if (passwords.startsWith(volumePath)) {
            throw new IllegalArgumentException(PREFIX + ".password-dir (" + passwords + ") must not be inside "
                    + PREFIX + ".volume (" + volumePath + "): the volume is copied off-site, the passwords must not"
                    + " travel with the data");
        }
        if (volumePath.startsWith(passwords)) {
            throw new IllegalArgumentException(PREFIX + ".volume (" + volumePath + ") must not be inside " + PREFIX
                    + ".password-dir (" + passwords + ")");
        }
        return new Paths(volumePath, passwords);
    }

    /**
     * The resolved directories.
     *
     * @param volume the backup volume
     * @param passwordDir the directory of the password files
     */
    public record Paths(Path volume, Path passwordDir) {
    }

    private static Path resolve(Path dataDir, String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PREFIX + "." + key + " must not be blank");
        }
        try {
            Path path = Path.of(value.strip());
            return (path.isAbsolute() ? path : dataDir.resolve(path)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(PREFIX + "." + key + " is not a valid path: " + e.getMessage(), e);
        }
    }

    public String getVolume() {
        return volume;
    }

    public void setVolume(String volume) {
        this.volume = volume;
    }

    public String getPasswordDir() {
        return passwordDir;
    }

    public void setPasswordDir(String passwordDir) {
        this.passwordDir = passwordDir;
    }
}
