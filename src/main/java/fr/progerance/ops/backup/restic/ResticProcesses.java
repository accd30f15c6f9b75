package fr.progerance.ops.backup.restic;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The restic processes this JVM is running, per repository location. {@link ResticLocks} reads it
 * so that a lock of a restic of ours is never judged stale, and repository deletion (R8.2) refuses
 * while one runs. Thread-safe: several workers run restic at once on different repositories.
 */
@Component
public class ResticProcesses {

    private final Map<Path, Set<Long>> running = new ConcurrentHashMap<>();

    /** Records a started process; the returned handle removes it again. */
    Registration register(Path repository, long pid) {
        running.computeIfAbsent(repository, k -> ConcurrentHashMap.newKeySet()).add(pid);
        return () -> running.computeIfPresent(repository, (k, pids) -> {
            pids.remove(pid);
            return pids.isEmpty() ? null : pids;
        });
    }

    /** The process ids of our restic processes on that repository now. */
    public Set<Long> pids(Path repository) {
        Set<Long> pids = running.get(repository.toAbsolutePath().normalize());
        return pids == null ? Set.of() : Set.copyOf(pids);
    }

    /** Whether a restic process of ours works on that repository now. */
    public boolean anyRunning(Path repository) {
        return !pids(repository).isEmpty();
    }

    /** Removes a registration when the process ended. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
