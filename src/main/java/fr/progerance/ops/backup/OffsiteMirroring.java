package fr.progerance.ops.backup;

import fr.progerance.ops.backup.offsite.OffsiteStore;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.calendar.ContractClock;
import java.time.Instant;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * R3.6-a: mirrors one client's repository off-site and records it: the start of a successful
 * mirror is the mark below which every local snapshot is off-site. A failure is recorded on the
 * mirror record and thrown on.
 */
@Component
public class OffsiteMirroring {

    private final OffsiteStore store;
    private final RepositoryLocator repositories;
    private final BackupRuns runs;
    private final ContractClock clock;

    public OffsiteMirroring(OffsiteStore store, RepositoryLocator repositories, BackupRuns runs, ContractClock clock) {
        this.store = store;
        this.repositories = repositories;
        this.runs = runs;
        this.clock = clock;
    }

    /** Mirrors the client's repository; returns what the store did. */
    public OffsiteStore.MirrorReport mirror(long clientId) {
        ResticRepository repository = repositories.repository(clientId);
        String remote = repositories.offsiteName(clientId);
        Instant started = clock.instant();
        OffsiteStore.MirrorReport report;
        try {
            report = store.mirror(repository.location(), remote);
        } catch (RuntimeException e) {
            record(() -> runs.mirrorFailed(clientId, remote, Failures.message(e)));
            throw e;
        }
        record(() -> runs.mirrorSucceeded(clientId, remote, started, clock.instant(), report.filesTransferred(),
                report.bytesTransferred()));
        return report;
    }

    /**
     * Writes the client's mirror record, again when a concurrent mirror of the same client (its
     * database and files backups ending together, e.g. the final backups of R8.2) wrote it first:
     * the first record of a client is an insert both may try.
     */
    private static void record(Runnable write) {
        for (int attempt = 1;; attempt++) {
            try {
                write.run();
                return;
            } catch (DataIntegrityViolationException | ConcurrencyFailureException concurrent) {
                if (attempt >= 3) {
                    throw concurrent;
                }
            }
        }
    }
}
