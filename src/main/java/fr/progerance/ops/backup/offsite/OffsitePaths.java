package fr.progerance.ops.backup.offsite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names on the off-site side and the layout of a restic repository (restic 0.14, local backend):
 *
 * <pre>
 * config                 the repository's id and parameters (encrypted; not named by its hash)
 * keys/&lt;sha256&gt;         master key encrypted by each password
 * data/&lt;xx&gt;/&lt;sha256&gt;     packs, xx = the first two hex digits of the name
 * index/&lt;sha256&gt;        which blob lives in which pack
 * snapshots/&lt;sha256&gt;    one per backup
 * locks/                 transient locks: never mirrored
 * </pre>
 *
 * Every file but {@code config} is named by the SHA-256 of its (encrypted) content; for
 * {@code keys/} too (checked with restic 0.14: {@code AddKey} saves the key under
 * {@code restic.Hash(buf)}). Anything else in the local directory (restic's temporary files, other
 * tools' files) is not part of the repository and is not mirrored.
 *
 * <p>Every name sent to the FTP server is built from validated segments ({@code [A-Za-z0-9._-]},
 * not {@code .} nor {@code ..}), so nothing escapes the base directory.
 */
final class OffsitePaths {

    /** A path segment the store accepts. */
    static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    static final Pattern DATA_SUBDIR = Pattern.compile("[0-9a-f]{2}");

    /** Suffix of a file being uploaded; renamed to its final name once its size is verified. */
    static final String PART = ".part";

    static final String CONFIG = "config";

    /** The parts of a repository, in upload order: what a file refers to is always there before it. */
    enum Part {
        CONFIG(""), KEYS("keys"), DATA("data"), INDEX("index"), SNAPSHOTS("snapshots");

        final String directory;

        Part(String directory) {
            this.directory = directory;
        }

        /** Deletion order: snapshots first, then indexes, then packs (R3.6-c: what forget/prune removed). */
        static List<Part> deletionOrder() {
            return List.of(SNAPSHOTS, INDEX, DATA, KEYS);
        }
    }

    /** A file of the repository: its path relative to the repository's root ({@code data/ab/ab12...}) and size. */
    record RepoFile(String relative, long size) {

        Part part() {
            return partOf(relative);
        }

        /** The last segment, which is the content's SHA-256 for every file but {@code config}. */
        String name() {
            return relative.substring(relative.lastIndexOf('/') + 1);
        }

        boolean hashNamed() {
            return !relative.equals(CONFIG);
        }
    }

    private OffsitePaths() {
    }

    /**
     * Validates a remote name ({@code client-12}, or several segments {@code prod/client-12}).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static String checkRemoteName(String remoteName) {
        if (remoteName == null || remoteName.isBlank()) {
            throw new IllegalArgumentException("the remote name is empty");
        }
        if (remoteName.startsWith("/") || remoteName.endsWith("/")) {
            throw new IllegalArgumentException("the remote name '" + printable(remoteName)
                    + "' must be relative, without a leading or trailing /");
        }
        for (String segment : remoteName.split("/", -1)) {
            checkSegment(segment, "the remote name '" + printable(remoteName) + "'");
        }
        return remoteName;
    }

    /** The base directory: empty, or segments separated by {@code /}, optionally absolute. */
    static void checkBaseDirectory(String base) {
        if (base.isEmpty() || base.equals("/")) {
            return;
        }
        String relative = base.startsWith("/") ? base.substring(1) : base;
        if (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        for (String segment : relative.split("/", -1)) {
            if (!isSegment(segment)) {
                throw new IllegalArgumentException(OffsiteSettings.PREFIX + ".base-directory '" + printable(base)
                        + "' may only hold segments of letters, digits, '.', '_' and '-' (no '..'), separated by /");
            }
        }
    }

    static boolean isSegment(String segment) {
        return SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
    }

    private static void checkSegment(String segment, String what) {
        if (!isSegment(segment)) {
            throw new IllegalArgumentException(what + " may only hold segments of letters, digits, '.', '_' and '-'"
                    + " (no '..', no empty segment)");
        }
    }

    /** Whether {@code relative} is a file of a restic repository that the store copies. */
    static boolean isRepoFile(String relative) {
        if (relative.equals(CONFIG)) {
            return true;
        }
        String[] s = relative.split("/", -1);
        if (s.length == 2) {
            return (s[0].equals("keys") || s[0].equals("index") || s[0].equals("snapshots"))
                    && SHA256.matcher(s[1]).matches();
        }
        return s.length == 3 && s[0].equals("data") && DATA_SUBDIR.matcher(s[1]).matches()
                && SHA256.matcher(s[2]).matches() && s[2].startsWith(s[1]);
    }

    static Part partOf(String relative) {
        if (relative.equals(CONFIG)) {
            return Part.CONFIG;
        }
        return switch (relative.substring(0, relative.indexOf('/'))) {
            case "keys" -> Part.KEYS;
            case "data" -> Part.DATA;
            case "index" -> Part.INDEX;
            case "snapshots" -> Part.SNAPSHOTS;
            default -> throw new IllegalArgumentException("not a repository file: " + relative);
        };
    }

    /**
     * The repository's files, sorted by upload order then name.
     *
     * @throws IllegalArgumentException when {@code repository} is not a restic repository (no {@code config})
     */
    static List<RepoFile> scanLocal(Path repository) {
        if (!Files.isRegularFile(repository.resolve(CONFIG))) {
            throw new IllegalArgumentException("the local directory " + repository
                    + " is not a restic repository (no config file)");
        }
        List<RepoFile> files = new ArrayList<>();
        try {
            files.add(new RepoFile(CONFIG, Files.size(repository.resolve(CONFIG))));
            for (Part part : List.of(Part.KEYS, Part.DATA, Part.INDEX, Part.SNAPSHOTS)) {
                Path dir = repository.resolve(part.directory);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(dir, part == Part.DATA ? 2 : 1)) {
                    for (Path file : (Iterable<Path>) walk::iterator) {
                        String relative = repository.relativize(file).toString().replace('\\', '/');
                        if (Files.isRegularFile(file) && isRepoFile(relative)) {
                            files.add(new RepoFile(relative, Files.size(file)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local repository " + repository + ": " + e.getMessage(), e);
        }
        files.sort(uploadOrder());
        return files;
    }

    static Comparator<RepoFile> uploadOrder() {
        return Comparator.comparing(RepoFile::part).thenComparing(RepoFile::relative);
    }

    /** Whether a hash-named file belongs to subset {@code n} of {@code m}; {@code config} is in subset 0. */
    static boolean inSubset(RepoFile file, int n, int m) {
        if (!file.hashNamed()) {
            return n == 0;
        }
        return Long.parseLong(file.name().substring(0, 8), 16) % m == n;
    }

    /** Control characters and overly long names are not echoed into messages as they are. */
    static String printable(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
