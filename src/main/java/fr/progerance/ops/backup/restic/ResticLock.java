package fr.progerance.ops.backup.restic;

import java.time.Instant;
import java.util.Objects;

/**
 * A lock file of a repository ({@code restic list locks} then {@code restic cat lock <id>}).
 *
 * @param id the lock file's id
 * @param time when the lock was created or last refreshed (restic refreshes a live lock every 5 min)
 * @param exclusive whether it is an exclusive lock (prune, forget, check...)
 * @param hostname the host that holds it
 * @param pid the restic process id on that host
 */
public record ResticLock(String id, Instant time, boolean exclusive, String hostname, long pid) {

    public ResticLock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
    }
}
