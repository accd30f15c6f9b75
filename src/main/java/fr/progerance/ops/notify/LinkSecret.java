package fr.progerance.ops.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the link secret comes from: the setting {@code ops.links.secret} when set, otherwise a
 * random 32-byte secret generated once into {@code <data-dir>/secrets/links.key} (base64url text,
 * permissions 0600, directory 0700) and read again on every start. The secret itself is never
 * logged.
 */
final class LinkSecret {

    private static final Logger LOG = LoggerFactory.getLogger(LinkSecret.class);
    static final String FILE = "links.key";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private LinkSecret() {
    }

    /** The secret of the setting, or of the file under {@code dataDir} (created when missing). */
    static byte[] resolve(String setting, Path dataDir) {
        if (setting != null && !setting.isBlank()) {
            byte[] secret = setting.getBytes(StandardCharsets.UTF_8);
            if (secret.length < LinkSettings.MIN_SECRET_BYTES) {
                throw new IllegalStateException("ops.links.secret must have at least " + LinkSettings.MIN_SECRET_BYTES
                        + " bytes (it has " + secret.length + "); use for example `openssl rand -base64 48`");
            }
            return secret;
        }
        return fromFile(dataDir.resolve("secrets").resolve(FILE));
    }

    static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the link secret file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        byte[] secret = new byte[LinkSettings.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n";
        // Write a private temporary file, then move it in place: another node starting on the same
        // data directory never reads a half-written secret, and the first one to move wins.
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, FILE, ".tmp", attributes);
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file);
            LOG.info("Created the link secret file {} (owner-only). A cluster must instead share one secret "
                    + "through the setting ops.links.secret.", file);
        } catch (FileAlreadyExistsException e) {
            LOG.debug("Link secret file {} created concurrently; using it", file);
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (!posix) {
            LOG.warn("The file system of {} has no POSIX permissions: restrict access to it by hand", file);
        }
    }

    private static byte[] read(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_FILE.containsAll(perms)) {
                LOG.warn("The link secret file {} is readable by others ({}): chmod 600 it",
                        file, PosixFilePermissions.toString(perms));
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] secret;
        try {
            secret = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The link secret file " + file + " is not base64url text");
        }
        if (secret.length < LinkSettings.MIN_SECRET_BYTES) {
            throw new IllegalStateException("The link secret file " + file + " holds fewer than "
                    + LinkSettings.MIN_SECRET_BYTES + " bytes");
        }
        return secret;
    }
}
