package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.RepositoryLocator;
import fr.progerance.ops.backup.restic.ResticRepository;
import java.nio.file.Files;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@link RestoreRepositories} on the per-client repositories of the backup volume (R8.2): a
 * client whose repository directory does not exist has never been backed up, so nothing can be
 * restored from it (a restore never creates a repository).
 */
@Component
class ClientRestoreRepositories implements RestoreRepositories {

    private final RepositoryLocator repositories;

    ClientRestoreRepositories(RepositoryLocator repositories) {
        this.repositories = repositories;
    }

    @Override
    public Optional<ResticRepository> repository(long clientId) {
        ResticRepository repository = repositories.repository(clientId);
        return Files.isDirectory(repository.location()) ? Optional.of(repository) : Optional.empty();
    }
}
