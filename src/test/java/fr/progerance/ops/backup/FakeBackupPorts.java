package fr.progerance.ops.backup;

import fr.progerance.ops.backup.offsite.OffsiteStore;
import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.restic.ResticBackupSummary;
import fr.progerance.ops.backup.restic.ResticException;
import fr.progerance.ops.backup.restic.ResticLock;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.backup.transfer.BackupSource;
import fr.progerance.ops.backup.transfer.BackupTransfer;
import fr.progerance.ops.backup.transfer.RestoreDestination;
import fr.progerance.ops.backup.transfer.TransferResult;
import fr.progerance.ops.remote.SshTarget;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory fakes of the backup ports (DESIGN rule 10: fakes only at the ports), for the flow and
 * API tests of the shared Spring context: a restic whose repositories are lists of snapshots, a
 * transfer that adds a snapshot with the given tags at the clock's time, an off-site store that
 * copies the snapshot ids, and a repository locator ({@code client-<id>}). Failures are queued by
 * the tests. The real implementations (restic CLI, SSH streams, FTP) are tested with real peers by
 * their own packages.
 */
public final class FakeBackupPorts {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path BASE = Path.of(System.getProperty("java.io.tmpdir"), "ops-backup-fake");

    private final Clock clock;
    private final Map<Path, List<ResticSnapshot>> repositories = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> offsiteCopies = new ConcurrentHashMap<>();
    private final Deque<RuntimeException> transferFailures = new ConcurrentLinkedDeque<>();
    private final Deque<RuntimeException> mirrorFailures = new ConcurrentLinkedDeque<>();
    private final Deque<RuntimeException> checkFailures = new ConcurrentLinkedDeque<>();
    private final Deque<RuntimeException> restoreFailures = new ConcurrentLinkedDeque<>();
    private volatile java.util.function.Consumer<Restored> onRestore = r -> {
    };
    private final List<String> offsiteProblems = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    final FakeRestic restic = new FakeRestic();
    final FakeTransfer transfer = new FakeTransfer();
    final FakeOffsite offsite = new FakeOffsite();
    final FakeLocator locator = new FakeLocator();

    FakeBackupPorts(Clock clock) {
        this.clock = clock;
    }

    /** Forgets the queued failures and the call log (repositories stay: each test has its own clients). */
    public void reset() {
        transferFailures.clear();
        mirrorFailures.clear();
        checkFailures.clear();
        restoreFailures.clear();
        onRestore = r -> {
        };
        offsiteProblems.clear();
        calls.clear();
    }

    /** A snapshot the fake transfer streamed back (a rollback of a change, issue 10). */
    public record Restored(SshTarget server, String snapshotId, RestoreDestination destination) {
    }

    /** The next {@code times} restores fail with {@code failure}. */
    public void failRestore(RuntimeException failure, int times) {
        for (int i = 0; i < times; i++) {
            restoreFailures.add(failure);
        }
    }

    /** What a restore does to the (fake) server, e.g. put its files' version back. */
    public void onRestore(java.util.function.Consumer<Restored> effect) {
        this.onRestore = effect;
    }

    public void failTransfer(RuntimeException failure, int times) {
        for (int i = 0; i < times; i++) {
            transferFailures.add(failure);
        }
    }

    public void failMirror(RuntimeException failure, int times) {
        for (int i = 0; i < times; i++) {
            mirrorFailures.add(failure);
        }
    }

    public void failCheck(RuntimeException failure) {
        checkFailures.add(failure);
    }

    public void offsiteProblem(String problem) {
        offsiteProblems.add(problem);
    }

    /** What the ports were asked, e.g. {@code forget client-12 [ids] prune}, {@code check client-12 3/8}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The client's repository, as the fake locator gives it. */
    public ResticRepository repositoryOf(long clientId) {
        return locator.repository(clientId);
    }

    /** The snapshots of a client's repository, oldest first. */
    public List<ResticSnapshot> snapshots(long clientId) {
        return restic.snapshots(repositoryOf(clientId), List.of());
    }

    /** A snapshot taken at {@code time} (restic's {@code --time}). */
    public ResticSnapshot addSnapshot(long clientId, Instant time, String... tags) {
        ResticRepository repository = locator.ensure(clientId);
        String id = HexFormat.of().formatHex(randomBytes());
        ResticSnapshot snapshot = new ResticSnapshot(id, null, time, "ops-engine", List.of("snapshot"),
                List.of(tags));
        repositories.get(repository.location()).add(snapshot);
        return snapshot;
    }

    /** The snapshot ids the off-site copy of a client holds. */
    public Set<String> offsite(long clientId) {
        return Set.copyOf(offsiteCopies.getOrDefault(locator.offsiteName(clientId), Set.of()));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    final class FakeRestic implements Restic {

        @Override
        public String version() {
            return "0.14.0";
        }

        @Override
        public void initIfMissing(ResticRepository repository) {
            repositories.computeIfAbsent(repository.location(), l -> new CopyOnWriteArrayList<>());
        }

        @Override
        public boolean exists(ResticRepository repository) {
            return repositories.containsKey(repository.location());
        }

        @Override
        public ResticBackupSummary backupStdin(ResticRepository repository, String filename, List<String> tags,
                Instant time, InputStream data) {
            throw new UnsupportedOperationException("the fake transfer adds snapshots itself");
        }

        @Override
        public List<ResticSnapshot> snapshots(ResticRepository repository, List<String> tags) {
            List<ResticSnapshot> all = repositories.get(repository.location());
            if (all == null) {
                throw new ResticException("Fake restic: no repository at " + repository.location());
            }
            return all.stream().filter(s -> s.tags().containsAll(tags))
                    .sorted(java.util.Comparator.comparing(ResticSnapshot::time)).toList();
        }

        @Override
        public long restoreSize(ResticRepository repository, String snapshotId) {
            return 1_048_576;
        }

        @Override
        public void forget(ResticRepository repository, List<String> snapshotIds, boolean prune) {
            List<ResticSnapshot> all = repositories.get(repository.location());
            for (String id : snapshotIds) {
                if (all.stream().noneMatch(s -> s.id().equals(id))) {
                    throw new ResticException("Fake restic: no snapshot " + id);
                }
            }
            all.removeIf(s -> snapshotIds.contains(s.id()));
            calls.add("forget " + repository.location().getFileName() + " " + snapshotIds.size()
                    + (prune ? " prune" : ""));
        }

        @Override
        public void prune(ResticRepository repository) {
            calls.add("prune " + repository.location().getFileName());
        }

        @Override
        public void check(ResticRepository repository, String readDataSubset) {
            calls.add("check " + repository.location().getFileName() + " " + readDataSubset);
            RuntimeException failure = checkFailures.poll();
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void dump(ResticRepository repository, String snapshotId, String path, OutputStream out) {
            throw new UnsupportedOperationException("not used by the backup flow");
        }

        @Override
        public List<ResticLock> locks(ResticRepository repository) {
            return List.of();
        }

        @Override
        public void unlock(ResticRepository repository) {
        }
    }

    final class FakeTransfer implements BackupTransfer {

        @Override
        public TransferResult backup(SshTarget server, BackupSource source, ResticRepository repository,
                List<String> tags) {
            calls.add("backup " + server.host() + " " + source.kind() + " " + source.name());
            RuntimeException failure = transferFailures.poll();
            if (failure != null) {
                throw failure;
            }
            String id = HexFormat.of().formatHex(randomBytes());
            ResticSnapshot snapshot = new ResticSnapshot(id, null, clock.instant(), "ops-engine",
                    List.of(source.snapshotFileName()), tags);
            repositories.get(repository.location()).add(snapshot);
            return new TransferResult(id, 2_000_000, 500_000, Duration.ofSeconds(3));
        }

        @Override
        public TransferResult restore(SshTarget server, ResticRepository repository, String snapshotId,
                RestoreDestination destination) {
            calls.add("restore " + server.host() + " " + destination.kind() + " " + snapshotId + " " + destination.name());
            RuntimeException failure = restoreFailures.poll();
            if (failure != null) {
                throw failure;
            }
            List<ResticSnapshot> all = repositories.get(repository.location());
            if (all == null || all.stream().noneMatch(s -> s.id().equals(snapshotId))) {
                throw new ResticException("Fake restic: no snapshot " + snapshotId + " in " + repository.location());
            }
            onRestore.accept(new Restored(server, snapshotId, destination));
            return new TransferResult(snapshotId, 1_000_000, 0, Duration.ofSeconds(2));
        }
    }

    final class FakeOffsite implements OffsiteStore {

        @Override
        public MirrorReport mirror(Path local, String remoteName) {
            calls.add("mirror " + remoteName);
            RuntimeException failure = mirrorFailures.poll();
            if (failure != null) {
                throw failure;
            }
            Set<String> ids = ConcurrentHashMap.newKeySet();
            repositories.getOrDefault(local, List.of()).forEach(s -> ids.add(s.id()));
            offsiteCopies.put(remoteName, ids);
            return new MirrorReport(ids.size(), ids.size() * 1000L, 0, 0);
        }

        @Override
        public MirrorReport fetch(String remoteName, Path target) {
            throw new UnsupportedOperationException("not used by the backup flow");
        }

        @Override
        public OffsiteCheckReport check(Path local, String remoteName, int n, int m) {
            calls.add("offsite-check " + remoteName + " " + n + "/" + m);
            return new OffsiteCheckReport(3, new ArrayList<>(offsiteProblems));
        }

        @Override
        public void delete(String remoteName) {
            offsiteCopies.remove(remoteName);
        }
    }

    final class FakeLocator implements RepositoryLocator {

        @Override
        public ResticRepository repository(long clientId) {
            return new ResticRepository(BASE.resolve("client-" + clientId), BASE.resolve("client-" + clientId + ".pass"));
        }

        @Override
        public ResticRepository ensure(long clientId) {
            ResticRepository repository = repository(clientId);
            restic.initIfMissing(repository);
            return repository;
        }

        @Override
        public String offsiteName(long clientId) {
            return "client-" + clientId;
        }
    }
}
