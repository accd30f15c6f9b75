package fr.progerance.ops.billing.suspension;

import fr.progerance.ops.contract.Client;
import fr.progerance.ops.contract.ClientRepository;
import fr.progerance.ops.contract.Contract;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.web.NotFoundException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a client's servers from the contract register (client, its contracts, their servers): the
 * servers of the contracts in service, ACTIVE or SUSPENDED (a draft is not running yet, a terminated
 * contract's servers are no longer the client's services). For a deletion it also refuses what
 * could touch another client's data (R8.2).
 */
@Component
class ClientServers {

    /** The contracts whose servers are the client's services. */
    static final Set<ContractStatus> IN_SERVICE = EnumSet.of(ContractStatus.ACTIVE, ContractStatus.SUSPENDED);

    private final ClientRepository clients;
    private final ContractRepository contracts;
    private final ServerRepository servers;
    private final TransactionTemplate readOnly;

    ClientServers(ClientRepository clients, ContractRepository contracts, ServerRepository servers,
            PlatformTransactionManager transactions) {
        this.clients = clients;
        this.contracts = contracts;
        this.servers = servers;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * The client, its contracts in service and their servers.
     *
     * @throws NotFoundException an unknown client
     */
    RegisteredServices read(long clientId) {
        return readOnly.execute(tx -> {
            Client client = clients.findById(clientId).orElseThrow(() -> new NotFoundException("Client", clientId));
            List<String> references = new ArrayList<>();
            List<RegisteredServices.ServerRef> found = new ArrayList<>();
            for (Contract contract : contracts.findByClient_IdOrderByIdAsc(clientId)) {
                if (!IN_SERVICE.contains(contract.getStatus())) {
                    continue;
                }
                references.add(contract.getReference());
                for (Server server : servers.findByContract_IdOrderByIdAsc(contract.getId())) {
                    found.add(RegisteredServices.ServerRef.of(server));
                }
            }
            return new RegisteredServices(clientId, client.getCompanyName(), references, found);
        });
    }

    /**
     * R8.2: what a deletion will delete. Refused (nothing is written, nothing deleted) when a shop
     * directory is not one the removal template accepts, or when another client's server on the same
     * address uses the same database or an overlapping directory: such data is not only this client's.
     *
     * @throws NotFoundException an unknown client
     * @throws IllegalStateException naming the server and the reason
     */
    RegisteredServices planDeletion(long clientId) {
        RegisteredServices plan = read(clientId);
        List<String> problems = new ArrayList<>();
        for (RegisteredServices.ServerRef s : plan.servers()) {
            if (!CommandTemplate.Parameter.SHOP_DIRECTORY.accepts(s.installPath())) {
                problems.add(s.label() + ": the install path " + s.installPath() + " is not a directory that may be"
                        + " removed (a system directory, or fewer than two names); correct the register or delete it"
                        + " by hand");
            }
        }
        List<RegisteredServices.ServerRef> others = readOnly.execute(tx -> servers.findAllByOrderByIdAsc().stream()
                .filter(s -> s.getContract().getClientId() != clientId)
                .map(RegisteredServices.ServerRef::of).toList());
        for (RegisteredServices.ServerRef s : plan.servers()) {
            for (RegisteredServices.ServerRef other : others) {
                if (!s.address().toLowerCase(Locale.ROOT).equals(other.address().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (s.databaseName().equals(other.databaseName())) {
                    problems.add(s.label() + ": the database " + s.databaseName() + " on " + s.address()
                            + " is also the database of server " + other.name() + " (contract "
                            + other.contractReference() + ", another client)");
                }
                if (overlap(s.installPath(), other.installPath())) {
                    problems.add(s.label() + ": the directory " + s.installPath() + " on " + s.address()
                            + " overlaps " + other.installPath() + " of server " + other.name() + " (contract "
                            + other.contractReference() + ", another client)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("R8.2: the deletion of client " + clientId + " is refused, nothing was"
                    + " deleted: " + String.join("; ", problems));
        }
        return plan;
    }

    /** Whether one directory is the other or contains it. */
    static boolean overlap(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }
}
