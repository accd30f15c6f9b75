package fr.progerance.ops.monitoring.probe;

import fr.progerance.ops.calendar.ContractClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monitoring data kept (R5.7: technical data, at most {@code ops.probe.retention}, one year):
 * per server and check, the current status ({@code ops_probe_state}) and each change of status
 * ({@code ops_probe_state_change}), and per server, check kind and hour the number of checks,
 * failures, warnings and their latency ({@code ops_probe_hourly}). Not every sample: at 60 s a server
 * with ten checks would write 5 million rows a year. The hourly figures are summed in memory and
 * written every {@code ops.probe.flush-interval} (added to the hour's row, so several flushes and
 * several nodes add up); a crash loses at most that much of them, never a status change.
 */
@Component
public class ProbeHistory {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeHistory.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ContractClock clock;
    private final ProbeSettings settings;
    /** serverId -> check key -> last status; loaded from ops_probe_state on a server's first round. */
    private final Map<Long, Map<String, CheckStatus>> states = new ConcurrentHashMap<>();
    private final Map<HourKey, long[]> hours = new ConcurrentHashMap<>();

    /** One row of ops_probe_state. */
    public record State(String checkKey, CheckStatus status, Instant since, String detail) {
    }

    /** One row of ops_probe_state_change. */
    public record Change(String checkKey, CheckStatus from, CheckStatus to, Instant at, String detail) {
    }

    /** One row of ops_probe_hourly. */
    public record Hour(long serverId, CheckKind kind, Instant hourStart, int checks, int failures, int warnings,
            long latencyTotalMs, long latencyMaxMs) {
    }

    private record HourKey(long serverId, CheckKind kind, Instant hourStart) {
    }

    public ProbeHistory(JdbcTemplate jdbc, PlatformTransactionManager transactions, ContractClock clock,
            ProbeSettings settings, ProbeMetrics metrics) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.settings = settings;
        metrics.failingFrom(this::failing);
    }

    /** Records a full round: status changes at once (committed), the hourly figures in memory. */
    public void record(ProbeRound round) {
        long serverId = round.serverId();
        Map<String, CheckStatus> known = states.computeIfAbsent(serverId, this::load);
        synchronized (known) {
            List<CheckResult> changed = new ArrayList<>();
            for (CheckResult r : round.results()) {
                if (known.get(r.key()) != r.status()) {
                    changed.add(r);
                }
            }
            List<String> gone = known.keySet().stream()
                    .filter(k -> round.results().stream().noneMatch(r -> r.key().equals(k))).toList();
            if (!changed.isEmpty() || !gone.isEmpty()) {
                tx.executeWithoutResult(s -> {
                    for (CheckResult r : changed) {
                        CheckStatus before = known.get(r.key());
                        String detail = HttpProbe.shorten(r.detail());
                        Timestamp at = Timestamp.from(r.checkedAt());
                        int n = jdbc.update("update ops_probe_state set status = ?, since = ?, detail = ? where server_id = ?"
                                + " and check_key = ?", r.status().name(), at, detail, serverId, key(r));
                        if (n == 0) {
                            jdbc.update("insert into ops_probe_state (server_id, check_key, status, since, detail)"
                                    + " values (?, ?, ?, ?, ?)", serverId, key(r), r.status().name(), at, detail);
                        }
                        jdbc.update("insert into ops_probe_state_change (server_id, check_key, from_status, to_status,"
                                + " changed_at, detail) values (?, ?, ?, ?, ?, ?)", serverId, key(r),
                                before == null ? null : before.name(), r.status().name(), at, detail);
                    }
                    for (String k : gone) {
                        jdbc.update("delete from ops_probe_state where server_id = ? and check_key = ?", serverId, k);
                    }
                });
                changed.forEach(r -> known.put(r.key(), r.status()));
                gone.forEach(known::remove);
            }
        }
        for (CheckResult r : round.results()) {
            HourKey key = new HourKey(serverId, r.kind(), r.checkedAt().truncatedTo(ChronoUnit.HOURS));
            long ms = r.latency().toMillis();
            hours.compute(key, (k, v) -> {
                long[] a = v == null ? new long[5] : v;
                a[0]++;
                a[1] += r.status() == CheckStatus.FAILED ? 1 : 0;
                a[2] += r.status() == CheckStatus.WARNING ? 1 : 0;
                a[3] += ms;
                a[4] = Math.max(a[4], ms);
                return a;
            });
        }
    }

    private static String key(CheckResult r) {
        String key = r.key();
        return key.length() > 300 ? key.substring(0, 300) : key;
    }

    private Map<String, CheckStatus> load(long serverId) {
        Map<String, CheckStatus> map = new HashMap<>();
        jdbc.query("select check_key, status from ops_probe_state where server_id = ?",
                rs -> {
                    map.put(rs.getString(1), CheckStatus.valueOf(rs.getString(2)));
                }, serverId);
        return map;
    }

    /** Writes the hourly figures summed in memory (added to what the hour's rows hold). */
    public int flush() {
        int written = 0;
        for (HourKey key : List.copyOf(hours.keySet())) {
            long[] a = hours.remove(key);
            if (a == null) {
                continue;
            }
            try {
                tx.executeWithoutResult(s -> {
                    Timestamp hour = Timestamp.from(key.hourStart());
                    int n = jdbc.update("update ops_probe_hourly set checks = checks + ?, failures = failures + ?,"
                            + " warnings = warnings + ?, latency_total_ms = latency_total_ms + ?,"
                            + " latency_max_ms = case when latency_max_ms > ? then latency_max_ms else ? end"
                            + " where server_id = ? and kind = ? and hour_start = ?", a[0], a[1], a[2], a[3], a[4], a[4],
                            key.serverId(), key.kind().name(), hour);
                    if (n == 0) {
                        jdbc.update("insert into ops_probe_hourly (server_id, kind, hour_start, checks, failures, warnings,"
                                + " latency_total_ms, latency_max_ms) values (?, ?, ?, ?, ?, ?, ?, ?)", key.serverId(),
                                key.kind().name(), hour, a[0], a[1], a[2], a[3], a[4]);
                    }
                });
                written++;
            } catch (RuntimeException e) {
                // another node inserted the same hour meanwhile, or the database is away: keep the figures
                hours.merge(key, a, (x, y) -> new long[] {x[0] + y[0], x[1] + y[1], x[2] + y[2], x[3] + y[3],
                    Math.max(x[4], y[4])});
                LOG.warn("Hourly probe figures of server {} not written yet: {}", key.serverId(), e.toString());
            }
        }
        return written;
    }

    /**
     * R5.7: deletes the status changes and hourly figures older than {@code ops.probe.retention}
     * (one year), counted back from now by the contract's calendar; returns the rows deleted.
     */
    public int purge() {
        Instant cutoff = clock.periodBeforeNow(settings.getRetention());
        Timestamp before = Timestamp.from(cutoff);
        int changes = jdbc.update("delete from ops_probe_state_change where changed_at < ?", before);
        int hourly = jdbc.update("delete from ops_probe_hourly where hour_start < ?", before);
        if (changes + hourly > 0) {
            LOG.info("R5.7: purged {} probe status changes and {} hourly figures older than {}", changes, hourly, cutoff);
        }
        return changes + hourly;
    }

    /** The current status of each check of the server. */
    public List<State> states(long serverId) {
        return jdbc.query("select check_key, status, since, detail from ops_probe_state where server_id = ?"
                + " order by check_key", (rs, i) -> new State(rs.getString(1), CheckStatus.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), rs.getString(4)), serverId);
    }

    /** The server's status changes since {@code from}, oldest first. */
    public List<Change> changes(long serverId, Instant from) {
        return jdbc.query("select check_key, from_status, to_status, changed_at, detail from ops_probe_state_change"
                + " where server_id = ? and changed_at >= ? order by changed_at, id", (rs, i) -> new Change(
                        rs.getString(1), rs.getString(2) == null ? null : CheckStatus.valueOf(rs.getString(2)),
                        CheckStatus.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(), rs.getString(5)),
                serverId, Timestamp.from(from));
    }

    /** The server's hourly figures, oldest first. */
    public List<Hour> hours(long serverId) {
        return jdbc.query("select server_id, kind, hour_start, checks, failures, warnings, latency_total_ms, latency_max_ms"
                + " from ops_probe_hourly where server_id = ? order by hour_start, kind", (rs, i) -> new Hour(
                        rs.getLong(1), CheckKind.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getLong(7), rs.getLong(8)), serverId);
    }

    /** Checks of {@code kind} whose last status, as this node saw it, is FAILED. */
    int failing(CheckKind kind) {
        String prefix = kind.name() + ":";
        int n = 0;
        for (Map<String, CheckStatus> server : states.values()) {
            synchronized (server) {
                for (Map.Entry<String, CheckStatus> e : server.entrySet()) {
                    if (e.getValue() == CheckStatus.FAILED && e.getKey().startsWith(prefix)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
