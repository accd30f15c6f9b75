package fr.progerance.ops.monitoring.detect;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.ServerDiagnosis;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.RemoteOperations;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The automatic restart of a restartable systemd unit (the issue: "a stopped service that the contract
 * allows restarting is restarted once, then checked again; the attempt and its outcome are recorded on
 * the incident either way"), and its record in {@code ops_monitoring_auto_restart} (V55).
 *
 * <p>Once: the record is claimed (PENDING) before the command is sent, one per unit and failure
 * (its first failed check), and the unit is not restarted again while the incident its last restart
 * was recorded on is open (a restart whose incident could not be reported blocks for
 * {@link #PENDING_BLOCKS}). The command itself goes through {@link RemoteOperations#runOnce} with an
 * operation key per unit and failure ({@code CommandTemplate.RESTART_SERVICE}, host key pinned), so
 * a repeated round never sends it twice.
 */
@Component
public class AutoRestarts {

    /** How long a claimed restart without an incident blocks the next one (its round may still be at work). */
    static final Duration PENDING_BLOCKS = Duration.ofMinutes(30);

    /** The outcome of an attempt; the metric tag {@code outcome} is its lower-case name. */
    public enum Outcome {
        /** The restart ran and the check answered again. */
        RESTORED,
        /** The restart ran; the check still fails. */
        STILL_DOWN,
        /** The restart could not be run, or exited non-zero. */
        FAILED;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the command did: whether it ran and exited 0, and a readable line for the timeline. */
    public record Attempt(boolean ran, String detail) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;
    private final RemoteOperations remote;
    private final IncidentService incidents;
    private final ContractClock clock;
    private final DetectionSettings settings;

    public AutoRestarts(DataSource dataSource, PlatformTransactionManager transactionManager, RemoteOperations remote,
            IncidentService incidents, ContractClock clock, DetectionSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.own = new TransactionTemplate(transactionManager);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.remote = remote;
        this.incidents = incidents;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Claims the restart of {@code unit} for the failure first seen at {@code failedAt}.
     *
     * @return the record's id, or empty when this failure was already handled, or the unit's last
     *     restart is on an incident still open
     */
    public Optional<Long> claim(long serverId, String unit, Instant failedAt) {
        Instant now = clock.instant();
        return own.execute(status -> {
            List<Map<String, Object>> last = jdbc.queryForList("select incident_number, outcome, attempted_at from"
                    + " ops_monitoring_auto_restart where server_id = ? and unit = ? order by id desc limit 1",
                    serverId, unit);
            if (!last.isEmpty() && blocks(last.get(0), now)) {
                return Optional.<Long>empty();
            }
            jdbc.update("delete from ops_monitoring_auto_restart where attempted_at < ?",
                    Timestamp.from(clock.periodBeforeNow(settings.getRetention())));
            KeyHolder keys = new GeneratedKeyHolder();
            try {
                jdbc.update(con -> {
                    PreparedStatement ps = con.prepareStatement("insert into ops_monitoring_auto_restart (server_id, unit,"
                            + " failed_at, attempted_at, outcome) values (?, ?, ?, ?, 'PENDING')", new String[] {"id"});
                    ps.setLong(1, serverId);
                    ps.setString(2, unit);
                    ps.setTimestamp(3, Timestamp.from(failedAt));
                    ps.setTimestamp(4, Timestamp.from(now));
                    return ps;
                }, keys);
            } catch (DuplicateKeyException e) {
                return Optional.<Long>empty();
            }
            return Optional.of(keys.getKey().longValue());
        });
    }

    private boolean blocks(Map<String, Object> last, Instant now) {
        String number = (String) last.get("incident_number");
        if (number != null) {
            return incidents.find(number).map(Incident::isOpen).orElse(false);
        }
        Instant attempted = ((Timestamp) last.get("attempted_at")).toInstant();
        return "PENDING".equals(last.get("outcome")) && attempted.isAfter(now.minus(PENDING_BLOCKS));
    }

    /** Sends the restart (once per unit and failure); never throws for what the server answers. */
    public Attempt restart(Server server, String unit, Instant failedAt) {
        String key = "monitoring:restart:" + server.getId() + ":" + unit + ":" + failedAt.toEpochMilli();
        try {
            RemoteOperations.Outcome outcome = remote.runOnce(key, ServerDiagnosis.target(server),
                    CommandTemplate.RESTART_SERVICE, unit);
            return new Attempt(true, outcome.describe());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Attempt(false, message.length() > 500 ? message.substring(0, 497) + "..." : message);
        }
    }

    /** Records the outcome and the incident it was recorded on (null when none could be reported). */
    public void finish(long id, Outcome outcome, String incidentNumber, String detail) {
        String text = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...";
        own.executeWithoutResult(s -> jdbc.update("update ops_monitoring_auto_restart set outcome = ?,"
                + " incident_number = ?, detail = ? where id = ?", outcome.name(), incidentNumber, text, id));
    }

    /** The restarts recorded for a server, newest first. */
    public List<Map<String, Object>> recorded(long serverId) {
        return jdbc.queryForList("select unit, failed_at, attempted_at, outcome, incident_number, detail from"
                + " ops_monitoring_auto_restart where server_id = ? order by id desc", serverId);
    }
}
