package fr.progerance.ops.backup.restic;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * The port to the {@code restic} binary (DESIGN: Debian's 0.14, called with {@code ProcessBuilder},
 * {@code --json} output read, every call under a time-out). The password always comes from the
 * repository's {@linkplain ResticRepository#passwordFile() file}. Every method throws a
 * {@link ResticException} subclass on failure; none returns partial results silently.
 *
 * <p>Flow tests may replace this port with a fake (DESIGN rule 10: fakes only at the ports).
 */
public interface Restic {

    /** The installed version, e.g. {@code 0.14.0}; refuses (ResticVersionException) one below the minimum. */
    String version();

    /** Creates the repository if it does not exist yet; does nothing when it already does. */
    void initIfMissing(ResticRepository repository);

    /** Whether a repository exists at that location and opens with its password. */
    boolean exists(ResticRepository repository);

    /**
     * {@code restic backup --stdin --stdin-filename <filename> --tag ...}: reads {@code data} to its
     * end into a new snapshot.
     *
     * @param time the snapshot's time ({@code --time}), null for now
     * @return the summary with the new snapshot's id
     */
    ResticBackupSummary backupStdin(ResticRepository repository, String filename, List<String> tags, Instant time,
            InputStream data);

    /** Snapshots having all of {@code tags} (none: every snapshot), oldest first. */
    List<ResticSnapshot> snapshots(ResticRepository repository, List<String> tags);

    /** The bytes of one snapshot's files as restic restores them ({@code restic stats --mode restore-size}). */
    long restoreSize(ResticRepository repository, String snapshotId);

    /** {@code restic forget <ids>}, then {@code prune} when asked. Unknown ids are an error. */
    void forget(ResticRepository repository, List<String> snapshotIds, boolean prune);

    /** {@code restic prune}. */
    void prune(ResticRepository repository);

    /**
     * {@code restic check}, with {@code --read-data-subset n/m} when {@code readDataSubset} is not
     * null (e.g. {@code 3/7}).
     */
    void check(ResticRepository repository, String readDataSubset);

    /** {@code restic dump <snapshot> <path>}: streams one file of a snapshot into {@code out}. */
    void dump(ResticRepository repository, String snapshotId, String path, OutputStream out);

    /** The repository's lock files with their details. */
    List<ResticLock> locks(ResticRepository repository);

    /** {@code restic unlock}: removes stale locks (restic's own rule: older than 30 min or dead local pid). */
    void unlock(ResticRepository repository);
}
