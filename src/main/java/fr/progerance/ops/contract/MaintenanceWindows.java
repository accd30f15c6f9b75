package fr.progerance.ops.contract;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
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
 * Windows without a reference (ops' {@link MaintenanceWindowSource#MANUAL} ones, issue 11) are moved
 * or removed by id; the rules of who may move what and when live with their API
 * ({@code monitoring.windows}), this service only keeps the record consistent.
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
        checkReason(reason);
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

    /** The window {@code id}, if it exists. */
    @Transactional(readOnly = true)
    public Optional<MaintenanceWindowView> get(long id) {
        return windows.findById(id).map(MaintenanceWindow::view);
    }

    /**
     * Moves window {@code id} to {@code [start, end)} with {@code reason} (issue 11: ops move their
     * own windows by id).
     *
     * @throws IllegalArgumentException for an unknown window, a window that does not end after its
     *     start or a blank or too long reason
     */
    @Transactional
    public MaintenanceWindowView move(long id, Instant start, Instant end, String reason) {
        checkReason(reason);
        MaintenanceWindow window = windows.findById(id)
                .orElseThrow(() -> new IllegalArgumentException("No maintenance window " + id));
        window.plan(start, end, reason.strip(), clock.instant());
        return windows.saveAndFlush(window).view();
    }

    /** Removes window {@code id}; false when there was none. */
    @Transactional
    public boolean delete(long id) {
        Optional<MaintenanceWindow> window = windows.findById(id);
        window.ifPresent(w -> {
            windows.delete(w);
            windows.flush();
        });
        return window.isPresent();
    }

    /** The windows of the given servers that overlap {@code [from, to)}, by server, earliest first (R4.4-p). */
    @Transactional(readOnly = true)
    public List<MaintenanceWindowView> overlapping(Collection<Long> serverIds, Instant from, Instant to) {
        if (serverIds.isEmpty()) {
            return List.of();
        }
        return windows.overlappingAny(serverIds, from, to).stream().map(MaintenanceWindow::view).toList();
    }

    private static void checkReason(String reason) {
        if (reason == null || reason.isBlank() || reason.strip().length() > MaintenanceWindow.MAX_REASON) {
            throw new IllegalArgumentException("A maintenance window needs a reason of at most "
                    + MaintenanceWindow.MAX_REASON + " characters");
        }
    }
}
