package fr.progerance.ops.monitoring.detect;

import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.monitoring.availability.AvailabilityLedger;
import fr.progerance.ops.monitoring.availability.OutageView;
import fr.progerance.ops.monitoring.probe.CheckKind;
import fr.progerance.ops.monitoring.probe.CheckResult;
import fr.progerance.ops.monitoring.probe.CheckStatus;
import fr.progerance.ops.monitoring.probe.ProbeRound;
import fr.progerance.ops.monitoring.probe.Prober;
import fr.progerance.ops.monitoring.windows.PlannedWindows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * Small in-test implementations of the ports detection uses, until the probes (A), the ledger (C) and
 * the windows (D) exist: they are ports, not peers (the brief). Each records what it was asked.
 */
final class DetectionTestPorts {

    private DetectionTestPorts() {
    }

    /** One outage as the ledger was told. */
    static final class Outage {
        final long serverId;
        final Instant start;
        final String cause;
        final String incidentNumber;
        volatile Instant end;

        Outage(long serverId, Instant start, String cause, String incidentNumber) {
            this.serverId = serverId;
            this.start = start;
            this.cause = cause;
            this.incidentNumber = incidentNumber;
        }
    }

    /** The ledger's contract (AvailabilityLedger): one open outage per server, idempotent. */
    static class Ledger implements AvailabilityLedger {
        final List<Outage> outages = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public synchronized long outageStarted(long serverId, Instant since, String cause, String incidentNumber) {
            calls.add("started " + serverId);
            Optional<Outage> open = open(serverId);
            if (open.isPresent()) {
                return outages.indexOf(open.get());
            }
            outages.add(new Outage(serverId, since, cause, incidentNumber));
            return outages.size() - 1;
        }

        @Override
        public synchronized void outageEnded(long serverId, Instant at) {
            calls.add("ended " + serverId);
            open(serverId).ifPresent(o -> o.end = at);
        }

        @Override
        public Optional<OutageView> openOutage(long serverId) {
            return open(serverId).map(o -> new OutageView(outages.indexOf(o), serverId, 0, o.start, null, o.cause,
                    o.incidentNumber, null, null));
        }

        private Optional<Outage> open(long serverId) {
            return outages.stream().filter(o -> o.serverId == serverId && o.end == null).findFirst();
        }

        List<Outage> of(long serverId) {
            return outages.stream().filter(o -> o.serverId == serverId).toList();
        }
    }

    /** Planned windows set by the test. */
    static final class Windows implements PlannedWindows {
        final List<Object[]> windows = new CopyOnWriteArrayList<>();

        void add(long serverId, Interval window) {
            windows.add(new Object[] {serverId, window});
        }

        void clear() {
            windows.clear();
        }

        @Override
        public boolean covers(long serverId, Instant at) {
            return windows.stream().anyMatch(w -> (long) w[0] == serverId && ((Interval) w[1]).contains(at));
        }

        @Override
        public List<Interval> within(long serverId, Interval range) {
            List<Interval> result = new ArrayList<>();
            for (Object[] w : windows) {
                if ((long) w[0] == serverId && ((Interval) w[1]).overlaps(range)) {
                    result.add(((Interval) w[1]).clip(range));
                }
            }
            return Interval.union(result);
        }
    }

    /** Answers re-checks as the test scripts them (OK by default); never probes whole servers. */
    static final class ScriptedProber implements Prober {
        final Clock clock;
        final List<String> rechecks = new CopyOnWriteArrayList<>();
        volatile BiFunction<CheckKind, String, CheckStatus> answer = (kind, target) -> CheckStatus.OK;

        ScriptedProber(Clock clock) {
            this.clock = clock;
        }

        @Override
        public ProbeRound probe(long serverId) {
            throw new UnsupportedOperationException("the test feeds rounds itself");
        }

        @Override
        public CheckResult recheck(long serverId, CheckKind kind, String target) {
            rechecks.add(kind + ":" + target);
            CheckStatus status = answer.apply(kind, target);
            return new CheckResult(kind, target, status, status == CheckStatus.OK ? "active" : "inactive", null,
                    Duration.ofMillis(40), clock.instant());
        }
    }

    /** Units the test allows to restart. */
    static final class Restartable implements RestartPolicy {
        final Set<String> units = ConcurrentHashMap.newKeySet();

        @Override
        public boolean mayRestart(long serverId, String unit) {
            return units.contains(unit);
        }
    }
}
