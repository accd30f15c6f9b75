package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.transfer.BackupTransfer;
import fr.progerance.ops.engine.worker.NonRetryableWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The ports restores and drills go through (DESIGN rule 10: tests put fakes here and nowhere
 * else): restic, the backup transfer, the client repositories and the restored-database check. The
 * implementations are other engineers' work, wired at merge; looked up when used, so the engine
 * starts without them on this branch, and a restore without them fails with a readable incident.
 */
@Component
public class RestorePorts {

    /** A port that has no implementation in this engine: retrying does not help. */
    static final class MissingPort extends IllegalStateException implements NonRetryableWork,
            fr.progerance.ops.remote.NonRetryable {

        private static final long serialVersionUID = 1L;

        MissingPort(String what) {
            super("No " + what + " is configured in this engine: restores and drills cannot run");
        }
    }

    private final ObjectProvider<Restic> restic;
    private final ObjectProvider<BackupTransfer> transfer;
    private final ObjectProvider<RestoreRepositories> repositories;
    private final ObjectProvider<RestoredDatabaseCheck> databaseCheck;

    public RestorePorts(ObjectProvider<Restic> restic, ObjectProvider<BackupTransfer> transfer,
            ObjectProvider<RestoreRepositories> repositories, ObjectProvider<RestoredDatabaseCheck> databaseCheck) {
        this.restic = restic;
        this.transfer = transfer;
        this.repositories = repositories;
        this.databaseCheck = databaseCheck;
    }

    Restic restic() {
        return required(restic, "restic runner (backup.restic.Restic)");
    }

    BackupTransfer transfer() {
        return required(transfer, "backup transfer (backup.transfer.BackupTransfer)");
    }

    RestoreRepositories repositories() {
        return required(repositories, "client repositories (backup.repository.ClientRepositories)");
    }

    RestoredDatabaseCheck databaseCheck() {
        return required(databaseCheck, "restored-database check (RestoredDatabaseCheck over SSH)");
    }

    private static <T> T required(ObjectProvider<T> provider, String what) {
        T port = provider.getIfUnique();
        if (port == null) {
            throw new MissingPort(what);
        }
        return port;
    }
}
