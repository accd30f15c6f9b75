package fr.progerance.ops.update.process;

import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.web.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** An update record with what the processes show about its server and client (contract register). */
@Component
public class UpdateContexts {

    private final Updates updates;
    private final ServerRepository servers;

    public UpdateContexts(Updates updates, ServerRepository servers) {
        this.updates = updates;
        this.servers = servers;
    }

    /**
     * The update and its server.
     *
     * @param update the record
     * @param server the server's register facts
     */
    public record UpdateContext(UpdateView update, ServerFacts server) {
    }

    /** What the update processes need of a server: names for people, the client, the infrastructure (R4.3-p2). */
    public record ServerFacts(long id, String name, long clientId, String clientName, Infrastructure infrastructure,
            ContractStatus contractStatus) {
    }

    /** @throws java.util.NoSuchElementException for an unknown update (a readable incident) */
    @Transactional(readOnly = true)
    public UpdateContext of(long updateId) {
        UpdateView u = updates.get(updateId);
        return new UpdateContext(u, server(u.serverId()));
    }

    /** @throws NotFoundException for an unknown server (404 on the API) */
    @Transactional(readOnly = true)
    public ServerFacts server(long serverId) {
        Server s = servers.findById(serverId).orElseThrow(() -> new NotFoundException("server", serverId));
        return new ServerFacts(s.getId(), s.getName(), s.getContract().getClient().getId(),
                s.getContract().getClient().getCompanyName(), s.getInfrastructure(), s.getContract().getStatus());
    }
}
