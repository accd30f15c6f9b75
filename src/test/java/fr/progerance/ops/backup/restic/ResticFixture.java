package fr.progerance.ops.backup.restic;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real restic for the tests (DESIGN rule 10): repositories and password files in a temporary
 * directory, and restic processes started outside the wrapper to hold locks.
 */
public final class ResticFixture {

    private ResticFixture() {
    }

    /** Fails (never skips) when restic is not installed: {@code ./run-tests} installs Debian's package. */
    public static void requireRestic() {
        try {
            Process process = new ProcessBuilder("restic", "version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0
                    || !output.startsWith("restic ")) {
                fail("'restic version' did not work (" + output.strip() + "): install restic 0.14 or newer"
                        + " (Debian: apt-get install restic; ./run-tests does it)");
            }
        } catch (IOException e) {
            fail("restic is not installed (" + e.getMessage() + "): these tests need the real binary; install"
                    + " restic 0.14 or newer (Debian: apt-get install restic; ./run-tests does it)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** A new 0600 password file with a random password. */
    public static Path passwordFile(Path dir, String name) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try {
            Files.createDirectories(dir);
            Path file = Files.writeString(dir.resolve(name), Base64.getEncoder().encodeToString(secret) + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A repository location (not yet created) with its own password file. */
    public static ResticRepository repository(Path dir, String name) {
        return new ResticRepository(dir.resolve(name), passwordFile(dir.resolve("secrets"), name + ".password"));
    }

    /** The wrapper with the default settings and its cache under {@code dir}. */
    public static ProcessRestic restic(Path dir) {
        return new ProcessRestic(settings(dir));
    }

    public static ResticSettings settings(Path dir) {
        return ResticSettings.defaults(dir.resolve("cache"));
    }

    /**
     * Starts {@code restic backup --stdin} outside the wrapper, with its standard input kept open, and
     * returns once restic has opened the repository and holds its lock (its first status line).
     */
    public static Process startBackupHoldingLock(ResticRepository repository, Path cacheDir) {
        List<String> command = new ArrayList<>(List.of("restic", "--repo", repository.location().toString(),
                "backup", "--json", "--stdin", "--stdin-filename", "held.bin"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("RESTIC_"));
        builder.environment().put("RESTIC_PASSWORD_FILE", repository.passwordFile().toString());
        builder.environment().put("RESTIC_CACHE_DIR", cacheDir.toString());
        try {
            Process process = builder.start();
            process.getOutputStream().write("some data".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = lines.readLine(); // printed once the repository is open and locked
            if (first == null) {
                process.destroyForcibly();
                fail("restic backup --stdin ended before it locked " + repository);
            }
            Thread drain = new Thread(() -> {
                try {
                    while (lines.readLine() != null) {
                        // keep restic's output flowing
                    }
                } catch (IOException ignored) {
                    // the process was killed
                }
            }, "test-restic-drain");
            drain.setDaemon(true);
            drain.start();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: restic gets no chance to remove its lock. */
    public static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a condition (polling); the limit only stops a broken test from hanging. */
    public static void await(String what, BooleanSupplier condition) {
        long limit = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > limit) {
                fail("Gave up waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for: " + what);
            }
        }
    }

    /** An executable shell script in {@code dir}. */
    public static Path script(Path dir, String name, String body) {
        try {
            Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deterministic pseudo-random bytes (compress badly, like a real dump). */
    public static byte[] data(int size, long seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }
}
