package fr.progerance.ops.billing.suspension;

import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.remote.SshTarget;
import java.util.List;

/**
 * What the register says about a client's services, read once per call (R7.3, R8.2): its company
 * name, its contracts in service and their servers.
 *
 * @param clientId the client
 * @param companyName its name, for the deletion audit
 * @param contractReferences the references of its contracts in service (ACTIVE or SUSPENDED)
 * @param servers the servers of those contracts, in register order
 */
record RegisteredServices(long clientId, String companyName, List<String> contractReferences, List<ServerRef> servers) {

    RegisteredServices {
        contractReferences = List.copyOf(contractReferences);
        servers = List.copyOf(servers);
    }

    /**
     * One server as the register (or a deletion audit item) gives it.
     *
     * @param installPath the shop's install directory; null when read back from an audit item
     * @param databaseName the shop's database; null when read back from an audit item
     * @param contractReference its contract's reference; null when read back from an audit item
     */
    record ServerRef(long id, String name, String address, int sshPort, String sshUser, String hostKeyFingerprint,
            Infrastructure infrastructure, String installPath, String databaseName, String contractReference) {

        static ServerRef of(Server s) {
            return new ServerRef(s.getId(), s.getName(), s.getAddress(), s.getSshPort(), s.getSshUser(),
                    s.getHostKeyFingerprint(), s.getInfrastructure(), s.getInstallPath(), s.getDatabaseName(),
                    s.getContract().getReference());
        }

        /** Where to connect, with the pinned host key (DESIGN rule 8). */
        SshTarget target() {
            return new SshTarget(address, sshPort, sshUser, hostKeyFingerprint);
        }

        /** {@code name (INFRASTRUCTURE)}, the start of each report line. */
        String label() {
            return name + " (" + infrastructure + ")";
        }
    }
}
