package fr.progerance.ops.backup.offsite;

import fr.progerance.ops.backup.offsite.FtpConnection.Entry;
import fr.progerance.ops.backup.offsite.OffsitePaths.Part;
import fr.progerance.ops.backup.offsite.OffsitePaths.RepoFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * R3.6-a: the off-site copy of restic repositories on an FTP or FTPS server of another site, with
 * Apache Commons Net. One connection per call (thread-safe: the settings are immutable, nothing
 * else is shared).
 *
 * <p><b>Mirror order.</b> The remote copy must be a usable repository at every moment, even when a
 * mirror stops half-way: uploads go {@code config}, {@code keys/}, {@code data/}, {@code index/},
 * {@code snapshots/} (an index never names a pack that is not there yet, a snapshot never names a
 * tree that no index knows); deletions go the other way, {@code snapshots/} (removed by forget),
 * then {@code index/}, then {@code data/} (packs removed by prune), then {@code keys/}. Deletions
 * happen only after every upload succeeded. {@code locks/} is never mirrored.
 *
 * <p><b>Uploads.</b> Each file goes to {@code <name>.part}, is renamed once its remote size equals
 * the local size (SIZE, else MLST, else LIST). A mirror that stopped resumes: complete files are
 * skipped (same name, same size: restic's files never change once written), a leftover
 * {@code .part} is continued with REST where the server offers {@code REST STREAM}, else sent
 * again.
 *
 * <p><b>Safety.</b> A remote copy whose {@code config} differs from the local one belongs to
 * another repository (the local one was re-created): the mirror refuses to touch it rather than
 * deleting the only good copy. Remote names and every file name are validated before any
 * connection.
 */
@Component
public class FtpOffsiteStore implements OffsiteStore {

    private static final Logger log = LoggerFactory.getLogger(FtpOffsiteStore.class);

    /** A restic config is a few hundred bytes; a remote one beyond this is not a config. */
    private static final long MAX_CONFIG_SIZE = 64 * 1024;

    private final OffsiteSettings settings;
    private final boolean useMlsd;

    /** The application's store: {@code ops.backup.offsite.*}, relative paths against {@code ops.data-dir}. */
    @Autowired
    public FtpOffsiteStore(OffsiteSettings settings, @Value("${ops.data-dir:./data}") String dataDir) {
        this(settings.resolvedAgainst(Path.of(dataDir)), true);
    }

    /** A store with resolved settings (absolute paths). */
    public FtpOffsiteStore(OffsiteSettings settings) {
        this(settings, true);
    }

    private FtpOffsiteStore(OffsiteSettings settings, boolean useMlsd) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.useMlsd = useMlsd;
        if (settings.configured()) {
            String protection = settings.tls() == OffsiteSettings.TlsMode.NONE ? "plain FTP"
                    : "FTPS " + settings.tls() + " trusting " + (settings.trustStore() == null
                            ? "the JVM's default CA certificates" : settings.trustStore());
            log.info("Off-site copy on FTP server {} as {} ({}, base directory '{}')", settings.describe(),
                    settings.user(), protection, settings.baseDirectory());
        } else {
            log.info("Off-site copy not configured ({}.host is blank): off-site calls will fail", OffsiteSettings.PREFIX);
        }
    }

    /** The same store listing directories with LIST even where the server offers MLSD (servers without MLSD). */
    FtpOffsiteStore listingWithoutMlsd() {
        return new FtpOffsiteStore(settings, false);
    }

    public OffsiteSettings settings() {
        return settings;
    }

    // --- mirror ------------------------------------------------------------------------------

    @Override
    public MirrorReport mirror(Path local, String remoteName) {
        String operation = "mirror of " + checkedName(remoteName, "mirror");
        requireConfigured(operation);
        List<RepoFile> files = localFiles(local, operation);
        long started = System.nanoTime();
        int transferred = 0;
        long bytes = 0;
        int inPlace = 0;
        int deleted = 0;
        int retriesLeft = settings.fileRetries();
        FtpConnection connection = FtpConnection.open(settings, operation, useMlsd);
        try {
            String root = connection.root(remoteName);
            connection.makeDirectories(root, null);
            RemoteTree tree = listTree(connection, root);
            requireSameRepository(connection, local, root, tree, operation);
            for (RepoFile file : files) {
                Long remoteSize = tree.files.get(file.relative());
                if (remoteSize != null && remoteSize == file.size()) {
                    inPlace++;
                    continue;
                }
                boolean retry = false;
                while (true) {
                    try {
                        bytes += upload(connection, local, root, tree, file, retry);
                        transferred++;
                        break;
                    } catch (OffsiteException e) {
                        if (!e.retryable() || retriesLeft == 0) {
                            throw e;
                        }
                        retriesLeft--;
                        log.warn("{}; trying {} again on a new connection ({} retries left, {}.file-retries)",
                                e.getMessage(), file.relative(), retriesLeft, OffsiteSettings.PREFIX);
                        connection.close();
                        connection = FtpConnection.open(settings, operation, useMlsd);
                        retry = true;
                    }
                }
            }
            // R3.6-c: what forget and prune removed locally goes off-site too, newest references first.
            Set<String> localNames = new HashSet<>();
            files.forEach(f -> localNames.add(f.relative()));
            for (Part part : Part.deletionOrder()) {
                for (String relative : List.copyOf(tree.files.keySet())) {
                    if (OffsitePaths.partOf(relative) == part && !localNames.contains(relative)) {
                        connection.delete(FtpConnection.join(root, relative), relative);
                        tree.files.remove(relative);
                        deleted++;
                    }
                }
                for (String relative : List.copyOf(tree.parts.keySet())) {
                    if (OffsitePaths.partOf(relative) == part) { // an unfinished upload of a file now gone
                        connection.delete(FtpConnection.join(root, relative) + OffsitePaths.PART,
                                relative + OffsitePaths.PART);
                        tree.parts.remove(relative);
                    }
                }
            }
            for (String relative : List.copyOf(tree.parts.keySet())) { // config.part beside a complete config
                connection.delete(FtpConnection.join(root, relative) + OffsitePaths.PART, relative + OffsitePaths.PART);
            }
        } finally {
            connection.close();
        }
        MirrorReport report = new MirrorReport(transferred, bytes, deleted, inPlace);
        log.info("Off-site {} on {}: {} files uploaded ({} bytes), {} deleted, {} already in place, in {} ms",
                operation, settings.describe(), transferred, bytes, deleted, inPlace, millisSince(started));
        return report;
    }

    /** Uploads one file to {@code .part}, verifies its size, renames it; returns the bytes sent. */
    private long upload(FtpConnection connection, Path local, String root, RemoteTree tree, RepoFile file,
            boolean retry) {
        String relative = file.relative();
        String target = FtpConnection.join(root, relative);
        String part = target + OffsitePaths.PART;
        String parent = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/')) : "";
        if (!tree.directories.contains(parent)) {
            connection.makeDirectories(FtpConnection.join(root, parent), relative);
            tree.directories.add(parent);
        }
        long partSize = retry || tree.parts.containsKey(relative) ? connection.size(part, relative + OffsitePaths.PART)
                : -1;
        long sent = 0;
        if (partSize != file.size()) { // equal: uploaded completely before, only the rename was missing
            long offset = partSize > 0 && partSize < file.size() && connection.supportsRestart() ? partSize : 0;
            if (offset > 0) {
                log.info("Off-site upload of {} resumes at byte {} of {}", relative, offset, file.size());
            }
            sent = connection.upload(local.resolve(relative), part, offset, relative);
        }
        tree.parts.put(relative, file.size());
        long uploaded = connection.size(part, relative + OffsitePaths.PART);
        if (uploaded != file.size()) {
            throw new OffsiteException(connection.prefix() + ": after the upload of " + relative + " the server holds "
                    + uploaded + " bytes, the local file has " + file.size(), true);
        }
        if (tree.files.containsKey(relative)) { // a wrong-size file from before: replaced
            connection.delete(target, relative);
            tree.files.remove(relative);
        }
        connection.rename(part, target, relative);
        tree.parts.remove(relative);
        tree.files.put(relative, file.size());
        return sent;
    }

    /** Refuses to mirror over the copy of another repository (the local one re-created with restic init). */
    private void requireSameRepository(FtpConnection connection, Path local, String root, RemoteTree tree,
            String operation) {
        Long remoteSize = tree.files.get(OffsitePaths.CONFIG);
        if (remoteSize == null) {
            return;
        }
        byte[] localConfig = readLocal(local.resolve(OffsitePaths.CONFIG), operation);
        boolean same = remoteSize == localConfig.length;
        if (same) {
            ByteArrayOutputStream remote = new ByteArrayOutputStream();
            connection.download(FtpConnection.join(root, OffsitePaths.CONFIG), remote, OffsitePaths.CONFIG);
            same = Arrays.equals(remote.toByteArray(), localConfig);
        }
        if (!same) {
            throw new OffsiteException(connection.prefix() + ": the off-site copy in " + root
                    + " belongs to another restic repository (its config differs from " + local.resolve("config")
                    + "); nothing was changed. Delete that copy deliberately or mirror under another name", false);
        }
    }

    // --- fetch -------------------------------------------------------------------------------

    @Override
    public MirrorReport fetch(String remoteName, Path target) {
        String operation = "fetch of " + checkedName(remoteName, "fetch");
        Objects.requireNonNull(target, "target");
        requireConfigured(operation);
        requireUsableTarget(target, operation);
        long started = System.nanoTime();
        int transferred = 0;
        long bytes = 0;
        int inPlace = 0;
        try (FtpConnection connection = FtpConnection.open(settings, operation, useMlsd)) {
            String root = connection.root(remoteName);
            if (!connection.directoryExists(root, null)) {
                throw new OffsiteException(connection.prefix() + ": there is no off-site copy in " + root, false);
            }
            RemoteTree tree = listTree(connection, root);
            if (!tree.files.containsKey(OffsitePaths.CONFIG)) {
                throw new OffsiteException(connection.prefix() + ": " + root
                        + " holds no restic repository copy (no config file)", false);
            }
            List<RepoFile> files = new ArrayList<>();
            tree.files.forEach((relative, size) -> files.add(new RepoFile(relative, size)));
            files.sort(OffsitePaths.uploadOrder());
            for (RepoFile file : files) {
                Path destination = target.resolve(file.relative());
                if (alreadyFetched(destination, file, operation)) {
                    inPlace++;
                    continue;
                }
                download(connection, root, file, destination, operation);
                transferred++;
                bytes += file.size();
            }
            createLayout(target, operation);
        }
        MirrorReport report = new MirrorReport(transferred, bytes, 0, inPlace);
        log.info("Off-site {} from {} into {}: {} files downloaded ({} bytes), {} already there, in {} ms", operation,
                settings.describe(), target, transferred, bytes, inPlace, millisSince(started));
        return report;
    }

    private void download(FtpConnection connection, String root, RepoFile file, Path destination, String operation) {
        Path temporary = destination.resolveSibling(destination.getFileName() + OffsitePaths.PART);
        MessageDigest sha256 = sha256();
        long received;
        try {
            Files.createDirectories(destination.getParent());
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), sha256)) {
                received = connection.download(FtpConnection.join(root, file.relative()), out, file.relative());
            }
        } catch (IOException e) {
            throw new OffsiteException(prefix(operation) + ": cannot write " + temporary + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), true, OffsiteException.NO_REPLY, e);
        }
        if (received != file.size()) {
            deleteQuietly(temporary);
            throw new OffsiteException(connection.prefix() + ": received " + received + " bytes of " + file.relative()
                    + ", the server lists " + file.size(), true);
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (file.hashNamed() && !digest.equals(file.name())) {
            deleteQuietly(temporary);
            throw new OffsiteException(connection.prefix() + ": the off-site file " + file.relative()
                    + " is corrupt: its SHA-256 is " + digest + ", restic named it after its content", false);
        }
        try {
            Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new OffsiteException(prefix(operation) + ": cannot move " + temporary + " into place: "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), true, OffsiteException.NO_REPLY, e);
        }
    }

    /** A file of an interrupted earlier fetch: same size and, for hash-named files, the right content. */
    private boolean alreadyFetched(Path destination, RepoFile file, String operation) {
        try {
            if (!Files.isRegularFile(destination) || Files.size(destination) != file.size()) {
                return false;
            }
            if (!file.hashNamed()) {
                return false; // config: small, fetched again
            }
            MessageDigest sha256 = sha256();
            try (InputStream in = Files.newInputStream(destination);
                    OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
                in.transferTo(out);
            }
            return HexFormat.of().formatHex(sha256.digest()).equals(file.name());
        } catch (IOException e) {
            throw new OffsiteException(prefix(operation) + ": cannot read " + destination + ": "
                    + e.getClass().getSimpleName(), true, OffsiteException.NO_REPLY, e);
        }
    }

    /** Absent, empty, or what an interrupted fetch left (repository entries only). */
    private void requireUsableTarget(Path target, String operation) {
        if (!Files.exists(target)) {
            try { // owner only, as restic creates its repositories
                Files.createDirectories(target.toAbsolutePath().getParent());
                Files.createDirectory(target, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                createDirectory(target, operation);
            } catch (IOException e) {
                throw new OffsiteException(prefix(operation) + ": cannot create the target " + target + ": "
                        + e.getClass().getSimpleName() + " " + e.getMessage(), false, OffsiteException.NO_REPLY, e);
            }
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new OffsiteException(prefix(operation) + ": the target " + target + " is not a directory", false);
        }
        Set<String> layout = Set.of("config", "config.part", "keys", "data", "index", "snapshots", "locks");
        try (Stream<Path> entries = Files.list(target)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString()).filter(n -> !layout.contains(n))
                    .sorted().toList();
            if (!foreign.isEmpty()) {
                throw new OffsiteException(prefix(operation) + ": the target " + target
                        + " must be empty or absent; it holds " + foreign.get(0)
                        + (foreign.size() > 1 ? " and " + (foreign.size() - 1) + " more" : ""), false);
            }
        } catch (IOException e) {
            throw new OffsiteException(prefix(operation) + ": cannot read the target " + target + ": "
                    + e.getClass().getSimpleName(), false, OffsiteException.NO_REPLY, e);
        }
    }

    private void createDirectory(Path target, String operation) {
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new OffsiteException(prefix(operation) + ": cannot create the target " + target + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), false, OffsiteException.NO_REPLY, e);
        }
    }

    /** The directories restic's local backend expects, as {@code restic init} creates them. */
    private static void createLayout(Path target, String operation) {
        try {
            for (String dir : List.of("keys", "index", "snapshots", "locks")) {
                Files.createDirectories(target.resolve(dir));
            }
            for (int i = 0; i < 256; i++) {
                Files.createDirectories(target.resolve("data").resolve(String.format("%02x", i)));
            }
        } catch (IOException e) {
            throw new OffsiteException("Off-site " + operation + ": cannot create the repository layout in " + target
                    + ": " + e.getClass().getSimpleName(), true, OffsiteException.NO_REPLY, e);
        }
    }

    // --- check -------------------------------------------------------------------------------

    @Override
    public OffsiteCheckReport check(Path local, String remoteName, int n, int m) {
        String operation = "check of " + checkedName(remoteName, "check");
        if (m < 1 || n < 0 || n >= m) {
            throw new OffsiteException("Off-site " + operation + ": subset " + n + " of " + m
                    + " does not exist (0 <= n < m)", false);
        }
        requireConfigured(operation);
        List<RepoFile> files = localFiles(local, operation);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (FtpConnection connection = FtpConnection.open(settings, operation, useMlsd)) {
            String root = connection.root(remoteName);
            if (!connection.directoryExists(root, null)) {
                problems.add("no off-site copy in " + root + " on " + settings.describe());
                return new OffsiteCheckReport(0, problems);
            }
            RemoteTree tree = listTree(connection, root);
            Set<String> localNames = new HashSet<>();
            for (RepoFile file : files) {
                localNames.add(file.relative());
                Long remoteSize = tree.files.get(file.relative());
                if (remoteSize == null) {
                    problems.add("missing off-site: " + file.relative() + " (" + file.size() + " bytes locally)");
                } else if (remoteSize != file.size()) {
                    problems.add("size differs: " + file.relative() + " has " + remoteSize + " bytes off-site, "
                            + file.size() + " locally");
                }
            }
            tree.files.keySet().stream().filter(r -> !localNames.contains(r)).forEach(r -> problems.add(
                    "only off-site: " + r + " (gone locally; the next mirror deletes it)"));
            tree.parts.keySet().forEach(r -> problems.add("unfinished upload off-site: " + r + OffsitePaths.PART
                    + " (the next mirror completes or deletes it)"));
            for (RepoFile file : files) {
                Long remoteSize = tree.files.get(file.relative());
                if (remoteSize == null || remoteSize != file.size() || !OffsitePaths.inSubset(file, n, m)) {
                    continue;
                }
                String remote = FtpConnection.join(root, file.relative());
                if (file.hashNamed()) {
                    MessageDigest sha256 = sha256();
                    connection.download(remote, new DigestOutputStream(OutputStream.nullOutputStream(), sha256),
                            file.relative());
                    String digest = HexFormat.of().formatHex(sha256.digest());
                    if (!digest.equals(file.name())) {
                        problems.add("corrupt off-site: " + file.relative() + " has SHA-256 " + digest
                                + " (restic names files by content)");
                    }
                } else {
                    ByteArrayOutputStream remoteConfig = new ByteArrayOutputStream();
                    connection.download(remote, remoteConfig, file.relative());
                    if (!Arrays.equals(remoteConfig.toByteArray(), readLocal(local.resolve(file.relative()),
                            operation))) {
                        problems.add("config differs off-site: the copy belongs to another repository or is corrupt");
                    }
                }
                checked++;
            }
        }
        OffsiteCheckReport report = new OffsiteCheckReport(checked, problems);
        if (report.sound()) {
            log.info("Off-site {} on {} (subset {} of {}): {} files hashed, sound", operation, settings.describe(), n,
                    m, checked);
        } else {
            log.warn("Off-site {} on {} (subset {} of {}): {} files hashed, {} problems, first: {}", operation,
                    settings.describe(), n, m, checked, problems.size(), problems.get(0));
        }
        return report;
    }

    // --- delete ------------------------------------------------------------------------------

    @Override
    public void delete(String remoteName) {
        String operation = "deletion of " + checkedName(remoteName, "deletion");
        requireConfigured(operation);
        try (FtpConnection connection = FtpConnection.open(settings, operation, useMlsd)) {
            String root = connection.root(remoteName);
            if (!connection.directoryExists(root, null)) {
                log.info("Off-site {} on {}: {} is already gone", operation, settings.describe(), root);
                return;
            }
            int files = deleteTree(connection, root, true);
            log.info("Off-site {} on {}: {} deleted ({} files)", operation, settings.describe(), root, files);
        }
    }

    /** Deletes a directory's content, snapshots first and config last (R3.6: still usable while it goes), then it. */
    private int deleteTree(FtpConnection connection, String dir, boolean repositoryRoot) {
        List<Entry> entries = new ArrayList<>(connection.list(dir));
        for (Entry entry : entries) {
            if (entry.name().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new OffsiteException(connection.prefix() + ": " + dir
                        + " holds a name with control characters; delete it by hand", false);
            }
        }
        List<String> order = List.of("snapshots", "index", "data", "keys");
        entries.sort(Comparator.<Entry>comparingInt(e -> {
            if (!repositoryRoot) {
                return e.directory() ? 0 : 1;
            }
            int i = order.indexOf(e.name());
            return i >= 0 && e.directory() ? i : e.name().equals(OffsitePaths.CONFIG) ? 99 : e.directory() ? 10 : 11;
        }).thenComparing(Entry::name));
        int deleted = 0;
        for (Entry entry : entries) {
            String path = FtpConnection.join(dir, entry.name());
            if (entry.directory()) {
                deleted += deleteTree(connection, path, false);
            } else {
                connection.delete(path, entry.name());
                deleted++;
            }
        }
        connection.removeDirectory(dir);
        return deleted;
    }

    // --- remote listing ----------------------------------------------------------------------

    /** The repository files of a remote copy and the unfinished uploads ({@code .part}), by relative name. */
    private static final class RemoteTree {
        final Map<String, Long> files = new TreeMap<>();
        final Map<String, Long> parts = new TreeMap<>();
        final Set<String> directories = new HashSet<>();

        void record(String relative, long size) {
            if (OffsitePaths.isRepoFile(relative)) {
                files.put(relative, size);
            } else if (relative.endsWith(OffsitePaths.PART)) {
                String complete = relative.substring(0, relative.length() - OffsitePaths.PART.length());
                if (OffsitePaths.isRepoFile(complete)) {
                    parts.put(complete, size);
                }
            }
            // Anything else is not the store's: left alone.
        }
    }

    private static RemoteTree listTree(FtpConnection connection, String root) {
        RemoteTree tree = new RemoteTree();
        tree.directories.add("");
        Set<String> partDirectories = Set.of("keys", "data", "index", "snapshots");
        for (Entry entry : connection.list(root)) {
            if (entry.directory() && partDirectories.contains(entry.name())) {
                tree.directories.add(entry.name());
            } else if (!entry.directory()) {
                tree.record(entry.name(), entry.size());
            }
        }
        for (String dir : List.of("keys", "index", "snapshots")) {
            if (tree.directories.contains(dir)) {
                for (Entry entry : connection.list(FtpConnection.join(root, dir))) {
                    if (!entry.directory()) {
                        tree.record(dir + "/" + entry.name(), entry.size());
                    }
                }
            }
        }
        if (tree.directories.contains("data")) {
            for (Entry sub : connection.list(FtpConnection.join(root, "data"))) {
                if (!sub.directory() || !OffsitePaths.DATA_SUBDIR.matcher(sub.name()).matches()) {
                    continue;
                }
                String dir = "data/" + sub.name();
                tree.directories.add(dir);
                for (Entry entry : connection.list(FtpConnection.join(root, dir))) {
                    if (!entry.directory()) {
                        tree.record(dir + "/" + entry.name(), entry.size());
                    }
                }
            }
        }
        return tree;
    }

    // --- helpers -----------------------------------------------------------------------------

    /** The validated remote name; a bad one fails before any connection. */
    private static String checkedName(String remoteName, String operation) {
        try {
            return OffsitePaths.checkRemoteName(remoteName);
        } catch (IllegalArgumentException e) {
            throw new OffsiteException("Off-site " + operation + " refused: " + e.getMessage(), false);
        }
    }

    private static List<RepoFile> localFiles(Path local, String operation) {
        Objects.requireNonNull(local, "local");
        try {
            return OffsitePaths.scanLocal(local);
        } catch (IllegalArgumentException e) {
            throw new OffsiteException("Off-site " + operation + " refused: " + e.getMessage(), false);
        } catch (UncheckedIOException e) {
            throw new OffsiteException("Off-site " + operation + ": " + e.getMessage(), true,
                    OffsiteException.NO_REPLY, e);
        }
    }

    private void requireConfigured(String operation) {
        if (!settings.configured()) {
            throw new OffsiteException("The off-site copy is not configured (R3.6-a): set " + OffsiteSettings.PREFIX
                    + ".host, with .user and .password-file, to the FTP server of the other site; " + operation
                    + " not done", false);
        }
    }

    private String prefix(String operation) {
        return "Off-site FTP server " + settings.describe() + ", " + operation;
    }

    private byte[] readLocal(Path file, String operation) {
        try {
            if (Files.size(file) > MAX_CONFIG_SIZE) {
                throw new OffsiteException(prefix(operation) + ": " + file + " is too large for a restic config", false);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new OffsiteException(prefix(operation) + ": cannot read " + file + ": " + e.getClass().getSimpleName(),
                    true, OffsiteException.NO_REPLY, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Could not delete {}: {}", file, e.getClass().getSimpleName());
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
