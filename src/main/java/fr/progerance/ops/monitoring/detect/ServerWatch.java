package fr.progerance.ops.monitoring.detect;

import fr.progerance.ops.monitoring.probe.CheckKind;
import fr.progerance.ops.monitoring.probe.CheckResult;
import fr.progerance.ops.monitoring.probe.ProbeRound;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The detection rules for one server, a plain class without Spring or a database (tested by
 * {@code ServerWatchTest}). Not thread-safe: the caller serialises the rounds of one server.
 *
 * <p><b>Confirmation (R4.1, R4.2 N1 surveillance).</b> Each check (kind and target, {@link CheckResult#key()})
 * has a streak of consecutive FAILED rounds; OK and WARNING end it. A streak of {@code confirmations}
 * (N, default 3) confirms the check's failure. The incident's detection time is the first failed check
 * of the streak that was outside a planned window; the outage starts at the first failed check.
 *
 * <p><b>Planned windows (R4.4-p).</b> A confirmed failure while a planned window (update, manual
 * maintenance, backup) covers the server now reports nothing: it is suppressed (counted once per
 * failure). If it still fails when the window is over, the next round reports it, detected at its first
 * failed check after the window. No automatic restart inside a window either.
 *
 * <p><b>Flapping.</b> A state change is a check going from FAILED to not FAILED or back between two
 * rounds. A server whose checks changed state more than {@code flapping.changes} (K) times within
 * {@code flapping.window} is held flapping: while it flaps, nothing is reported, no outage is opened or
 * closed and nothing is restarted. It settles when none of its checks changed state for
 * {@code flapping.settle}; it is then judged once, like any server: settled failed (a confirmed
 * streak) gives one report, settled healthy closes an open outage at the instant its checks became
 * healthy. An outage open before the flapping stays open while it flaps.
 *
 * <p><b>Recovery.</b> The first round without any FAILED check after a reported failure closes the
 * outage and is correlated to the incident.
 */
public final class ServerWatch {

    /** Whether a planned window of this server covers an instant. */
    @FunctionalInterface
    public interface Windows {
        boolean covers(Instant at);
    }

    /** What a round changed, before anything is decided. */
    public record Observation(List<CheckResult> restartCandidates, boolean startedFlapping, boolean settled,
            boolean flapping) {
    }

    /** What to do after a round. */
    public enum Action {
        /** Nothing new. */
        NONE,
        /** Report the confirmed checks (a new incident, or attached to the open one) and open the outage. */
        REPORT,
        /** The confirmed failure is inside a planned window: not reported (count it when {@code first}). */
        SUPPRESSED_MAINTENANCE,
        /** The server flaps: nothing reported. */
        FLAPPING,
        /** The server answers again: close the outage, correlate the recovery. */
        RECOVER
    }

    /**
     * @param confirmed  the confirmed checks to report (REPORT), their last results
     * @param detectedAt the incident's detection: the first failed check outside planned windows (REPORT)
     * @param since      when the outage started: the first failed check (REPORT)
     * @param at         when the server answered again (RECOVER)
     * @param first      SUPPRESSED_MAINTENANCE: the first suppression of this failure (count and log it)
     */
    public record Decision(Action action, List<CheckResult> confirmed, Instant detectedAt, Instant since, Instant at,
            boolean first) {

        static Decision of(Action action) {
            return new Decision(action, List.of(), null, null, null, false);
        }
    }

    private static final class Streak {
        int count;
        Instant firstFailedAt;
        Instant firstUncoveredAt;
        CheckResult last;
    }

    private final int confirmations;
    private final int flappingChanges;
    private final Duration flappingWindow;
    private final Duration settle;

    private final Map<String, Streak> streaks = new LinkedHashMap<>();
    private final Deque<Instant> changes = new ArrayDeque<>();
    private Instant lastChangeAt;
    private boolean flapping;

    // The failure being handled: reported (an incident) and its outage open.
    private boolean outageOpen;
    private Instant outageSince;
    private String incidentNumber;
    private final Set<String> reportedKeys = new HashSet<>();
    private boolean maintenanceSuppressed;

    public ServerWatch(int confirmations, int flappingChanges, Duration flappingWindow, Duration settle) {
        if (confirmations < 1 || flappingChanges < 1) {
            throw new IllegalArgumentException("confirmations and flapping changes must be at least 1");
        }
        this.confirmations = confirmations;
        this.flappingChanges = flappingChanges;
        this.flappingWindow = Objects.requireNonNull(flappingWindow, "flappingWindow");
        this.settle = Objects.requireNonNull(settle, "settle");
    }

    public static ServerWatch of(DetectionSettings settings) {
        return new ServerWatch(settings.getConfirmations(), settings.getFlapping().getChanges(),
                settings.getFlapping().getWindow(), settings.getFlapping().getSettle());
    }

    /**
     * Takes a round in: streaks, state changes, flapping. Restart candidates are the FAILED
     * {@link CheckKind#SERVICE} checks at their first failed round, outside planned windows, on a
     * server that does not flap.
     */
    public Observation observe(ProbeRound round, Windows windows) {
        Instant now = round.startedAt();
        boolean changed = false;
        Set<String> seen = new HashSet<>();
        List<Streak> firstFailures = new ArrayList<>();
        for (CheckResult r : round.results()) {
            String key = r.key();
            seen.add(key);
            Streak s = streaks.get(key);
            boolean known = s != null;
            if (!known) {
                s = new Streak();
                streaks.put(key, s);
            }
            boolean wasFailed = s.count > 0;
            if (r.failed()) {
                if (!wasFailed) {
                    s.firstFailedAt = r.checkedAt();
                    s.firstUncoveredAt = null;
                    changed |= known;
                }
                s.count++;
                if (s.firstUncoveredAt == null && !windows.covers(r.checkedAt())) {
                    s.firstUncoveredAt = r.checkedAt();
                }
                if (s.count == 1) {
                    firstFailures.add(s);
                }
            } else {
                changed |= wasFailed;
                s.count = 0;
                s.firstFailedAt = null;
                s.firstUncoveredAt = null;
                reportedKeys.remove(key);
            }
            s.last = r;
        }
        streaks.keySet().retainAll(seen);
        if (changed) {
            changes.addLast(now);
            lastChangeAt = now;
        }
        Instant horizon = now.minus(flappingWindow);
        while (!changes.isEmpty() && changes.peekFirst().isBefore(horizon)) {
            changes.pollFirst();
        }
        boolean started = false;
        boolean settled = false;
        if (!flapping && changed && changes.size() > flappingChanges) {
            flapping = true;
            started = true;
        } else if (flapping && lastChangeAt != null && !now.isBefore(lastChangeAt.plus(settle))) {
            flapping = false;
            settled = true;
        }
        List<CheckResult> candidates = new ArrayList<>();
        if (!flapping) {
            for (Streak s : firstFailures) {
                if (s.last.kind() == CheckKind.SERVICE && s.firstUncoveredAt != null) {
                    candidates.add(s.last);
                }
            }
        }
        return new Observation(candidates, started, settled, flapping);
    }

    /** Decides after {@link #observe} (and after any automatic restart) what the round means. */
    public Decision decide(Observation observation, Instant now, Windows windows) {
        if (flapping) {
            return Decision.of(Action.FLAPPING);
        }
        List<Streak> confirmed = streaks.values().stream().filter(s -> s.count >= confirmations).toList();
        boolean failing = streaks.values().stream().anyMatch(s -> s.count > 0);
        if (!failing) {
            maintenanceSuppressed = false;
            if (outageOpen) {
                Instant at = observation.settled() && lastChangeAt != null ? lastChangeAt : now;
                return new Decision(Action.RECOVER, List.of(), null, null, at, false);
            }
            return Decision.of(Action.NONE);
        }
        List<Streak> fresh = confirmed.stream().filter(s -> !reportedKeys.contains(s.last.key())).toList();
        if (fresh.isEmpty()) {
            return Decision.of(Action.NONE);
        }
        if (windows.covers(now)) {
            boolean first = !maintenanceSuppressed;
            maintenanceSuppressed = true;
            return new Decision(Action.SUPPRESSED_MAINTENANCE, results(fresh), null, null, null, first);
        }
        Instant detectedAt = fresh.stream().map(s -> s.firstUncoveredAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(now);
        Instant since = outageOpen ? outageSince : confirmed.stream().map(s -> s.firstFailedAt)
                .min(Comparator.naturalOrder()).orElse(detectedAt);
        return new Decision(Action.REPORT, results(fresh), detectedAt, since, null, false);
    }

    private static List<CheckResult> results(List<Streak> streaks) {
        return streaks.stream().map(s -> s.last).toList();
    }

    /** The checks {@code keys} were reported on {@code incidentNumber}; the outage is open since {@code since}. */
    public void reported(String incidentNumber, Instant since, Collection<String> keys) {
        if (!outageOpen) {
            outageOpen = true;
            outageSince = since;
        }
        this.incidentNumber = incidentNumber;
        reportedKeys.addAll(keys);
    }

    /** The recovery was recorded: the failure is over. */
    public void recovered() {
        outageOpen = false;
        outageSince = null;
        incidentNumber = null;
        reportedKeys.clear();
        maintenanceSuppressed = false;
    }

    /** After an automatic restart the check answered again: its streak ends (our action, not a state change). */
    public void restored(String key) {
        Streak s = streaks.get(key);
        if (s != null) {
            s.count = 0;
            s.firstFailedAt = null;
            s.firstUncoveredAt = null;
        }
        reportedKeys.remove(key);
    }

    /** After a restart of the engine: the ledger's open outage of this server is the failure being handled. */
    public void resume(String incidentNumber, Instant since) {
        outageOpen = true;
        outageSince = since;
        this.incidentNumber = incidentNumber;
    }

    /** Whether a check other than {@code except} is failing now. */
    public boolean failingBesides(String except) {
        return streaks.entrySet().stream().anyMatch(e -> !e.getKey().equals(except) && e.getValue().count > 0);
    }

    /** The last results of the checks failing now. */
    public List<CheckResult> failing() {
        return streaks.values().stream().filter(s -> s.count > 0).map(s -> s.last).toList();
    }

    /** The first failed check of {@code key}'s streak, or null. */
    public Instant firstFailedAt(String key) {
        Streak s = streaks.get(key);
        return s == null ? null : s.firstFailedAt;
    }

    public boolean isFlapping() {
        return flapping;
    }

    public boolean isOutageOpen() {
        return outageOpen;
    }

    public String incidentNumber() {
        return incidentNumber;
    }

    /** The state changes counted in the flapping window (for logs). */
    public int recentChanges() {
        return changes.size();
    }
}
