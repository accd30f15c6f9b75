package fr.progerance.ops.update.process;

import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.RemoteExecutor;
import fr.progerance.ops.remote.SshTarget;
import fr.progerance.ops.update.Updates;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first remote step of the ApplyUpdate stand-in ({@link CalledProcessMocks}): one command sent to
 * the update's server through the application's remote executor, so a test can see when the first
 * command reaches the server (R4.0-c: never before the approval). Test sources only.
 */
@Component("applyUpdateStandIn")
public class ApplyUpdateStandIn {

    private final Updates updates;
    private final ServerRepository servers;
    private final RemoteExecutor remote;

    public ApplyUpdateStandIn(Updates updates, ServerRepository servers, RemoteExecutor remote) {
        this.updates = updates;
        this.servers = servers;
        this.remote = remote;
    }

    @Transactional(readOnly = true)
    public void firstCommand(Object updateId) {
        long id = ((Number) updateId).longValue();
        Server s = servers.findById(updates.get(id).serverId()).orElseThrow();
        remote.run(new SshTarget(s.getAddress(), s.getSshPort(), s.getSshUser(), s.getHostKeyFingerprint()),
                CommandTemplate.UPTIME);
    }
}
