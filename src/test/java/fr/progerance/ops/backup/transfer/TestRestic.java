package fr.progerance.ops.backup.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.restic.ResticBackupSummary;
import fr.progerance.ops.backup.restic.ResticException;
import fr.progerance.ops.backup.restic.ResticLock;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal test-only {@link Restic} over the real {@code restic} binary, for the few calls the
 * transfer tests need (init, backup --stdin, snapshots, forget, dump, unlock). The application's own
 * implementation of the port replaces it once both are merged; it is deliberately small.
 *
 * <p>When the data stream of a backup fails, it kills restic (no snapshot), unless built with
 * {@link #savingOnBrokenInput()}, which closes restic's input instead: restic then saves a snapshot of
 * what it read, the DESIGN trap the transfer must clean up after.
 */
final class TestRestic implements Restic {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final boolean saveOnBrokenInput;

    private TestRestic(boolean saveOnBrokenInput) {
        this.saveOnBrokenInput = saveOnBrokenInput;
    }

    static TestRestic killingOnBrokenInput() {
        return new TestRestic(false);
    }

    static TestRestic savingOnBrokenInput() {
        return new TestRestic(true);
    }

    @Override
    public String version() {
        String out = new String(run(null, List.of("version"), null, null), java.nio.charset.StandardCharsets.UTF_8);
        return out.split(" ")[1];
    }

    @Override
    public void initIfMissing(ResticRepository repository) {
        if (!exists(repository)) {
            run(repository, List.of("init"), null, null);
        }
    }

    @Override
    public boolean exists(ResticRepository repository) {
        try {
            run(repository, List.of("cat", "config"), null, null);
            return true;
        } catch (ResticException e) {
            return false;
        }
    }

    @Override
    public ResticBackupSummary backupStdin(ResticRepository repository, String filename, List<String> tags,
            Instant time, InputStream data) {
        List<String> args = new ArrayList<>(List.of("backup", "--json", "--stdin", "--stdin-filename", filename));
        for (String tag : tags) {
            args.add("--tag");
            args.add(tag);
        }
        if (time != null) {
            args.add("--time");
            args.add(TIME.format(time));
        }
        byte[] out = run(repository, args, data, null);
        for (String line : new String(out, java.nio.charset.StandardCharsets.UTF_8).lines().toList()) {
            try {
                JsonNode node = JSON.readTree(line);
                if ("summary".equals(node.path("message_type").asText())) {
                    return new ResticBackupSummary(node.path("snapshot_id").asText(),
                            node.path("total_bytes_processed").asLong(), node.path("data_added").asLong(),
                            Duration.ofMillis((long) (node.path("total_duration").asDouble() * 1000)));
                }
            } catch (IOException ignored) {
                // not a JSON line
            }
        }
        throw new ResticException("restic backup printed no summary");
    }

    @Override
    public List<ResticSnapshot> snapshots(ResticRepository repository, List<String> tags) {
        List<String> args = new ArrayList<>(List.of("snapshots", "--json"));
        if (!tags.isEmpty()) {
            args.add("--tag");
            args.add(String.join(",", tags));
        }
        try {
            List<ResticSnapshot> snapshots = new ArrayList<>();
            for (JsonNode node : JSON.readTree(run(repository, args, null, null))) {
                List<String> paths = new ArrayList<>();
                node.path("paths").forEach(p -> paths.add(p.asText()));
                List<String> snapshotTags = new ArrayList<>();
                node.path("tags").forEach(t -> snapshotTags.add(t.asText()));
                snapshots.add(new ResticSnapshot(node.path("id").asText(), node.path("short_id").asText(),
                        java.time.OffsetDateTime.parse(node.path("time").asText()).toInstant(),
                        node.path("hostname").asText(), paths, snapshotTags));
            }
            return snapshots;
        } catch (IOException e) {
            throw new ResticException("cannot read restic snapshots --json", e);
        }
    }

    @Override
    public void forget(ResticRepository repository, List<String> snapshotIds, boolean prune) {
        List<String> args = new ArrayList<>(List.of("forget"));
        if (prune) {
            args.add("--prune");
        }
        args.addAll(snapshotIds);
        run(repository, args, null, null);
    }

    @Override
    public void dump(ResticRepository repository, String snapshotId, String path, OutputStream out) {
        run(repository, List.of("dump", snapshotId, path), null, out);
    }

    @Override
    public long restoreSize(ResticRepository repository, String snapshotId) {
        throw new UnsupportedOperationException("not needed by the transfer tests");
    }

    @Override
    public void prune(ResticRepository repository) {
        throw new UnsupportedOperationException("not needed by the transfer tests");
    }

    @Override
    public void check(ResticRepository repository, String readDataSubset) {
        throw new UnsupportedOperationException("not needed by the transfer tests");
    }

    @Override
    public List<ResticLock> locks(ResticRepository repository) {
        throw new UnsupportedOperationException("not needed by the transfer tests");
    }

    @Override
    public void unlock(ResticRepository repository) {
        run(repository, List.of("unlock"), null, null);
    }

    /** Runs restic; stdout goes to {@code out} when given, else it is returned. Non-zero exit: ResticException. */
    private byte[] run(ResticRepository repository, List<String> args, InputStream stdin, OutputStream out) {
        List<String> command = new ArrayList<>(List.of("restic", "--no-cache", "--quiet"));
        if (repository != null) {
            command.addAll(List.of("--repo", repository.location().toString(), "--password-file",
                    repository.passwordFile().toString()));
        }
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).start();
            Thread feeder = new Thread(() -> feed(process, stdin), "test-restic-stdin");
            feeder.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errors = new Thread(() -> {
                try {
                    process.getErrorStream().transferTo(err);
                } catch (IOException ignored) {
                    // process gone
                }
            });
            errors.start();
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            IOException outFailure = null;
            try {
                process.getInputStream().transferTo(out == null ? kept : out);
            } catch (IOException e) {
                outFailure = e;
                process.destroyForcibly();
            }
            int status = process.waitFor();
            feeder.join();
            errors.join();
            if (outFailure != null) {
                throw new ResticException("restic " + args.get(0) + ": writing its output failed: "
                        + outFailure.getMessage(), outFailure);
            }
            if (status != 0) {
                throw new ResticException("restic " + args.get(0) + " exited with status " + status + ": "
                        + err.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
            }
            return kept.toByteArray();
        } catch (IOException e) {
            throw new ResticException("cannot run restic", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResticException("interrupted", e);
        }
    }

    /**
     * SIGINT, as Ctrl-C: restic cancels the backup (no snapshot) and removes its lock. A SIGKILL would
     * leave a stale lock behind, which blocks every later exclusive operation (forget, prune) until
     * {@code restic unlock}.
     */
    private static void interrupt(Process process) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void feed(Process process, InputStream stdin) {
        OutputStream in = process.getOutputStream();
        try {
            if (stdin != null) {
                try {
                    stdin.transferTo(in);
                } catch (IOException e) {
                    if (!saveOnBrokenInput) {
                        interrupt(process); // a broken input must not become a snapshot
                        return;
                    }
                }
            }
            in.close();
        } catch (IOException ignored) {
            // restic ended first: its status says why
        }
    }
}
