package fr.progerance.ops.backup.offsite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A real restic repository for the off-site tests (restic from the Debian package, 0.14): init,
 * backups of generated incompressible data through {@code --stdin}, forget/prune, and reading back
 * with {@code snapshots} and {@code dump}. Runs restic with a test-only password file and no cache.
 */
final class ResticTestRepository {

    static final String STDIN_NAME = "dump.sql";

    private final Path repository;
    private final Path passwordFile;

    private ResticTestRepository(Path repository, Path passwordFile) {
        this.repository = repository;
        this.passwordFile = passwordFile;
    }

    /** Initialises a repository in {@code dir/repo} with a fresh password file. */
    static ResticTestRepository init(Path dir) {
        try {
            Files.createDirectories(dir);
            Path password = dir.resolve("restic.password");
            Files.createFile(password, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(password, "test-only-restic-password\n");
            ResticTestRepository repo = new ResticTestRepository(dir.resolve("repo"), password);
            repo.restic(null, "init");
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same password, another directory (a fetched copy). */
    ResticTestRepository at(Path otherRepository) {
        return new ResticTestRepository(otherRepository, passwordFile);
    }

    Path path() {
        return repository;
    }

    /** Backs up {@code size} random bytes (seeded) from stdin; returns their SHA-256. */
    String backup(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        restic(data, "backup", "--stdin", "--stdin-filename", STDIN_NAME, "--host", "test");
        return sha256(data);
    }

    /** The snapshot ids, oldest first. */
    List<String> snapshotIds() {
        String out = restic(null, "snapshots", "--json");
        List<String> ids = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f]{64})\"").matcher(out);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** SHA-256 of the file restored with {@code restic dump}. */
    String dumpSha256(String snapshotId) {
        return sha256(resticBytes(null, "dump", snapshotId, "/" + STDIN_NAME));
    }

    void forgetKeepLastAndPrune(int keep) {
        restic(null, "forget", "--keep-last", String.valueOf(keep), "--prune");
    }

    void check() {
        restic(null, "check");
    }

    /** Every repository file (locks excluded) with its size, by relative path. */
    static Map<String, Long> files(Path root) {
        Map<String, Long> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                String relative = root.relativize(file).toString();
                if (Files.isRegularFile(file) && !relative.startsWith("locks/")) {
                    files.put(relative, Files.size(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    String restic(byte[] stdin, String... args) {
        return new String(resticBytes(stdin, args), StandardCharsets.UTF_8);
    }

    private byte[] resticBytes(byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("restic", "--repo", repository.toString(), "--no-cache", "-q"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("RESTIC_PASSWORD_FILE", passwordFile.toString());
        builder.environment().remove("RESTIC_PASSWORD");
        builder.environment().remove("RESTIC_REPOSITORY");
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return process.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            byte[] out = process.getInputStream().readAllBytes();
            int status = process.waitFor();
            if (status != 0) {
                throw new IllegalStateException("restic " + String.join(" ", args) + " exited " + status + ": "
                        + new String(err.join(), StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
