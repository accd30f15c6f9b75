package fr.progerance.ops.backup.transfer;

import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.restic.ResticBackupSummary;
import fr.progerance.ops.backup.restic.ResticException;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.NonRetryable;
import fr.progerance.ops.remote.RemoteException;
import fr.progerance.ops.remote.RemoteStreams;
import fr.progerance.ops.remote.SshTarget;
import fr.progerance.ops.remote.StreamResult;
import fr.progerance.ops.remote.StreamTemplate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@link BackupTransfer} by streaming (R3.6-b, R3.6-d): a dump or tar stream read over SSH
 * ({@link RemoteStreams}) goes through a bounded in-memory pipe straight into
 * {@code restic backup --stdin}, and back from {@code restic dump} into {@code mysql} or
 * {@code tar --extract} on the server. Nothing is written to a local file; the data is never logged.
 *
 * <p><b>Backup.</b> The SSH command runs on a thread of this transfer and writes into the pipe through
 * a completeness watcher; restic reads the pipe on the calling thread. restic only sees the end of its
 * input after the SSH command ended and the stream was judged complete: exit status 0 (or 1 for tar
 * when {@code ops.backup.transfer.accept-changed-files}: "a file changed as we read it" on a live
 * server), no error on mysqldump's standard error, a dump ending with its {@code -- Dump completed}
 * line, a tar stream ending with its end-of-archive blocks. Otherwise the pipe is aborted: restic's
 * input fails instead of ending, and if restic saved a snapshot nevertheless (DESIGN trap: it saves
 * whatever it read when its input simply ends), that snapshot is forgotten before
 * {@link BackupTransferException} is thrown. When restic fails first, the pipe is aborted and the SSH
 * command stopped.
 *
 * <p><b>Restore.</b> {@code restic dump} writes the snapshot's one file into the pipe on a thread of
 * this transfer (a dump is checked for its completion line again before the server sees the end of its
 * input); {@code mysql} or {@code tar} reads it over SSH on the calling thread. Both outcomes are
 * checked.
 *
 * <p>Failures: a connection problem, a non-zero exit status, a truncated stream or a restic failure
 * are retryable; a host key mismatch, an invalid name, a snapshot that does not exist or is of another
 * kind, and a bad snapshot that could not be forgotten are not.
 */
@Component
// Created on first use: the Restic port's implementation is another component of the backup work.
@Lazy
public class StreamingBackupTransfer implements BackupTransfer {

    private static final Logger log = LoggerFactory.getLogger(StreamingBackupTransfer.class);
    private static final int STDERR_LINES_SHOWN = 3;
    private static final int STDERR_LINE_LENGTH = 200;

    private final RemoteStreams streams;
    private final Restic restic;
    private final BackupTransferProperties settings;
    private final Clock clock;

    public StreamingBackupTransfer(RemoteStreams streams, Restic restic, BackupTransferProperties settings,
            Clock clock) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.restic = Objects.requireNonNull(restic, "restic");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        settings.pipeBufferBytes(); // fails at start on a bad setting
    }

    /** The template that reads a backup kind on the server (R3.6-b). */
    static StreamTemplate backupTemplate(BackupKind kind) {
        return switch (kind) {
            case DATABASE -> StreamTemplate.DUMP_DATABASE;
            case FILES -> StreamTemplate.ARCHIVE_DIRECTORY;
            case SERVER -> StreamTemplate.ARCHIVE_SERVER;
        };
    }

    /** The template that writes a backup kind back on the server (R3.6-d). */
    static StreamTemplate restoreTemplate(BackupKind kind) {
        return kind == BackupKind.DATABASE ? StreamTemplate.LOAD_DATABASE : StreamTemplate.EXTRACT_ARCHIVE;
    }

    // --- backup ----------------------------------------------------------------------------------

    @Override
    public TransferResult backup(SshTarget server, BackupSource source, ResticRepository repository,
            List<String> tags) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(repository, "repository");
        StreamTemplate template = backupTemplate(source.kind());
        String what = "Backup " + source.kind().tag() + " of " + server.describe();
        validate(template, source.name(), what);
        List<String> allTags = withKindTag(tags, source.kind());
        long started = System.nanoTime();
        log.info("{}: streaming {} into {}", what, template, repository);

        StreamPipe pipe = new StreamPipe(settings.pipeBufferBytes());
        StreamCompleteness watcher = source.kind() == BackupKind.DATABASE ? StreamCompleteness.sqlDump(pipe.sink())
                : StreamCompleteness.tarArchive(pipe.sink());
        CompletableFuture<RemoteSide> remote = new CompletableFuture<>();
        Thread sshThread = new Thread(() -> remote.complete(readRemote(server, source, template, watcher, pipe)),
                "backup-stream " + server.describe());
        sshThread.setDaemon(true);
        sshThread.start();

        ResticBackupSummary summary = null;
        RuntimeException resticFailure = null;
        boolean resticFailedFirst = false;
        try {
            summary = restic.backupStdin(repository, source.snapshotFileName(), allTags, clock.instant(),
                    pipe.source());
        } catch (RuntimeException e) {
            resticFailure = e;
            resticFailedFirst = pipe.abort("restic failed");
        } finally {
            // No effect when restic read the whole stream to its end; otherwise stops the SSH side.
            pipe.abort("restic stopped reading before the end of the stream");
        }
        RemoteSide side = await(remote, pipe, sshThread, what);

        String problem = side.problem();
        if (resticFailure != null && (resticFailedFirst || problem == null)) {
            throw new BackupTransferException(what + " failed: restic: " + resticFailure.getMessage()
                    + "; the SSH stream was stopped" + (summary == null ? ", no snapshot saved" : ""),
                    retryable(resticFailure), resticFailure);
        }
        if (problem != null) {
            String message = what + " (" + source.name() + ") failed: " + problem + stderrPart(side.result());
            if (summary == null) {
                throw new BackupTransferException(message + "; no snapshot saved", side.retryable(), side.failure());
            }
            throw forgetAndFail(repository, summary, message, side);
        }
        Objects.requireNonNull(summary, "restic returned no summary");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (side.result().exitStatus() == 1) {
            log.warn("{}: tar reported files that changed while they were read ({} lines on its standard error);"
                    + " accepted ({}.accept-changed-files)", what, side.result().stderr().lines().count(),
                    BackupTransferProperties.PREFIX);
        }
        log.info("{}: snapshot {} saved, {} bytes streamed, {} bytes added, in {} ms", what,
                shortId(summary.snapshotId()), side.result().bytes(), summary.dataAdded(), took.toMillis());
        return new TransferResult(summary.snapshotId(), side.result().bytes(), summary.dataAdded(), took);
    }

    /** Runs on the SSH thread: streams, judges the stream, then ends the pipe accordingly. */
    private RemoteSide readRemote(SshTarget server, BackupSource source, StreamTemplate template,
            StreamCompleteness watcher, StreamPipe pipe) {
        try {
            StreamResult result = streams.pipeFrom(server, template, watcher, source.name());
            String problem = judge(source.kind(), result, watcher);
            if (problem == null) {
                pipe.finish();
            } else {
                pipe.abort(problem);
            }
            return new RemoteSide(result, problem, null);
        } catch (RuntimeException e) {
            pipe.abort("the SSH stream failed");
            return new RemoteSide(null, describe(e), e);
        }
    }

    /** Null when the backup stream is good, otherwise why not. */
    String judge(BackupKind kind, StreamResult result, StreamCompleteness watcher) {
        if (result.exitStatus() == CommandResult.NO_EXIT_STATUS) {
            return "the SSH connection was lost before the command ended (no exit status, " + result.bytes()
                    + " bytes received)";
        }
        boolean tar = kind != BackupKind.DATABASE;
        boolean changedFilesAccepted = tar && result.exitStatus() == 1 && settings.isAcceptChangedFiles();
        if (result.exitStatus() != 0 && !changedFilesAccepted) {
            return "exit status " + result.exitStatus() + (tar && result.exitStatus() == 1
                    ? " (tar: files changed while read, refused by " + BackupTransferProperties.PREFIX
                            + ".accept-changed-files)" : "");
        }
        if (!tar && reportsError(result.stderr())) {
            return "mysqldump reported an error on its standard error (exit status " + result.exitStatus() + ")";
        }
        return watcher.incompleteness();
    }

    /** Any line of mysqldump's standard error that is not a warning or a deprecation notice. */
    static boolean reportsError(String stderr) {
        return stderr.lines().map(String::strip).filter(line -> !line.isEmpty()).anyMatch(line -> {
            String lower = line.toLowerCase(Locale.ROOT);
            return !lower.contains("warning") && !lower.contains("deprecated");
        });
    }

    private BackupTransferException forgetAndFail(ResticRepository repository, ResticBackupSummary summary,
            String message, RemoteSide side) {
        String id = shortId(summary.snapshotId());
        try {
            forget(repository, summary.snapshotId());
            log.warn("{}; snapshot {} forgotten", message, id);
            return new BackupTransferException(message + "; snapshot " + id + " forgotten", side.retryable(),
                    side.failure());
        } catch (RuntimeException e) {
            log.error("{}; snapshot {} could NOT be forgotten: {}", message, id, e.getMessage());
            BackupTransferException failure = new BackupTransferException(message + "; snapshot " + id
                    + " of the broken stream could NOT be forgotten (" + e.getMessage()
                    + "): remove it by hand with restic forget", false, e);
            if (side.failure() != null) {
                failure.addSuppressed(side.failure());
            }
            return failure;
        }
    }

    /**
     * {@code restic forget} needs an exclusive lock, which any lock left in the repository blocks (restic
     * 0.14 does not skip stale ones there; a restic killed hard leaves one). On failure, stale locks are
     * removed ({@code restic unlock}: restic's own rule, older than 30 min or a dead local process) and
     * the forget tried once more.
     */
    private void forget(ResticRepository repository, String snapshotId) {
        try {
            restic.forget(repository, List.of(snapshotId), false);
        } catch (RuntimeException first) {
            log.warn("restic forget {} failed ({}); removing stale locks and trying once more", shortId(snapshotId),
                    first.getMessage());
            try {
                restic.unlock(repository);
                restic.forget(repository, List.of(snapshotId), false);
            } catch (RuntimeException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    // --- restore ---------------------------------------------------------------------------------

    @Override
    public TransferResult restore(SshTarget server, ResticRepository repository, String snapshotId,
            RestoreDestination destination) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(destination, "destination");
        StreamTemplate template = restoreTemplate(destination.kind());
        String what = "Restore " + destination.kind().tag() + " of snapshot " + shortId(snapshotId) + " to "
                + server.describe();
        validate(template, destination.name(), what);
        ResticSnapshot snapshot = findSnapshot(repository, snapshotId, destination.kind(), what);
        String path = snapshot.paths().get(0);
        long started = System.nanoTime();
        log.info("{}: streaming {} into {} ({})", what, path, template, destination.name());

        StreamPipe pipe = new StreamPipe(settings.pipeBufferBytes());
        StreamCompleteness watcher = destination.kind() == BackupKind.DATABASE
                ? StreamCompleteness.sqlDump(pipe.sink()) : StreamCompleteness.tarArchive(pipe.sink());
        CompletableFuture<ResticSide> dump = new CompletableFuture<>();
        Thread resticThread = new Thread(() -> dump.complete(dumpSnapshot(repository, snapshot, path, watcher, pipe)),
                "restore-stream " + server.describe());
        resticThread.setDaemon(true);
        resticThread.start();

        StreamResult result = null;
        RuntimeException remoteFailure = null;
        boolean remoteBrokeStream;
        try {
            result = streams.pipeTo(server, template, pipe.source(), destination.name());
        } catch (RuntimeException e) {
            remoteFailure = e;
        } finally {
            // No effect when the remote command read the whole stream; otherwise stops restic dump.
            remoteBrokeStream = pipe.abort(remoteFailure != null ? "the SSH stream failed"
                    : "the remote command ended before the end of its input");
        }
        ResticSide side = await(dump, pipe, resticThread, what);

        String target = what + " (" + destination.name() + ") failed: ";
        if (side.problem() != null && !remoteBrokeStream) {
            throw new BackupTransferException(target + side.problem()
                    + "; the remote command was stopped before the end of its input", side.retryable(),
                    side.failure());
        }
        if (remoteFailure != null) {
            throw new BackupTransferException(target + describe(remoteFailure), retryable(remoteFailure),
                    remoteFailure);
        }
        if (!result.succeeded()) {
            String status = result.exitStatus() == CommandResult.NO_EXIT_STATUS
                    ? "the SSH connection was lost before the command ended (no exit status)"
                    : "exit status " + result.exitStatus();
            throw new BackupTransferException(target + status + stderrPart(result), true, null);
        }
        if (side.problem() != null) {
            throw new BackupTransferException(target + "the remote command ended (exit status 0) before the end of"
                    + " its input, " + result.bytes() + " bytes sent" + stderrPart(result), true, side.failure());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info("{}: {} bytes restored into {} in {} ms", what, result.bytes(), destination.name(), took.toMillis());
        return new TransferResult(snapshot.id(), result.bytes(), 0, took);
    }

    /** Runs on the restic thread: dumps the snapshot's file, checks it is complete, ends the pipe. */
    private ResticSide dumpSnapshot(ResticRepository repository, ResticSnapshot snapshot, String path,
            StreamCompleteness watcher, StreamPipe pipe) {
        try {
            restic.dump(repository, snapshot.id(), path, watcher);
            String incomplete = watcher.incompleteness();
            if (incomplete != null) {
                pipe.abort(incomplete);
                return new ResticSide("snapshot " + snapshot.shortId() + " holds an incomplete stream: " + incomplete,
                        false, null);
            }
            pipe.finish();
            return new ResticSide(null, true, null);
        } catch (RuntimeException e) {
            pipe.abort("restic dump failed");
            return new ResticSide("restic dump: " + e.getMessage(), retryable(e), e);
        }
    }

    private ResticSnapshot findSnapshot(ResticRepository repository, String snapshotId, BackupKind kind,
            String what) {
        List<ResticSnapshot> found;
        try {
            found = restic.snapshots(repository, List.of()).stream()
                    .filter(s -> s.id().equals(snapshotId) || s.shortId().equals(snapshotId)
                            || (snapshotId.length() >= 8 && s.id().startsWith(snapshotId)))
                    .toList();
        } catch (RuntimeException e) {
            throw new BackupTransferException(what + " failed: restic snapshots: " + e.getMessage(), retryable(e), e);
        }
        if (found.size() != 1) {
            throw new BackupTransferException(what + " failed: " + (found.isEmpty()
                    ? "no such snapshot in " + repository : "the id matches " + found.size() + " snapshots"), false,
                    null);
        }
        ResticSnapshot snapshot = found.get(0);
        String snapshotKind = snapshot.tag("kind").orElse(null);
        if (snapshotKind != null && !snapshotKind.equals(kind.tag())) {
            throw new BackupTransferException(what + " failed: the snapshot holds a " + snapshotKind
                    + " backup, not a " + kind.tag() + " one", false, null);
        }
        // A stdin backup has exactly one path, "/" + its --stdin-filename.
        if (snapshot.paths().size() != 1 || !snapshot.paths().get(0).startsWith("/")) {
            throw new BackupTransferException(what + " failed: the snapshot is not a streamed backup (paths "
                    + snapshot.paths() + ")", false, null);
        }
        return snapshot;
    }

    // --- shared ----------------------------------------------------------------------------------

    private static void validate(StreamTemplate template, String name, String what) {
        try {
            template.commandLine(name);
        } catch (IllegalArgumentException e) {
            throw new BackupTransferException(what + " refused before connecting: " + e.getMessage(), false, e);
        }
    }

    private static List<String> withKindTag(List<String> tags, BackupKind kind) {
        List<String> all = new ArrayList<>(tags == null ? List.of() : tags);
        if (all.stream().noneMatch(t -> t.startsWith("kind="))) {
            all.add("kind=" + kind.tag());
        }
        return List.copyOf(all);
    }

    /** Waits for the other side; on interrupt, breaks the pipe so that it ends soon, and still waits. */
    private static <T> T await(CompletableFuture<T> side, StreamPipe pipe, Thread thread, String what) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return side.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    pipe.abort("interrupted");
                    thread.interrupt();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(what + ": the stream thread failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String describe(RuntimeException e) {
        if (e instanceof RemoteException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static boolean retryable(RuntimeException e) {
        if (e instanceof NonRetryable) {
            return false;
        }
        if (e instanceof ResticException restic) {
            return restic.retryable();
        }
        return !(e instanceof IllegalArgumentException);
    }

    /** The first lines of the remote standard error, shortened; empty when there is none. */
    static String stderrPart(StreamResult result) {
        if (result == null || result.stderr().isBlank()) {
            return "";
        }
        List<String> lines = result.stderr().lines().map(String::strip).filter(l -> !l.isEmpty())
                .limit(STDERR_LINES_SHOWN)
                .map(l -> l.length() > STDERR_LINE_LENGTH ? l.substring(0, STDERR_LINE_LENGTH) + "..." : l)
                .toList();
        return "; stderr: " + String.join(" | ", lines);
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    /** What the SSH side of a backup did. */
    private record RemoteSide(StreamResult result, String problem, RuntimeException failure) {

        boolean retryable() {
            return failure == null || StreamingBackupTransfer.retryable(failure);
        }
    }

    /** What the restic side of a restore did. */
    private record ResticSide(String problem, boolean retryable, RuntimeException failure) {
    }
}
