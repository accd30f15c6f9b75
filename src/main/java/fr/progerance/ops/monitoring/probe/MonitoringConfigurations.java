package fr.progerance.ops.monitoring.probe;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.monitoring.probe.MonitoringConfiguration.MountPoint;
import fr.progerance.ops.monitoring.probe.MonitoringConfiguration.Service;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The servers' monitoring configurations (V53 {@code ops_server_monitoring}, {@code ops_monitored_item})
 * and what the probes read of the register: the server's addresses, its shop check, its contract's
 * status and R3.7 connection quota. Read with JDBC: the probes run outside any JPA session.
 */
@Component
public class MonitoringConfigurations {

    private final JdbcTemplate jdbc;
    private final ProbeSettings settings;
    private final ContractClock clock;
    private final Validator validator;

    public MonitoringConfigurations(JdbcTemplate jdbc, ProbeSettings settings, ContractClock clock,
            Validator validator) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.validator = validator;
    }

    /**
     * What the probes need of one server from the register.
     *
     * @param expectedStatus the register's, or null for the setting's
     * @param dbConnectionQuota R3.7: the contract's quota, or null when the quote gives none
     */
    public record ServerFacts(long serverId, long contractId, String contractStatus, String address, int sshPort,
            String sshUser, String hostKeyFingerprint, String prestashopUrl, Integer expectedStatus, String keyword,
            Integer dbConnectionQuota) {

        public boolean active() {
            return "ACTIVE".equals(contractStatus);
        }
    }

    /** The configuration as stored, with who wrote it last and when (null: never written). */
    public record Stored(MonitoringConfiguration configuration, String updatedBy, Instant updatedAt) {
    }

    /** A server the scheduler probes, and its interval in seconds (null: the setting). */
    public record Monitored(long serverId, Integer intervalSeconds) {
    }

    public Optional<ServerFacts> facts(long serverId) {
        List<ServerFacts> rows = jdbc.query("select s.id, s.contract_id, c.status, s.address, s.ssh_port, s.ssh_user,"
                + " s.host_key_fingerprint, s.prestashop_url, s.shop_expected_status, s.shop_keyword,"
                + " c.db_connection_quota from ops_server s join ops_contract c on c.id = s.contract_id where s.id = ?",
                (rs, i) -> new ServerFacts(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), integer(rs, 9), rs.getString(10),
                        integer(rs, 11)), serverId);
        return rows.stream().findFirst();
    }

    /** The servers of ACTIVE contracts (R4.1, R4.2: only a running contract is watched), by id. */
    public List<Monitored> monitored() {
        return jdbc.query("select s.id, m.interval_seconds from ops_server s join ops_contract c on c.id = s.contract_id"
                + " left join ops_server_monitoring m on m.server_id = s.id where c.status = 'ACTIVE' order by s.id",
                (rs, i) -> new Monitored(rs.getLong(1), integer(rs, 2)));
    }

    /** The server's configuration; an empty one when none was written. */
    public Stored stored(long serverId) {
        List<Object[]> head = jdbc.query("select interval_seconds, updated_by, updated_at from ops_server_monitoring"
                + " where server_id = ?", (rs, i) -> new Object[] {integer(rs, 1), rs.getString(2),
                    rs.getTimestamp(3).toInstant()}, serverId);
        if (head.isEmpty()) {
            return new Stored(MonitoringConfiguration.empty(), null, null);
        }
        List<Integer> ports = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<String> processes = new ArrayList<>();
        List<MountPoint> mounts = new ArrayList<>();
        jdbc.query("select kind, target, restartable, warn_below_free_percent, fail_below_free_percent"
                + " from ops_monitored_item where server_id = ? order by position, id", rs -> {
                    String target = rs.getString(2);
                    switch (rs.getString(1)) {
                        case "TCP_PORT" -> ports.add(Integer.valueOf(target));
                        case "SERVICE" -> services.add(new Service(target, rs.getBoolean(3)));
                        case "PROCESS" -> processes.add(target);
                        default -> mounts.add(new MountPoint(target, integer(rs, 4), integer(rs, 5)));
                    }
                }, serverId);
        Object[] h = head.get(0);
        return new Stored(new MonitoringConfiguration((Integer) h[0], ports, services, processes, mounts),
                (String) h[1], (Instant) h[2]);
    }

    /** The server's configuration; an empty one when none was written. */
    public MonitoringConfiguration configuration(long serverId) {
        return stored(serverId).configuration();
    }

    /** Whether the server's configuration lets the engine restart {@code unit} by itself (the detection asks). */
    public boolean restartable(long serverId, String unit) {
        Integer n = jdbc.queryForObject("select count(*) from ops_monitored_item where server_id = ? and kind = 'SERVICE'"
                + " and target = ? and restartable = true", Integer.class, serverId, unit);
        return n != null && n > 0;
    }

    /**
     * Replaces the server's configuration (validated: 400 naming the field; unknown server: 404). Mount
     * points without thresholds get the settings' at the time of writing, so what is shown is what runs.
     */
    @Transactional
    public Stored replace(long serverId, MonitoringConfiguration requested, String user) {
        if (facts(serverId).isEmpty()) {
            throw new NotFoundException("server", serverId);
        }
        List<FieldProblem> problems = new ArrayList<>(requested.problems(settings.getMinInterval()));
        // the declared constraints (the same rules): anything the checks above did not already name
        for (ConstraintViolation<MonitoringConfiguration> v : validator.validate(requested)) {
            String field = v.getPropertyPath().toString().replace(".<list element>", "");
            if (problems.stream().noneMatch(p -> p.field().equals(field))) {
                problems.add(new FieldProblem(field, v.getMessage()));
            }
        }
        List<MountPoint> mounts = new ArrayList<>();
        for (int i = 0; i < requested.mountPoints().size(); i++) {
            MountPoint m = requested.mountPoints().get(i);
            if (m == null) {
                continue;
            }
            int warn = m.warnBelowFreePercent() != null ? m.warnBelowFreePercent() : settings.getDiskWarnBelowFreePercent();
            int fail = m.failBelowFreePercent() != null ? m.failBelowFreePercent() : settings.getDiskFailBelowFreePercent();
            if (fail > warn && problems.stream().noneMatch(p -> p.field().startsWith("mountPoints"))) {
                problems.add(new FieldProblem("mountPoints[" + i + "].failBelowFreePercent", "must not exceed the warning"
                        + " threshold " + warn + " %"));
            }
            mounts.add(new MountPoint(m.path(), warn, fail));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Instant now = clock.instant();
        int updated = jdbc.update("update ops_server_monitoring set interval_seconds = ?, updated_by = ?, updated_at = ?"
                + " where server_id = ?", requested.intervalSeconds(), user, Timestamp.from(now), serverId);
        if (updated == 0) {
            jdbc.update("insert into ops_server_monitoring (server_id, interval_seconds, updated_by, updated_at)"
                    + " values (?, ?, ?, ?)", serverId, requested.intervalSeconds(), user, Timestamp.from(now));
        }
        jdbc.update("delete from ops_monitored_item where server_id = ?", serverId);
        int position = 0;
        for (Integer port : requested.tcpPorts()) {
            insert(serverId, "TCP_PORT", String.valueOf(port), position++, false, null, null);
        }
        for (Service s : requested.services()) {
            insert(serverId, "SERVICE", s.unit(), position++, s.restartable(), null, null);
        }
        for (String p : requested.processes()) {
            insert(serverId, "PROCESS", p, position++, false, null, null);
        }
        for (MountPoint m : mounts) {
            insert(serverId, "DISK_SPACE", m.path(), position++, false, m.warnBelowFreePercent(), m.failBelowFreePercent());
        }
        return new Stored(new MonitoringConfiguration(requested.intervalSeconds(), requested.tcpPorts(),
                requested.services(), requested.processes(), mounts), user, now);
    }

    private void insert(long serverId, String kind, String target, int position, boolean restartable, Integer warn,
            Integer fail) {
        jdbc.update("insert into ops_monitored_item (server_id, kind, target, position, restartable,"
                + " warn_below_free_percent, fail_below_free_percent) values (?, ?, ?, ?, ?, ?, ?)", serverId, kind,
                target, position, restartable, warn, fail);
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
