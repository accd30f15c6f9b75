package fr.progerance.ops.backup;

import fr.progerance.ops.backup.restic.ResticRepository;

/**
 * Where each client's restic repository is (one per client, R8.2) and its off-site name. The
 * implementation lives with the repositories ({@code backup.repository.ClientRepositories}); the
 * backup flow needs only this.
 */
public interface RepositoryLocator {

    /** The client's repository (it may not exist yet). */
    ResticRepository repository(long clientId);

    /** The client's repository, created with its password file and {@code restic init} when missing. */
    ResticRepository ensure(long clientId);

    /** The name of the client's off-site copy, {@code client-<id>}. */
    String offsiteName(long clientId);
}
