package fr.progerance.ops.backup;

import fr.progerance.ops.calendar.Interval;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R4.4-p: the backup windows of a server, the time its backups ran, which the availability measure
 * excludes (monitoring reads them through this interface).
 */
public interface BackupWindows {

    /** The server's backup windows overlapping {@code range} (a running backup: until now), clipped to it. */
    List<Interval> backupWindows(long serverId, Interval range);

    /**
     * The backup windows of each of {@code serverIds} overlapping {@code range}, clipped to it (every
     * server is a key, with an empty list when it has none): one read for a monthly report.
     */
    default Map<Long, List<Interval>> backupWindows(Collection<Long> serverIds, Interval range) {
        Map<Long, List<Interval>> windows = new LinkedHashMap<>();
        for (Long serverId : serverIds) {
            windows.put(serverId, backupWindows(serverId, range));
        }
        return windows;
    }
}
