package fr.progerance.ops.backup;

import fr.progerance.ops.backup.repository.ClientRepositories;
import fr.progerance.ops.backup.restic.ResticRepository;
import org.springframework.stereotype.Component;

/** The backup flow's {@link RepositoryLocator}: the client repositories of {@code backup.repository}. */
@Component
public class ClientRepositoryLocator implements RepositoryLocator {

    private final ClientRepositories repositories;

    public ClientRepositoryLocator(ClientRepositories repositories) {
        this.repositories = repositories;
    }

    @Override
    public ResticRepository repository(long clientId) {
        return repositories.repository(clientId);
    }

    @Override
    public ResticRepository ensure(long clientId) {
        return repositories.ensure(clientId);
    }

    @Override
    public String offsiteName(long clientId) {
        return repositories.offsiteName(clientId);
    }
}
