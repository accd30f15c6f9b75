package fr.progerance.ops.backup;

import fr.progerance.ops.calendar.Interval;
import java.util.List;

/**
 * R4.4-p: the backup windows of a server, the time its backups ran, which the availability measure
 * excludes (monitoring reads them through this interface).
 */
public interface BackupWindows {

    /** The server's backup windows overlapping {@code range} (a running backup: until now), clipped to it. */
    List<Interval> backupWindows(long serverId, Interval range);
}
