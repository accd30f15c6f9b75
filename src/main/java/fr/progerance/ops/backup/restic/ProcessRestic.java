package fr.progerance.ops.backup.restic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@link Restic} on the restic binary, through {@link ProcessBuilder} with an argument list (no
 * shell).
 *
 * <ul>
 *   <li>DESIGN rule 6: the environment is cleared of every inherited {@code RESTIC_*} variable; the
 *       password reaches restic only as {@code RESTIC_PASSWORD_FILE} (a 0600 file, checked before
 *       every call). This class never reads the password; messages and logs name the file at most.
 *   <li>{@code TZ=UTC} for restic, so that {@code --time} (restic's local time) is written and read
 *       in UTC; {@code RESTIC_CACHE_DIR} from {@code ops.backup.restic.cache-dir}.
 *   <li>Standard output, standard error and standard input each have their own thread (no pipe
 *       deadlock); standard error is kept up to {@value #MAX_ERROR_BYTES} bytes for messages.
 *   <li>Every call runs under {@code ops.backup.restic.command-timeout} or, for backup, dump, check
 *       and prune, {@code ops.backup.restic.transfer-timeout}; then the process is destroyed, then
 *       killed ({@link ResticTimeoutException}).
 *   <li>Write calls always take restic's lock: {@code --no-lock} is used only to read the config
 *       and the lock files themselves.
 *   <li>DESIGN rule 13: every failure becomes a {@link ResticException} subclass naming the
 *       repository and the operation; exit status 3 (some source data unreadable) is a failure.
 *   <li>The installed version is checked once, lazily, before the first real call (so the demo
 *       starts without restic).
 * </ul>
 *
 * Thread-safe: no state besides the version, checked once, and the registry of running processes.
 */
@Component
public class ProcessRestic implements Restic {

    /** Tags of snapshots: {@code kind=database}, {@code server=12}, {@code run=...}; no comma (restic splits on it). */
    public static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:=@+-]{0,199}");

    /** The name a stdin backup is stored under: {@code shop.sql}, {@code files.tar}. */
    public static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    /** A snapshot id or unique prefix of one. */
    public static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9a-f]{8,64}");

    /** A path inside a snapshot: absolute, plain characters. */
    static final Pattern SNAPSHOT_PATH = Pattern.compile("/[A-Za-z0-9._/+=@-]{1,1000}");

    /** {@code --read-data-subset}: {@code n/m} or a percentage. */
    static final Pattern DATA_SUBSET = Pattern.compile("[1-9][0-9]{0,5}/[1-9][0-9]{0,5}|[0-9]{1,3}(\\.[0-9]{1,3})?%");

    /** Bytes of standard error (and of a failed check's report) kept for messages. */
    static final int MAX_ERROR_BYTES = 16 * 1024;

    /** Characters of standard error quoted in an exception message. */
    static final int MESSAGE_EXCERPT = 1500;

    /** Largest JSON document read from restic (snapshot lists of one client stay far below). */
    static final int MAX_JSON_BYTES = 64 * 1024 * 1024;

    /** After a time-out, how long a destroyed restic gets to exit before it is killed. */
    static final Duration DESTROY_GRACE = Duration.ofSeconds(10);

    /** {@code --time}: restic 0.14 reads it in the local time of its process, which runs with TZ=UTC. */
    static final DateTimeFormatter RESTIC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private static final Pattern LOCKED = Pattern.compile("repository is already locked (?:exclusively )?by PID "
            + "(\\d+) on (\\S+) by [^\\n]*(?:\\n\\s*lock was created at ([^\\n(]*))?[^\\n]*(?:\\n\\s*storage ID "
            + "([0-9a-f]+))?");
    private static final Pattern IGNORED_ID = Pattern.compile("Ignoring \"([^\"]*)\": no matching ID found");

    private static final Logger log = LoggerFactory.getLogger(ProcessRestic.class);

    private final ResticSettings settings;
    private final ResticProcesses processes;
    private final ObjectMapper json = new ObjectMapper();
    private final Object versionCheck = new Object();
    private volatile String checkedVersion;

    /** The application's wrapper: {@code ops.backup.restic.*}, relative paths against {@code ops.data-dir}. */
    @Autowired
    public ProcessRestic(ResticProperties properties, @Value("${ops.data-dir:./data}") String dataDir,
            ResticProcesses processes) {
        this(properties.resolve(Path.of(dataDir)), processes);
    }

    public ProcessRestic(ResticSettings settings, ResticProcesses processes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.processes = Objects.requireNonNull(processes, "processes");
    }

    public ProcessRestic(ResticSettings settings) {
        this(settings, new ResticProcesses());
    }

    public ResticSettings settings() {
        return settings;
    }

    /** The registry of the restic processes this wrapper runs. */
    public ResticProcesses processes() {
        return processes;
    }

    // --- version ---------------------------------------------------------------------------------

    @Override
    public String version() {
        String version = checkedVersion;
        if (version != null) {
            return version;
        }
        synchronized (versionCheck) {
            if (checkedVersion == null) {
                checkedVersion = readAndCheckVersion();
            }
            return checkedVersion;
        }
    }

    private String readAndCheckVersion() {
        Collected stdout = new Collected(MAX_ERROR_BYTES);
        Outcome outcome;
        try {
            outcome = execute(new Call("version", null, List.of("version"), Budget.COMMAND, null, stdout));
        } catch (ResticVersionException e) {
            throw e;
        } catch (ResticException e) {
            throw new ResticVersionException("restic version could not be read from '" + settings.binary()
                    + "' (setting " + ResticProperties.PREFIX + ".binary): " + e.getMessage(), e);
        }
        String output = stdout.text();
        String required = settings.minimumVersion();
        Optional<String> found = ResticVersion.fromOutput(output);
        if (outcome.exitCode() != 0 || found.isEmpty()) {
            throw new ResticVersionException("'" + settings.binary() + " version' (setting " + ResticProperties.PREFIX
                    + ".binary) did not print a restic version (exit status " + outcome.exitCode() + ", output '"
                    + excerpt(output.isBlank() ? outcome.stderr() : output) + "'); restic " + required
                    + " or newer is required (setting " + ResticProperties.PREFIX + ".minimum-version)");
        }
        ResticVersion installed = ResticVersion.parse(found.get()).orElseThrow();
        ResticVersion minimum = ResticVersion.parse(required).orElseThrow();
        if (installed.compareTo(minimum) < 0) {
            throw new ResticVersionException("restic " + found.get() + " found at '" + settings.binary()
                    + "' is too old: " + required + " or newer is required (setting " + ResticProperties.PREFIX
                    + ".minimum-version; binary: " + ResticProperties.PREFIX + ".binary)");
        }
        log.info("restic {} at '{}' (minimum {}), cache {}", found.get(), settings.binary(), required,
                settings.cacheDir());
        return found.get();
    }

    // --- repository ------------------------------------------------------------------------------

    /**
     * {@inheritDoc} Reads the config without a lock ({@code cat config --no-lock}, a read). A
     * repository that exists but does not open with the password file is not "missing": that is a
     * {@link ResticWrongPasswordException}, so that nothing ever re-creates it.
     */
    @Override
    public boolean exists(ResticRepository repository) {
        try {
            run(new Call("cat config", repository, List.of("cat", "config", "--no-lock"), Budget.COMMAND, null,
                    new Collected(MAX_ERROR_BYTES)));
            return true;
        } catch (ResticRepositoryMissingException e) {
            return false;
        }
    }

    /**
     * Creates the repository unless one exists; an existing repository that the password file does
     * not open is a {@link ResticWrongPasswordException}, never re-created.
     */
    @Override
    public void initIfMissing(ResticRepository repository) {
        if (exists(repository)) {
            return;
        }
        Collected stdout = new Collected(MAX_ERROR_BYTES);
        Call call = new Call("init", repository, List.of("init"), Budget.COMMAND, null, stdout);
        Outcome outcome = execute(call);
        if (outcome.exitCode() == 0) {
            log.info("Created {}", repository);
            return;
        }
        if (outcome.stderr().contains("config file already exists") && exists(repository)) {
            return; // another worker created it in between
        }
        throw failure(call, outcome);
    }

    // --- backup ----------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>{@code time} is passed to the second (restic's {@code --time} has no fraction), in UTC. If
     * {@code data} fails, restic is killed before its input is closed, so no snapshot of a truncated
     * stream is saved. If restic ends before {@code data} does (a wrong password...), the rest of
     * {@code data} is not read: the caller closes it.
     */
    @Override
    public ResticBackupSummary backupStdin(ResticRepository repository, String filename, List<String> tags,
            Instant time, InputStream data) {
        Objects.requireNonNull(data, "data");
        check("stdin file name", filename, FILENAME);
        List<String> args = new ArrayList<>(List.of("backup", "--json", "--stdin", "--stdin-filename", filename));
        addBackupOptions(args, tags, time);
        return backup(new Call("backup", repository, args, Budget.TRANSFER, data, new BackupOutput()));
    }

    /**
     * {@code restic backup} of local paths (not part of the port: backups stream from the servers;
     * used for local files and to check restic's exit status 3 against the real binary).
     */
    public ResticBackupSummary backupPaths(ResticRepository repository, List<Path> paths, List<String> tags,
            Instant time) {
        if (paths == null || paths.isEmpty()) {
            throw new IllegalArgumentException("At least one path to back up is required");
        }
        List<String> args = new ArrayList<>(List.of("backup", "--json"));
        addBackupOptions(args, tags, time);
        args.add("--");
        for (Path path : paths) {
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("Paths to back up must be absolute, got " + path);
            }
            args.add(path.normalize().toString());
        }
        return backup(new Call("backup", repository, args, Budget.TRANSFER, null, new BackupOutput()));
    }

    private void addBackupOptions(List<String> args, List<String> tags, Instant time) {
        for (String tag : tags == null ? List.<String>of() : tags) {
            check("tag", tag, TAG);
            args.add("--tag");
            args.add(tag);
        }
        if (time != null) {
            args.add("--time");
            args.add(RESTIC_TIME.format(time));
        }
        args.add("--host");
        args.add(settings.host() != null ? settings.host() : LocalHost.name());
    }

    private ResticBackupSummary backup(Call call) {
        BackupOutput output = (BackupOutput) call.stdout();
        Outcome outcome = execute(call);
        JsonNode summary = output.summary.get();
        if (outcome.exitCode() == 0 && summary != null) {
            String id = fullSnapshotId(call.repository(), summary.path("snapshot_id").asText(""));
            ResticBackupSummary result = new ResticBackupSummary(id, summary.path("total_bytes_processed").asLong(),
                    summary.path("data_added").asLong(),
                    Duration.ofNanos((long) (summary.path("total_duration").asDouble() * 1e9)));
            log.info("restic backup into {}: snapshot {} ({} bytes read, {} bytes added)", call.repository(),
                    shortId(id), result.totalBytesProcessed(), result.dataAdded());
            return result;
        }
        if (outcome.exitCode() == 3) {
            String shortId = summary == null ? null : summary.path("snapshot_id").asText(null);
            String id = shortId;
            if (shortId != null) {
                try {
                    id = fullSnapshotId(call.repository(), shortId);
                } catch (ResticException e) {
                    log.warn("Could not resolve the incomplete snapshot {} of {}: {}", shortId, call.repository(),
                            e.getMessage());
                }
            }
            output.readErrors(outcome.stderr()); // restic 0.14 prints its JSON error lines on stderr
            String errors = output.errors.toString().strip();
            throw new ResticIncompleteSnapshotException("restic backup into " + call.repository() + " saved snapshot "
                    + (id == null ? "(unknown)" : shortId(id)) + " but some source data could not be read (exit status"
                    + " 3): the snapshot is incomplete and must not count as a backup"
                    + (errors.isEmpty() ? "" : "; unreadable: " + excerpt(errors)), id);
        }
        if (outcome.exitCode() == 0) {
            throw new ResticCommandException("restic backup into " + call.repository()
                    + " exited 0 without its summary line: the outcome is unknown", 0);
        }
        throw failure(call, outcome);
    }

    /** restic 0.14's summary names the snapshot by its short id; the port promises the full one. */
    private String fullSnapshotId(ResticRepository repository, String id) {
        if (id.length() == 64) {
            return id;
        }
        check("snapshot id", id, SNAPSHOT_ID);
        return listSnapshots(repository, List.of(id), List.of()).stream()
                .map(ResticSnapshot::id)
                .filter(full -> full.startsWith(id))
                .findFirst()
                .orElseThrow(() -> new ResticNotFoundException("restic backup into " + repository
                        + " reported snapshot " + id + " but restic snapshots does not list it"));
    }

    // --- reading ---------------------------------------------------------------------------------

    @Override
    public List<ResticSnapshot> snapshots(ResticRepository repository, List<String> tags) {
        return listSnapshots(repository, List.of(), tags == null ? List.of() : tags);
    }

    private List<ResticSnapshot> listSnapshots(ResticRepository repository, List<String> ids, List<String> tags) {
        List<String> args = new ArrayList<>(List.of("snapshots", "--json"));
        if (!tags.isEmpty()) {
            tags.forEach(tag -> check("tag", tag, TAG));
            args.add("--tag");
            args.add(String.join(",", tags)); // one --tag with a comma list: snapshots having all of them
        }
        args.addAll(ids);
        Collected stdout = new Collected(MAX_JSON_BYTES);
        run(new Call("snapshots", repository, args, Budget.COMMAND, null, stdout));
        JsonNode list = parse(stdout, "snapshots", repository);
        List<ResticSnapshot> snapshots = new ArrayList<>();
        for (JsonNode node : list) {
            snapshots.add(new ResticSnapshot(node.path("id").asText(), node.path("short_id").asText(null),
                    instant(node.path("time").asText(), "snapshots", repository), node.path("hostname").asText(null),
                    strings(node.path("paths")), strings(node.path("tags"))));
        }
        snapshots.sort(Comparator.comparing(ResticSnapshot::time).thenComparing(ResticSnapshot::id));
        return snapshots;
    }

    @Override
    public long restoreSize(ResticRepository repository, String snapshotId) {
        check("snapshot id", snapshotId, SNAPSHOT_ID);
        Collected stdout = new Collected(MAX_ERROR_BYTES);
        Call call = new Call("stats", repository, List.of("stats", "--json", "--mode", "restore-size", snapshotId),
                Budget.COMMAND, null, stdout);
        Outcome outcome = run(call);
        requireNoIgnoredIds(call, outcome);
        JsonNode stats = parse(stdout, "stats", repository);
        if (stats.path("snapshots_count").asLong() != 1 || !stats.has("total_size")) {
            throw new ResticNotFoundException("restic stats on " + repository + ": snapshot " + snapshotId
                    + " not found");
        }
        return stats.path("total_size").asLong();
    }

    @Override
    public void dump(ResticRepository repository, String snapshotId, String path, OutputStream out) {
        check("snapshot id", snapshotId, SNAPSHOT_ID);
        check("path in snapshot", path, SNAPSHOT_PATH);
        if (path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
            throw new IllegalArgumentException("Invalid path in snapshot: " + path);
        }
        Objects.requireNonNull(out, "out");
        Copy copy = new Copy(out);
        // The exit status is checked once the stream has ended: what was written before a failure is
        // not a restore.
        run(new Call("dump", repository, List.of("dump", snapshotId, path), Budget.TRANSFER, null, copy));
        log.info("restic dump of {}:{} from {}: {} bytes", shortId(snapshotId), path, repository, copy.bytes.get());
    }

    // --- maintenance -----------------------------------------------------------------------------

    @Override
    public void forget(ResticRepository repository, List<String> snapshotIds, boolean prune) {
        List<String> ids = snapshotIds == null ? List.of() : List.copyOf(snapshotIds);
        if (!ids.isEmpty()) {
            ids.forEach(id -> check("snapshot id", id, SNAPSHOT_ID));
            List<String> args = new ArrayList<>(List.of("forget"));
            args.addAll(ids);
            Call call = new Call("forget", repository, args, Budget.COMMAND, null, new Collected(MAX_ERROR_BYTES));
            Outcome outcome = run(call);
            requireNoIgnoredIds(call, outcome);
            log.info("restic forget on {}: {} snapshot(s) {}", repository, ids.size(),
                    ids.stream().map(ProcessRestic::shortId).toList());
        }
        if (prune) {
            prune(repository);
        }
    }

    @Override
    public void prune(ResticRepository repository) {
        run(new Call("prune", repository, List.of("prune"), Budget.TRANSFER, null, new Collected(MAX_ERROR_BYTES)));
        log.info("restic prune on {} done", repository);
    }

    @Override
    public void check(ResticRepository repository, String readDataSubset) {
        List<String> args = new ArrayList<>(List.of("check"));
        if (readDataSubset != null) {
            check("read-data-subset", readDataSubset, DATA_SUBSET);
            args.add("--read-data-subset");
            args.add(readDataSubset);
        }
        Collected stdout = new Collected(MAX_ERROR_BYTES);
        Call call = new Call("check", repository, args, Budget.TRANSFER, null, stdout);
        Outcome outcome = execute(call);
        if (outcome.exitCode() == 0) {
            log.info("restic check{} on {}: no errors", readDataSubset == null ? "" : " " + readDataSubset,
                    repository);
            return;
        }
        ResticException failure = failure(call, outcome);
        if (failure instanceof ResticCommandException) {
            String findings = (stdout.text() + "\n" + outcome.stderr()).strip();
            throw new ResticCheckFailedException("restic check" + (readDataSubset == null ? "" : " "
                    + readDataSubset) + " on " + repository + " found errors (exit status " + outcome.exitCode()
                    + "): " + excerpt(findingLines(findings)), findings);
        }
        throw failure;
    }

    @Override
    public List<ResticLock> locks(ResticRepository repository) {
        Collected ids = new Collected(MAX_JSON_BYTES);
        run(new Call("list locks", repository, List.of("list", "locks", "--no-lock"), Budget.COMMAND, null, ids));
        List<ResticLock> locks = new ArrayList<>();
        for (String id : ids.text().split("\\R")) {
            id = id.strip();
            if (id.isEmpty()) {
                continue;
            }
            check("lock id", id, SNAPSHOT_ID);
            if (!Files.exists(repository.location().resolve("locks").resolve(id))) {
                continue; // released meanwhile (restic would retry reading it for about a minute)
            }
            Collected lock = new Collected(MAX_ERROR_BYTES);
            Call call = new Call("cat lock", repository, List.of("cat", "lock", "--no-lock", id), Budget.COMMAND,
                    null, lock);
            Outcome outcome = execute(call);
            if (outcome.exitCode() != 0) {
                if (outcome.stderr().contains("no such file or directory")) {
                    continue; // released between listing and reading
                }
                throw failure(call, outcome);
            }
            JsonNode node = parse(lock, "cat lock", repository);
            locks.add(new ResticLock(id, instant(node.path("time").asText(), "cat lock", repository),
                    node.path("exclusive").asBoolean(), node.path("hostname").asText(null), node.path("pid").asLong()));
        }
        locks.sort(Comparator.comparing(ResticLock::time).thenComparing(ResticLock::id));
        return locks;
    }

    @Override
    public void unlock(ResticRepository repository) {
        run(new Call("unlock", repository, List.of("unlock"), Budget.COMMAND, null, new Collected(MAX_ERROR_BYTES)));
        log.info("restic unlock on {} done", repository);
    }

    // --- running restic --------------------------------------------------------------------------

    private enum Budget {
        /** Quick calls. */
        COMMAND("command-timeout"),
        /** Calls that move or read all the data. */
        TRANSFER("transfer-timeout");

        final String key;

        Budget(String key) {
            this.key = key;
        }
    }

    /** What to run: restic's arguments after {@code --repo}, with what to feed and read. */
    private record Call(String operation, ResticRepository repository, List<String> args, Budget budget,
            InputStream stdin, StdoutHandler stdout) {
    }

    private record Outcome(int exitCode, String stderr) {
    }

    /** Runs a call that must exit 0; any other status becomes the matching exception. */
    private Outcome run(Call call) {
        Outcome outcome = execute(call);
        if (outcome.exitCode() != 0) {
            throw failure(call, outcome);
        }
        return outcome;
    }

    /** Runs restic to its end (or time-out) and returns its exit status and standard error. */
    private Outcome execute(Call call) {
        if (call.repository() != null) {
            version();
            PasswordFiles.requirePrivate(call.repository());
        }
        List<String> command = new ArrayList<>();
        command.add(settings.binary());
        if (call.repository() != null) {
            command.add("--repo");
            command.add(call.repository().location().toString());
        }
        command.addAll(call.args());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("RESTIC_"));
        env.put("TZ", "UTC");
        env.put("RESTIC_CACHE_DIR", settings.cacheDir().toString());
        if (call.repository() != null) {
            env.put("RESTIC_PASSWORD_FILE", call.repository().passwordFile().toString());
        }
        Duration timeout = call.budget() == Budget.COMMAND ? settings.commandTimeout() : settings.transferTimeout();
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        log.debug("restic {} on {}: {}", call.operation(), describe(call.repository()), command);

        Process process;
        try {
            createCacheDir();
            process = builder.start();
        } catch (IOException e) {
            throw new ResticVersionException("restic could not be started from '" + settings.binary() + "' (setting "
                    + ResticProperties.PREFIX + ".binary): " + e.getMessage() + "; install restic "
                    + settings.minimumVersion() + " or newer", e);
        }
        ResticProcesses.Registration registration = call.repository() == null ? () -> { }
                : processes.register(call.repository().location(), process.pid());
        try {
            Collected stderr = new Collected(MAX_ERROR_BYTES);
            AtomicReference<Throwable> outputFailure = new AtomicReference<>();
            AtomicReference<IOException> inputFailure = new AtomicReference<>();
            AtomicLong inputBytes = new AtomicLong();
            Thread out = start(call, "stdout", () -> {
                try (InputStream in = process.getInputStream()) {
                    call.stdout().consume(in);
                } catch (IOException | RuntimeException e) {
                    outputFailure.set(e);
                    process.destroyForcibly(); // nobody reads restic's output any more
                }
            });
            Thread err = start(call, "stderr", () -> {
                try (InputStream in = process.getErrorStream()) {
                    stderr.consume(in);
                } catch (IOException e) {
                    log.debug("Reading restic's standard error failed: {}", e.toString());
                }
            });
            Thread in = null;
            if (call.stdin() == null) {
                closeQuietly(process.getOutputStream());
            } else {
                in = start(call, "stdin", () -> feed(process, call.stdin(), inputBytes, inputFailure));
            }

            boolean exited = process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS);
            if (exited) {
                out.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
                err.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
                exited = !out.isAlive();
            }
            if (!exited) {
                stop(process);
                if (in != null) {
                    in.interrupt();
                }
                throw new ResticTimeoutException("restic " + call.operation() + " on " + describe(call.repository())
                        + " did not finish within " + timeout + " (setting " + ResticProperties.PREFIX + "."
                        + call.budget().key + "): the process was stopped", ResticProperties.PREFIX + "."
                        + call.budget().key, timeout);
            }
            if (in != null) {
                in.join(TimeUnit.SECONDS.toMillis(1)); // restic read to the end or failed: the copy is over
            }
            int exitCode = process.exitValue();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (inputFailure.get() != null) {
                IOException e = inputFailure.get();
                throw new ResticCommandException("restic " + call.operation() + " on " + describe(call.repository())
                        + ": reading the data to back up failed after " + inputBytes.get() + " bytes ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); restic was stopped before the"
                        + " end of its input, no snapshot was saved", -1, e);
            }
            if (outputFailure.get() != null) {
                Throwable e = outputFailure.get();
                if (e instanceof ResticException re) {
                    throw re;
                }
                throw new ResticCommandException("restic " + call.operation() + " on " + describe(call.repository())
                        + ": handling its output failed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + "); restic was stopped", -1, e);
            }
            if (exitCode == 0) {
                log.debug("restic {} on {}: exit status 0 in {} ms", call.operation(), describe(call.repository()),
                        took.toMillis());
            } else if (call.operation().equals("cat config")) {
                // the existence probe: a missing repository is an answer here, not a problem
                log.debug("restic {} on {}: exit status {} in {} ms", call.operation(), describe(call.repository()),
                        exitCode, took.toMillis());
            } else {
                log.warn("restic {} on {}: exit status {} in {} ms", call.operation(), describe(call.repository()),
                        exitCode, took.toMillis());
            }
            return new Outcome(exitCode, stderr.text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new ResticCommandException("Interrupted while restic " + call.operation() + " ran on "
                    + describe(call.repository()) + ": the process was stopped", -1, e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            registration.close();
        }
    }

    /**
     * Copies the data into restic's standard input. If the data fails (a broken SSH stream), restic
     * is killed before its input is closed: an end of input would make it save a truncated snapshot.
     */
    private static void feed(Process process, InputStream data, AtomicLong bytes, AtomicReference<IOException> failure) {
        OutputStream stdin = process.getOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            int n;
            try {
                n = data.read(buffer);
            } catch (IOException e) {
                failure.set(e);
                process.destroyForcibly();
                try {
                    process.waitFor();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                closeQuietly(stdin);
                return;
            }
            if (n < 0) {
                break;
            }
            try {
                stdin.write(buffer, 0, n);
                bytes.addAndGet(n);
            } catch (IOException e) {
                return; // restic exited early: its exit status tells why
            }
        }
        try {
            stdin.close();
        } catch (IOException e) {
            log.debug("Closing restic's standard input: {}", e.toString());
        }
    }

    private static Thread start(Call call, String stream, Runnable work) {
        Thread thread = new Thread(work, "restic-" + call.operation().replace(' ', '-') + "-" + stream);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Destroys the process, then kills it if it has not exited within the grace period. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(DESTROY_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(DESTROY_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private void createCacheDir() throws IOException {
        Path cache = settings.cacheDir();
        if (!Files.isDirectory(cache)) {
            try {
                Files.createDirectories(cache, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(cache);
            }
        }
    }

    // --- failures --------------------------------------------------------------------------------

    private ResticException failure(Call call, Outcome outcome) {
        String stderr = outcome.stderr();
        String where = "restic " + call.operation() + " on " + describe(call.repository());
        if (stderr.contains("wrong password or no key found")) {
            return new ResticWrongPasswordException(where + " failed: wrong password or no key found (the password"
                    + " file " + call.repository().passwordFile() + " does not open this repository)");
        }
        if (stderr.contains("Is there a repository at the following location?")
                || stderr.contains("unable to open config file")) {
            return new ResticRepositoryMissingException(where + " failed: there is no restic repository at "
                    + (call.repository() == null ? "?" : call.repository().location())
                    + " (no config file; create it with init, or mount the backup volume)");
        }
        Matcher locked = LOCKED.matcher(stderr);
        if (locked.find()) {
            String since = locked.group(3) == null ? "" : " since " + locked.group(3).strip() + " UTC";
            String lockId = locked.group(4);
            return new ResticLockedException(where + " failed: the repository is locked by restic PID "
                    + locked.group(1) + " on " + locked.group(2) + since + (lockId == null ? "" : " (lock "
                    + lockId + ")") + ": retry when it is done; a stale lock is removed by the stale-lock rule ("
                    + ResticProperties.PREFIX + ".stale-lock-age)", Long.valueOf(locked.group(1)), locked.group(2),
                    lockId);
        }
        if (stderr.contains("repository is already locked")) {
            return new ResticLockedException(where + " failed: the repository is already locked: "
                    + excerpt(stderr), null, null, null);
        }
        if (stderr.contains("no matching ID found") || stderr.contains("not found in snapshot")) {
            return new ResticNotFoundException(where + " failed: " + excerpt(stderr));
        }
        return new ResticCommandException(where + " failed with exit status " + outcome.exitCode()
                + (stderr.isBlank() ? "" : ": " + excerpt(stderr)), outcome.exitCode());
    }

    /** restic 0.14 ignores unknown snapshot ids with a message and exit status 0: here, an error. */
    private static void requireNoIgnoredIds(Call call, Outcome outcome) {
        Matcher m = IGNORED_ID.matcher(outcome.stderr());
        List<String> unknown = new ArrayList<>();
        while (m.find()) {
            unknown.add(m.group(1));
        }
        if (!unknown.isEmpty()) {
            throw new ResticNotFoundException("restic " + call.operation() + " on " + call.repository()
                    + ": no snapshot " + String.join(", ", unknown) + (call.operation().equals("forget")
                            ? " (the other snapshots given were forgotten)" : ""));
        }
    }

    // --- output ----------------------------------------------------------------------------------

    /** Reads restic's standard output on its own thread. */
    private interface StdoutHandler {
        void consume(InputStream in) throws IOException;
    }

    /** Keeps up to a limit of bytes, counts and drops the rest. */
    private static final class Collected implements StdoutHandler {

        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long total;

        Collected(int limit) {
            this.limit = limit;
        }

        @Override
        public void consume(InputStream in) throws IOException {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (this) {
                    if (total < limit) {
                        kept.write(buffer, 0, (int) Math.min(n, limit - total));
                    }
                    total += n;
                }
            }
        }

        synchronized boolean truncated() {
            return total > limit;
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

    /** {@code backup --json}: keeps the summary and the error lines, drops the status lines. */
    private static final class BackupOutput implements StdoutHandler {

        private final ObjectMapper json = new ObjectMapper();
        final AtomicReference<JsonNode> summary = new AtomicReference<>();
        final StringBuffer errors = new StringBuffer();

        @Override
        public void consume(InputStream in) throws IOException {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                read(line);
            }
        }

        /** The error lines (items restic could not read) among restic's standard error. */
        void readErrors(String stderr) {
            stderr.lines().forEach(this::read);
        }

        private void read(String line) {
            if (!line.startsWith("{")) {
                return;
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                return; // not one of restic's JSON messages
            }
            String type = node.path("message_type").asText();
            if ("summary".equals(type)) {
                summary.set(node);
            } else if ("error".equals(type) && errors.length() < MAX_ERROR_BYTES) {
                errors.append(node.path("item").asText("?")).append(" (")
                        .append(node.path("during").asText("?")).append(")\n");
            }
        }
    }

    /** {@code dump}: restic's output goes to the caller's stream. */
    private static final class Copy implements StdoutHandler {

        private final OutputStream out;
        final AtomicLong bytes = new AtomicLong();

        Copy(OutputStream out) {
            this.out = out;
        }

        @Override
        public void consume(InputStream in) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                bytes.addAndGet(n);
            }
            out.flush();
        }
    }

    private JsonNode parse(Collected stdout, String operation, ResticRepository repository) {
        if (stdout.truncated()) {
            throw new ResticCommandException("restic " + operation + " on " + repository + " printed more than "
                    + MAX_JSON_BYTES + " bytes of JSON", 0);
        }
        try {
            JsonNode node = json.readTree(stdout.text());
            if (node == null || node.isMissingNode()) {
                throw new IOException("no JSON output");
            }
            return node;
        } catch (IOException e) {
            throw new ResticCommandException("restic " + operation + " on " + repository
                    + " printed output that is not the expected JSON: " + e.getMessage(), 0);
        }
    }

    private static Instant instant(String text, String operation, ResticRepository repository) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ResticCommandException("restic " + operation + " on " + repository + " printed a time that"
                    + " cannot be read: '" + text + "'", 0);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static String findingLines(String report) {
        StringBuilder lines = new StringBuilder();
        for (String line : report.split("\\R")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("[") && !l.startsWith("using temporary cache")
                    && !l.startsWith("create exclusive lock") && !l.startsWith("load indexes")
                    && !l.startsWith("check ") && !l.startsWith("read ")) {
                lines.append(lines.length() == 0 ? "" : " | ").append(l);
            }
        }
        return lines.toString();
    }

    private static void check(String what, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid " + what + ": '" + value + "' (allowed: " + pattern + ")");
        }
    }

    private static String describe(ResticRepository repository) {
        return repository == null ? "(no repository)" : repository.toString();
    }

    static String excerpt(String text) {
        String t = text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return t.length() <= MESSAGE_EXCERPT ? t : t.substring(0, MESSAGE_EXCERPT) + " [...]";
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            log.debug("Closing a restic stream: {}", e.toString());
        }
    }
}
