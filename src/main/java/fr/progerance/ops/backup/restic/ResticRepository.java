package fr.progerance.ops.backup.restic;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One restic repository on a local file system and the file holding its password (DESIGN rule 6:
 * the password is read by restic from that 0600 file, never passed on a command line, in a process
 * variable, in history or in a log). One repository per client (R8.2).
 *
 * @param location the repository directory
 * @param passwordFile the 0600 file with the repository's password
 */
public record ResticRepository(Path location, Path passwordFile) {

    public ResticRepository {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(passwordFile, "passwordFile");
        location = location.toAbsolutePath().normalize();
        passwordFile = passwordFile.toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return "restic repository " + location;
    }
}
