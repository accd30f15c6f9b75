package fr.progerance.ops.monitoring.probe;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.monitoring.probe.MonitoringConfiguration.MountPoint;
import fr.progerance.ops.monitoring.probe.MonitoringConfiguration.Service;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/servers/{id}/monitoring}: what the probes check on a server (R4.1 N1, R4.2 N1) and what
 * they last saw. Every API user reads it; ops (and administrators) write it: a PUT replaces the whole
 * configuration (400 naming the field, 404 unknown server, 403 for managers).
 */
@RestController
public class MonitoringController {

    private static final List<String> WRITERS = List.of(OpsGroups.OPS, OpsGroups.ADMIN);

    private final MonitoringConfigurations configurations;
    private final ProbeHistory history;
    private final ProbeSettings settings;
    private final IdentityService identity;
    private final ContractClock clock;

    public MonitoringController(MonitoringConfigurations configurations, ProbeHistory history, ProbeSettings settings,
            IdentityService identity, ContractClock clock) {
        this.configurations = configurations;
        this.history = history;
        this.settings = settings;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * The configuration and what the probes read of the register.
     *
     * @param intervalSeconds the configured interval, or null ({@code effectiveIntervalSeconds} applies)
     * @param shopUrl the register's shop URL, its expected status (null: {@code ops.probe.expected-status})
     *                and keyword (PUT {@code /api/servers/{id}} changes them)
     * @param dbConnectionQuota R3.7: the contract's quota (null: no DB_CONNECTIONS check)
     * @param checks the current status of each check, as last recorded
     */
    public record MonitoringView(long serverId, Integer intervalSeconds, long effectiveIntervalSeconds,
            List<Integer> tcpPorts, List<Service> services, List<String> processes, List<MountPoint> mountPoints,
            String shopUrl, Integer shopExpectedStatus, String shopKeyword, Integer dbConnectionQuota,
            String updatedBy, OffsetDateTime updatedAt, List<CheckView> checks) {
    }

    /** One check's current status. */
    public record CheckView(String check, CheckStatus status, OffsetDateTime since, String detail) {
    }

    @GetMapping(path = "/api/servers/{id}/monitoring", produces = MediaType.APPLICATION_JSON_VALUE)
    public MonitoringView get(@PathVariable("id") long serverId) {
        return view(serverId, configurations.stored(serverId));
    }

    @PutMapping(path = "/api/servers/{id}/monitoring", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public MonitoringView put(@PathVariable("id") long serverId, @RequestBody(required = false) MonitoringConfiguration request) {
        String who = writer();
        if (request == null) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        return view(serverId, configurations.replace(serverId, request, who));
    }

    private MonitoringView view(long serverId, MonitoringConfigurations.Stored stored) {
        MonitoringConfigurations.ServerFacts facts = configurations.facts(serverId)
                .orElseThrow(() -> new NotFoundException("server", serverId));
        MonitoringConfiguration c = stored.configuration();
        long effective = c.intervalSeconds() != null ? c.intervalSeconds() : settings.getInterval().toSeconds();
        List<CheckView> checks = history.states(serverId).stream()
                .map(s -> new CheckView(s.checkKey(), s.status(), clock.atZone(s.since()), s.detail())).toList();
        return new MonitoringView(serverId, c.intervalSeconds(), effective, c.tcpPorts(), c.services(), c.processes(),
                c.mountPoints(), facts.prestashopUrl(), facts.expectedStatus(), facts.keyword(), facts.dbConnectionQuota(),
                stored.updatedBy(), stored.updatedAt() == null ? null : clock.atZone(stored.updatedAt()), checks);
    }

    private String writer() {
        Authentication who = identity.getCurrentAuthentication();
        if (who == null || who.getGroupIds() == null || who.getGroupIds().stream().noneMatch(WRITERS::contains)) {
            throw new AuthorizationException("Only ops may change what the probes check on a server");
        }
        return who.getUserId();
    }
}
