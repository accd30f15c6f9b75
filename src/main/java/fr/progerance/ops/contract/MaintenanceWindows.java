package fr.progerance.ops.contract;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The maintenance windows of the servers (R4.4-p: planned maintenance is excluded from the
 * availability measure). A shared service of the register: the obligation that plans work records
 * its window here under its own reference ({@code update:<id>}); issue 11's availability reads them.
 * Recording the same source and reference again moves that window (one window per reference).
 */
@Service
public class MaintenanceWindows {

    private final MaintenanceWindowRepository windows;
    private final ServerRepository servers;
    private final Clock clock;

    public MaintenanceWindows(MaintenanceWindowRepository windows, ServerRepository servers, Clock clock) {
        this.windows = windows;
        this.servers = servers;
        this.clock = clock;
    }

    /**
     * Records the window of {@code reference}, or moves it when that reference already has one.
     *
     * @throws IllegalArgumentException for an unknown server, a window that does not end after its
     *     start, a blank reason or by, or a reference or reason that is too long
     */
    @Transactional
    public MaintenanceWindowView record(long serverId, Instant start, Instant end, MaintenanceWindowSource source,
            String reference, String reason, String by) {
        Objects.requireNonNull(source, "source");
        if (!servers.existsById(serverId)) {
            throw new IllegalArgumentException("No server " + serverId + " in the register");
        }
        if (reason == null || reason.isBlank() || reason.strip().length() > MaintenanceWindow.MAX_REASON) {
            throw new IllegalArgumentException("A maintenance window needs a reason of at most "
                    + MaintenanceWindow.MAX_REASON + " characters");
        }
        if (by == null || by.isBlank() || by.length() > 64) {
            throw new IllegalArgumentException("A maintenance window needs who recorded it (at most 64 characters)");
        }
        if (reference != null && (reference.isBlank() || reference.length() > MaintenanceWindow.MAX_REFERENCE)) {
            throw new IllegalArgumentException("A maintenance window's reference has 1 to "
                    + MaintenanceWindow.MAX_REFERENCE + " characters");
        }
        Instant now = clock.instant();
        MaintenanceWindow window = (reference == null ? Optional.<MaintenanceWindow>empty()
                : windows.findBySourceAndReference(source, reference))
                .orElseGet(() -> new MaintenanceWindow(serverId, source, reference, by, now));
        if (window.getServerId() != serverId) {
            throw new IllegalArgumentException("Maintenance window " + source + " " + reference + " is server "
                    + window.getServerId() + "'s, not server " + serverId + "'s");
        }
        window.plan(start, end, reason.strip(), now);
        return windows.saveAndFlush(window).view();
    }

    @Transactional(readOnly = true)
    public Optional<MaintenanceWindowView> find(MaintenanceWindowSource source, String reference) {
        return windows.findBySourceAndReference(source, reference).map(MaintenanceWindow::view);
    }

    /** The windows of a server that overlap {@code [from, to)}, earliest first (R4.4-p). */
    @Transactional(readOnly = true)
    public List<MaintenanceWindowView> overlapping(long serverId, Instant from, Instant to) {
        return windows.overlapping(serverId, from, to).stream().map(MaintenanceWindow::view).toList();
    }
}
