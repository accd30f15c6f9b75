package fr.progerance.ops.incident;

import fr.progerance.ops.contract.ShopCheck;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.RemoteExecutor;
import fr.progerance.ops.remote.SshTarget;
import fr.progerance.ops.remote.UnreachableServerException;
import org.springframework.stereotype.Component;

/**
 * The automatic diagnosis of a server: read-only command templates over SSH (pinned host key)
 * and the shop's HTTP answer. An unreachable server is a finding, answered at once; a changed host
 * key or a failed login is not a finding but an error (the job retries, then raises an incident;
 * a changed host key raises it at once).
 */
@Component
public class ServerDiagnosis {

    private final RemoteExecutor remote;
    private final ShopCheck shop;
    private final IncidentSettings settings;

    public ServerDiagnosis(RemoteExecutor remote, ShopCheck shop, IncidentSettings settings) {
        this.remote = remote;
        this.shop = shop;
        this.settings = settings;
    }

    public static SshTarget target(Server server) {
        return new SshTarget(server.getAddress(), server.getSshPort(), server.getSshUser(),
                server.getHostKeyFingerprint());
    }

    public DiagnosisReport diagnose(Server server) {
        SshTarget target = target(server);
        ShopCheck.Answer shopAnswer = shop.check(server);
        CommandResult uptime;
        try {
            uptime = remote.run(target, CommandTemplate.UPTIME);
        } catch (UnreachableServerException e) {
            return DiagnosisReport.unreachable(e.getMessage(), shopAnswer);
        }
        CommandResult load = remote.run(target, CommandTemplate.LOAD_AVERAGE);
        CommandResult disks = remote.run(target, CommandTemplate.DISK_USAGE);
        CommandResult failed = remote.run(target, CommandTemplate.FAILED_SERVICES);
        return new DiagnosisReport(true, null,
                uptime.succeeded() ? DiagnosisReport.parseUptime(uptime.stdout()) : "unknown (" + uptime.stderr() + ")",
                load.succeeded() ? DiagnosisReport.parseLoad(load.stdout()) : "unknown",
                disks.succeeded() ? DiagnosisReport.parseFullFileSystems(disks.stdout(), settings.getDiskAlertPercent())
                        : java.util.List.of("df failed: " + disks.stderr()),
                failed.succeeded() ? DiagnosisReport.parseFailedServices(failed.stdout())
                        : java.util.List.of("systemctl failed: " + failed.stderr().strip()),
                shopAnswer.describe(), shopAnswer.answers());
    }
}
