package fr.progerance.ops.backup.repository;

import fr.progerance.ops.backup.restic.PasswordFiles;
import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.restic.ResticException;
import fr.progerance.ops.backup.restic.ResticPasswordFileException;
import fr.progerance.ops.backup.restic.ResticProcesses;
import fr.progerance.ops.backup.restic.ResticRepository;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One restic repository per client (R8.2: a client's data is never mixed with another's and can be
 * deleted alone), on the backup volume (R3.6-a):
 *
 * <pre>
 * ${ops.backup.volume}/clients/client-&lt;id&gt;              the repository
 * ${ops.backup.password-dir}/client-&lt;id&gt;.password       its password (0600, directory 0700)
 * </pre>
 *
 * A password is 32 random bytes from {@link SecureRandom}, base64, created once and never
 * overwritten (losing it loses the backups). It is written straight to its file and never held in
 * a string, logged or put in a process variable (DESIGN rule 6).
 */
@Component
public class ClientRepositories {

    static final String NAME_PREFIX = "client-";
    static final String PASSWORD_SUFFIX = ".password";
    static final int PASSWORD_BYTES = 32;

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Logger log = LoggerFactory.getLogger(ClientRepositories.class);

    private final Path clientsDir;
    private final Path passwordDir;
    private final Restic restic;
    private final ResticProcesses processes;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    public ClientRepositories(BackupStorageSettings settings, @Value("${ops.data-dir:./data}") String dataDir,
            Restic restic, ResticProcesses processes) {
        this(settings.resolve(Path.of(dataDir)), restic, processes);
    }

    public ClientRepositories(BackupStorageSettings.Paths paths, Restic restic, ResticProcesses processes) {
        this.clientsDir = paths.volume().resolve("clients");
        this.passwordDir = paths.passwordDir();
        this.restic = Objects.requireNonNull(restic, "restic");
        this.processes = Objects.requireNonNull(processes, "processes");
    }

    /** The client's repository and password file (no I/O: they may not exist yet). */
    public ResticRepository repository(long clientId) {
        String name = offsiteName(clientId);
        return new ResticRepository(clientsDir.resolve(name), passwordDir.resolve(name + PASSWORD_SUFFIX));
    }

    /** The directory name of the client's repository, locally and in the off-site store (R3.6-a). */
    public String offsiteName(long clientId) {
        if (clientId <= 0) {
            throw new IllegalArgumentException("A client id is positive, got " + clientId);
        }
        return NAME_PREFIX + clientId;
    }

    /**
     * Makes the client's repository usable: creates its password file if there is none (never
     * replaces one), checks the file is private, then creates the repository if it is missing.
     *
     * @throws ResticPasswordFileException when the password file or its directory is open to others
     * @throws ResticException when restic fails (a wrong password included: nothing is re-created)
     */
    public ResticRepository ensure(long clientId) {
        ResticRepository repository = repository(clientId);
        ensurePasswordFile(repository);
        PasswordFiles.requirePrivate(repository);
        restic.initIfMissing(repository);
        return repository;
    }

    /**
     * R8.2: permanently deletes the client's backups: the repository directory, then its password
     * file. Refused while a restic of this engine works on the repository. Deleting what does not
     * exist is not an error (the result says what was there).
     */
    public Deletion delete(long clientId) {
        ResticRepository repository = repository(clientId);
        if (processes.anyRunning(repository.location())) {
            throw new IllegalStateException("The backups of client " + clientId + " (" + repository + ") are in use"
                    + " by restic PID(s) " + processes.pids(repository.location()) + ": deletion refused, retry later");
        }
        AtomicLong files = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        boolean repositoryDeleted = false;
        try {
            if (Files.exists(repository.location(), LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(repository.location(), files, bytes);
                repositoryDeleted = true;
            }
            boolean passwordDeleted = Files.deleteIfExists(repository.passwordFile());
            Deletion deletion = new Deletion(clientId, repository, repositoryDeleted, files.get(), bytes.get(),
                    passwordDeleted);
            log.warn("R8.2: deleted the backups of client {}: {}", clientId, deletion);
            return deletion;
        } catch (IOException e) {
            throw new UncheckedIOException("Deleting the backups of client " + clientId + " (" + repository
                    + ") failed after " + files.get() + " file(s): " + e.getMessage(), e);
        }
    }

    /**
     * What {@link #delete} removed.
     *
     * @param clientId the client
     * @param repository its repository
     * @param repositoryDeleted whether a repository directory existed and was deleted
     * @param filesDeleted files removed from it
     * @param bytesDeleted their bytes
     * @param passwordFileDeleted whether a password file existed and was deleted
     */
    public record Deletion(long clientId, ResticRepository repository, boolean repositoryDeleted, long filesDeleted,
            long bytesDeleted, boolean passwordFileDeleted) {

        @Override
        public String toString() {
            return (repositoryDeleted ? "repository " + repository.location() + " (" + filesDeleted + " files, "
                    + bytesDeleted + " bytes)" : "no repository at " + repository.location())
                    + (passwordFileDeleted ? ", password file " + repository.passwordFile()
                            : ", no password file at " + repository.passwordFile());
        }
    }

    // --- password files --------------------------------------------------------------------------

    private void ensurePasswordFile(ResticRepository repository) {
        Path file = repository.passwordFile();
        try {
            ensurePrivateDirectory(passwordDir);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return; // never overwritten: it opens the existing backups
            }
            createPasswordFile(file);
            log.info("Created the password file {} of {}", file, repository);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the password file " + file + " of " + repository + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    private static void ensurePrivateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, ownerOnly(OWNER_ONLY_DIR));
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIR);
        }
        if (!PasswordFiles.isPrivateDirectory(directory)) {
            throw new ResticPasswordFileException("The password directory " + directory + " (setting "
                    + BackupStorageSettings.PREFIX + ".password-dir) is accessible to group or others ("
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))
                    + "): refused; make it private to its owner (chmod 700)");
        }
    }

    /**
     * Writes the new password to a private temporary file, then links it to its name: the name
     * appears only complete, and a file created meanwhile by another worker is kept (no overwrite).
     */
    private void createPasswordFile(Path file) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".new-", ".tmp", ownerOnly(OWNER_ONLY_FILE));
        byte[] secret = new byte[PASSWORD_BYTES];
        byte[] encoded = null;
        try {
            random.nextBytes(secret);
            encoded = Base64.getEncoder().encode(secret);
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC)) {
                out.write(encoded);
                out.write('\n');
            }
            Files.setPosixFilePermissions(temp, OWNER_ONLY_FILE);
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                log.info("The password file {} appeared meanwhile: kept", file);
            }
        } finally {
            Arrays.fill(secret, (byte) 0);
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }

    private static void deleteTree(Path root, AtomicLong files, AtomicLong bytes) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                files.incrementAndGet();
                bytes.addAndGet(attributes.size());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
