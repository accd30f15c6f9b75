package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.contract.MaintenanceWindowView;
import fr.progerance.ops.contract.MaintenanceWindows;
import fr.progerance.ops.monitoring.windows.PlannedWindows;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in {@link PlannedWindows} used only while the application has no bean of that port (the
 * windows part, {@code monitoring/windows}, provides the real one with backup windows): the maintenance
 * windows of the register ({@code ops_maintenance_window}: MANUAL and UPDATE), clipped and merged.
 * Not a bean, so it never competes with the real implementation.
 */
final class RegisterMaintenanceWindows implements PlannedWindows {

    private final MaintenanceWindows windows;

    RegisterMaintenanceWindows(MaintenanceWindows windows) {
        this.windows = windows;
    }

    @Override
    public boolean covers(long serverId, java.time.Instant at) {
        return !windows.overlapping(serverId, at, at.plusNanos(1)).isEmpty();
    }

    @Override
    public List<Interval> within(long serverId, Interval range) {
        List<Interval> spans = new ArrayList<>();
        for (MaintenanceWindowView w : windows.overlapping(serverId, range.start(), range.end())) {
            if (w.end().isAfter(w.start())) {
                Interval clipped = new Interval(w.start(), w.end()).clip(range);
                if (clipped != null) {
                    spans.add(clipped);
                }
            }
        }
        return Interval.union(spans);
    }
}
