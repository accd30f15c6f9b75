package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.restic.ResticRepository;
import java.util.Optional;

/**
 * The port to the per-client restic repository (R8.2: one repository per client). Implemented at
 * merge by {@code backup.repository.ClientRepositories.repository(clientId)}, which is another
 * engineer's work and not on this branch; flow tests use a fake.
 */
public interface RestoreRepositories {

    /** The client's repository, empty when the client has none yet (no backup ever ran). */
    Optional<ResticRepository> repository(long clientId);
}
