package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.monitoring.windows.PlannedWindows;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A stand-in {@link PlannedWindows} used only while the application has no bean of that port (the
 * windows part, {@code monitoring/windows}, provides the real one with backup windows): the maintenance
 * windows of the register ({@code ops_maintenance_window}: MANUAL and UPDATE), clipped and merged.
 * Not a bean, so it never competes with the real implementation. It also reads a whole month for every
 * server in one query ({@link #withinAll}), which the report uses.
 */
final class RegisterMaintenanceWindows implements PlannedWindows {

    private final JdbcTemplate jdbc;

    RegisterMaintenanceWindows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean covers(long serverId, Instant at) {
        Integer n = jdbc.queryForObject("select count(*) from ops_maintenance_window where server_id = ?"
                + " and window_start <= ? and window_end > ?", Integer.class, serverId, Timestamp.from(at),
                Timestamp.from(at));
        return n != null && n > 0;
    }

    @Override
    public List<Interval> within(long serverId, Interval range) {
        return withinAll(range).getOrDefault(serverId, List.of());
    }

    /** Every server's windows overlapping {@code range}, clipped to it and merged, by server id. */
    Map<Long, List<Interval>> withinAll(Interval range) {
        Map<Long, List<Interval>> spans = new HashMap<>();
        jdbc.query("select server_id, window_start, window_end from ops_maintenance_window"
                + " where window_start < ? and window_end > ?", rs -> {
                    Interval clipped = new Interval(rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getObject(3, OffsetDateTime.class).toInstant())
                            .clip(range);
                    if (clipped != null) {
                        spans.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(clipped);
                    }
                }, Timestamp.from(range.end()), Timestamp.from(range.start()));
        spans.replaceAll((server, list) -> Interval.union(list));
        return spans;
    }
}
