package fr.progerance.ops.backup;

import fr.progerance.ops.calendar.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * R4.4-p: the backup windows, read from the run records ({@link BackupRun}, DESIGN rule 11: the
 * records, not process variables). A run's window is {@code [startedAt, end)} where end is
 * <ul>
 * <li>{@code backedUpAt}, once its snapshot is verified (the off-site mirror that follows reads the
 *     provider's repository, not the client's server);</li>
 * <li>{@code failedAt} for a run that failed (no retries left, or cancelled);</li>
 * <li>{@code finishedAt} for a run whose process ended otherwise;</li>
 * <li>now for a run still running;</li>
 * </ul>
 * and never later than {@code startedAt + ops.backup.window-limit} (12 h): a run left running by a
 * stuck process does not exclude days from the measure. Windows of no length are left out.
 */
@Service
public class BackupRunWindows implements BackupWindows {

    private final BackupRunRepository runs;
    private final BackupSettings settings;
    private final Clock clock;

    public BackupRunWindows(BackupRunRepository runs, BackupSettings settings, Clock clock) {
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Interval> backupWindows(long serverId, Interval range) {
        return backupWindows(List.of(serverId), range).get(serverId);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, List<Interval>> backupWindows(Collection<Long> serverIds, Interval range) {
        Set<Long> ids = new TreeSet<>(serverIds);
        Map<Long, List<Interval>> windows = new LinkedHashMap<>();
        ids.forEach(id -> windows.put(id, new ArrayList<>()));
        if (ids.isEmpty()) {
            return windows;
        }
        Duration limit = settings.getWindowLimit();
        Instant now = clock.instant();
        for (BackupRun run : runs.windowCandidates(ids, range.start(), range.end(), range.start().minus(limit))) {
            Interval window = window(run, now, limit);
            Interval clipped = window == null ? null : window.clip(range);
            if (clipped != null) {
                windows.get(run.getServerId()).add(clipped);
            }
        }
        return windows;
    }

    /** The run's window (see the class), or null when it has no length. */
    static Interval window(BackupRun run, Instant now, Duration limit) {
        Instant start = run.getStartedAt();
        Instant end;
        if (run.getBackedUpAt() != null) {
            end = run.getBackedUpAt();
        } else if (run.getStatus() == BackupRunStatus.FAILED && run.getFailedAt() != null) {
            end = run.getFailedAt();
        } else if (run.getFinishedAt() != null) {
            end = run.getFinishedAt();
        } else {
            end = now;
        }
        Instant cap = start.plus(limit);
        if (end.isAfter(cap)) {
            end = cap;
        }
        return end.isAfter(start) ? new Interval(start, end) : null;
    }
}
