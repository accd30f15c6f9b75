package fr.progerance.ops.monitoring.windows;

import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.contract.MaintenanceWindowView;
import fr.progerance.ops.contract.MaintenanceWindows;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The MANUAL maintenance windows ops plan through {@code /api/maintenance} (R4.4-p: excluded from
 * the availability measure), with the rules of {@link ManualWindowRules}, each change checked and
 * written in one transaction. Every change is logged with who made it.
 */
@Service
public class ManualWindows {

    private static final Logger LOG = LoggerFactory.getLogger(ManualWindows.class);

    private final MaintenanceWindows windows;
    private final ServerRepository servers;
    private final PlannedWindows planned;
    private final WindowsSettings settings;
    private final Clock clock;

    public ManualWindows(MaintenanceWindows windows, ServerRepository servers, PlannedWindows planned,
            WindowsSettings settings, Clock clock) {
        this.windows = windows;
        this.planned = planned;
        this.servers = servers;
        this.settings = settings;
        this.clock = clock;
    }

    /** A new MANUAL window of {@code serverId}; 400 naming the field (an unknown server included). */
    @Transactional
    public MaintenanceWindowView create(long serverId, Instant start, Instant end, String reason, String by) {
        if (!servers.existsById(serverId)) {
            throw new InvalidInputException("serverId", "no server " + serverId + " in the register");
        }
        Interval span = rules().create(start, end, clock.instant());
        MaintenanceWindowView created = windows.record(serverId, span.start(), span.end(),
                MaintenanceWindowSource.MANUAL, null, reason, by);
        LOG.info("Maintenance window {} of server {} planned by {}: {} .. {}", created.id(), serverId, by,
                created.start(), created.end());
        return created;
    }

    /** The window; 404 when there is none. */
    @Transactional(readOnly = true)
    public MaintenanceWindowView get(long id) {
        return windows.get(id).orElseThrow(() -> new NotFoundException("Maintenance window", id));
    }

    /** The server's windows (UPDATE and MANUAL) overlapping {@code range}, earliest first. */
    @Transactional(readOnly = true)
    public List<MaintenanceWindowView> list(long serverId, Interval range) {
        if (!servers.existsById(serverId)) {
            throw new NotFoundException("Server", serverId);
        }
        return windows.overlapping(serverId, range.start(), range.end());
    }

    /** R4.4-p: what the measure excludes for the server in {@code range} ({@link PlannedWindows#within}); 404 for an unknown server. */
    @Transactional(readOnly = true)
    public List<Interval> planned(long serverId, Interval range) {
        if (!servers.existsById(serverId)) {
            throw new NotFoundException("Server", serverId);
        }
        return planned.within(serverId, range);
    }

    /** Moves a MANUAL window (see {@link ManualWindowRules#move}); 404, 400 or 409. */
    @Transactional
    public MaintenanceWindowView move(long id, Instant start, Instant end, String reason, String by) {
        MaintenanceWindowView current = get(id);
        Interval span = rules().move(current.source(), new Interval(current.start(), current.end()), start, end,
                clock.instant());
        MaintenanceWindowView moved = windows.move(id, span.start(), span.end(), reason);
        LOG.info("Maintenance window {} of server {} moved by {}: {} .. {} (was {} .. {})", id, moved.serverId(), by,
                moved.start(), moved.end(), current.start(), current.end());
        return moved;
    }

    /** Cancels a MANUAL window not begun yet (see {@link ManualWindowRules#cancel}); 404 or 409. */
    @Transactional
    public void cancel(long id, String by) {
        MaintenanceWindowView current = get(id);
        rules().cancel(current.source(), new Interval(current.start(), current.end()), clock.instant());
        windows.delete(id);
        LOG.info("Maintenance window {} of server {} cancelled by {} (was {} .. {}, {})", id, current.serverId(), by,
                current.start(), current.end(), current.reason());
    }

    private ManualWindowRules rules() {
        return new ManualWindowRules(settings.getManualMaxDuration());
    }
}
