package fr.progerance.ops.backup.restic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** DESIGN rule 6: restic reads a repository's password from a file that only its owner can read. */
public final class PasswordFiles {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PasswordFiles() {
    }

    /**
     * Refuses a password file that is missing, not a regular file (a symbolic link included) or
     * accessible to group or others. Never reads the file's content.
     *
     * @throws ResticPasswordFileException naming the file and what is wrong
     */
    public static void requirePrivate(ResticRepository repository) {
        Path file = repository.passwordFile();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ResticPasswordFileException("The password file " + file + " of " + repository
                    + " does not exist or is not a regular file");
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new ResticPasswordFileException("The password file " + file + " of " + repository
                    + " cannot be inspected: " + e.getClass().getSimpleName());
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new ResticPasswordFileException("The password file " + file + " of " + repository
                    + " is accessible to group or others (" + PosixFilePermissions.toString(permissions)
                    + "): refused; make it readable by its owner only (chmod 600)");
        }
    }

    /** Whether the directory is closed to group and others (0700 or stricter). */
    public static boolean isPrivateDirectory(Path directory) throws IOException {
        try {
            return Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS).stream()
                    .noneMatch(GROUP_OR_OTHERS::contains);
        } catch (UnsupportedOperationException e) {
            return true;
        }
    }
}
