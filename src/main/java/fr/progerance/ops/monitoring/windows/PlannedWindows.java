package fr.progerance.ops.monitoring.windows;

import fr.progerance.ops.calendar.Interval;
import java.time.Instant;
import java.util.List;

/**
 * R4.4-p: planned maintenance windows (recorded by the update processes and by ops through
 * {@code /api/maintenance}) and backup windows. No incident opens inside them, and their minutes are
 * excluded from availability.
 */
public interface PlannedWindows {

    /** Whether a planned window of the server covers {@code at}. */
    boolean covers(long serverId, Instant at);

    /** The server's planned windows overlapping {@code range}, clipped to it, merged (no overlaps). */
    List<Interval> within(long serverId, Interval range);
}
