package fr.progerance.ops.update.shop;

import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.web.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads the servers of the register for the update package. */
@Component
class ShopServers {

    private final ServerRepository servers;

    ShopServers(ServerRepository servers) {
        this.servers = servers;
    }

    /** @throws NotFoundException when the register has no such server (answered 404 by the API) */
    @Transactional(readOnly = true)
    public ShopServer get(long serverId) {
        return servers.findById(serverId).map(ShopServer::of).orElseThrow(() -> new NotFoundException("Server",
                serverId));
    }
}
