package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.restic.ResticBackupSummary;
import fr.progerance.ops.backup.restic.ResticLock;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A restic port with snapshots held in memory (per repository) and dump contents given by the test. */
final class FakeRestic implements Restic {

    record Stored(ResticRepository repository, ResticSnapshot snapshot, byte[] content) {
    }

    private final List<Stored> stored = new CopyOnWriteArrayList<>();
    final Map<String, Integer> dumps = new ConcurrentHashMap<>();

    ResticSnapshot add(ResticRepository repository, String id, Instant time, List<String> tags, String path,
            byte[] content) {
        ResticSnapshot s = new ResticSnapshot(id, null, time, "engine", List.of(path), tags);
        stored.add(new Stored(repository, s, content));
        return s;
    }

    @Override
    public List<ResticSnapshot> snapshots(ResticRepository repository, List<String> tags) {
        return stored.stream().filter(s -> s.repository().equals(repository))
                .map(Stored::snapshot).filter(s -> s.tags().containsAll(tags))
                .sorted(java.util.Comparator.comparing(ResticSnapshot::time)).toList();
    }

    @Override
    public void dump(ResticRepository repository, String snapshotId, String path, OutputStream out) {
        Stored s = stored.stream().filter(x -> x.repository().equals(repository) && x.snapshot().id().equals(snapshotId))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no snapshot " + snapshotId));
        dumps.merge(snapshotId, 1, Integer::sum);
        try {
            // in small writes, as a pipe delivers them
            for (int i = 0; i < s.content().length; i += 7) {
                out.write(s.content(), i, Math.min(7, s.content().length - i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String version() {
        return "0.14.0";
    }

    @Override
    public void initIfMissing(ResticRepository repository) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean exists(ResticRepository repository) {
        return stored.stream().anyMatch(s -> s.repository().equals(repository));
    }

    @Override
    public ResticBackupSummary backupStdin(ResticRepository repository, String filename, List<String> tags, Instant time,
            InputStream data) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long restoreSize(ResticRepository repository, String snapshotId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void forget(ResticRepository repository, List<String> snapshotIds, boolean prune) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void prune(ResticRepository repository) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void check(ResticRepository repository, String readDataSubset) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ResticLock> locks(ResticRepository repository) {
        return List.of();
    }

    @Override
    public void unlock(ResticRepository repository) {
    }
}
