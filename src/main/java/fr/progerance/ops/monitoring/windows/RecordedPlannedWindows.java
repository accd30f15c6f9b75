package fr.progerance.ops.monitoring.windows;

import fr.progerance.ops.backup.BackupWindows;
import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.contract.MaintenanceWindowView;
import fr.progerance.ops.contract.MaintenanceWindows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * R4.4-p: the planned windows of the servers, from the records: the maintenance windows (UPDATE,
 * recorded by the update processes, and MANUAL, recorded by ops through {@code /api/maintenance})
 * and the backup windows ({@link BackupWindows}, from the backup run records). {@link #within}
 * merges them ({@link Interval#union}) so a minute in two windows is excluded once;
 * {@link #covers} adds {@code ops.availability.windows.detection-margin} after each window's end
 * (no incident for a shop still restarting), which the measure never does.
 */
@Service
public class RecordedPlannedWindows implements PlannedWindows {

    private final MaintenanceWindows maintenance;
    private final BackupWindows backups;
    private final WindowsSettings settings;

    public RecordedPlannedWindows(MaintenanceWindows maintenance, BackupWindows backups, WindowsSettings settings) {
        this.maintenance = maintenance;
        this.backups = backups;
        this.settings = settings;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean covers(long serverId, Instant at) {
        // A window covers 'at' when [start, end + margin) contains it: look back by the margin.
        Interval probe = new Interval(at.minus(settings.getDetectionMargin()), at.plusNanos(1));
        for (Interval window : within(serverId, probe)) {
            Interval widened = new Interval(window.start(), window.end().plus(settings.getDetectionMargin()));
            if (widened.contains(at)) {
                return true;
            }
        }
        return false;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Interval> within(long serverId, Interval range) {
        return within(List.of(serverId), range).get(serverId);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, List<Interval>> within(Collection<Long> serverIds, Interval range) {
        TreeSet<Long> ids = new TreeSet<>(serverIds);
        Map<Long, List<Interval>> all = new LinkedHashMap<>();
        ids.forEach(id -> all.put(id, new ArrayList<>()));
        for (MaintenanceWindowView w : maintenance.overlapping(ids, range.start(), range.end())) {
            Interval clipped = new Interval(w.start(), w.end()).clip(range);
            if (clipped != null) {
                all.get(w.serverId()).add(clipped);
            }
        }
        backups.backupWindows(ids, range).forEach((id, windows) -> {
            if (all.containsKey(id)) {
                all.get(id).addAll(windows);
            }
        });
        Map<Long, List<Interval>> merged = new LinkedHashMap<>();
        all.forEach((id, windows) -> merged.put(id, Interval.union(windows)));
        return merged;
    }
}
