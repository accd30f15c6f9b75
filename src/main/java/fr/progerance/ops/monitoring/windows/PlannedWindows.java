package fr.progerance.ops.monitoring.windows;

import fr.progerance.ops.calendar.Interval;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * {@link #within(long, Interval)} for each of {@code serverIds} (each is a key, with an empty list
     * when it has no window): a monthly report reads a thousand servers at once.
     */
    default Map<Long, List<Interval>> within(Collection<Long> serverIds, Interval range) {
        Map<Long, List<Interval>> windows = new LinkedHashMap<>();
        for (Long serverId : serverIds) {
            windows.put(serverId, within(serverId, range));
        }
        return windows;
    }
}
