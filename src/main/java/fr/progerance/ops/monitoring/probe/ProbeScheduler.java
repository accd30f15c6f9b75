package fr.progerance.ops.monitoring.probe;

import fr.progerance.ops.monitoring.probe.MonitoringConfigurations.Monitored;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Probes every server of an ACTIVE contract on its interval (R4.1 N1, R4.2 N1: 24/7 surveillance).
 * A tick ({@code ops.probe.tick}) starts the rounds that are due on a bounded pool of
 * {@code ops.probe.pool-size} threads (Java 17: platform threads); a server whose round still runs is
 * not started again (it is late, the others are not), so one slow server never delays the others.
 * A server's first round comes at a random point of its first interval and each next one
 * {@code interval} plus a random jitter after the one before, so rounds spread out. How late each round
 * starts is the metric {@code ops_probe_scheduling_delay_seconds}.
 *
 * <p>Off ({@code ops.probe.enabled=false}) in the test profile, where tests call {@link #tick()}, and
 * always in the demo profile (its servers are fictitious). Housekeeping (flush of the hourly figures,
 * R5.7 purge) runs on its own thread when {@code ops.probe.housekeeping} is on.
 *
 * <p>Each node with probing on probes every server: run it on one node of a cluster (or accept the
 * duplicate checks; the recorded data stays right, status changes are per node's view).
 */
@Component
public class ProbeScheduler implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeScheduler.class);

    private final Prober prober;
    private final Supplier<List<Monitored>> monitored;
    private final Runnable flush;
    private final Runnable purge;
    private final ProbeMetrics metrics;
    private final ProbeSettings settings;
    private final Clock clock;
    private final boolean demo;
    private final ThreadPoolExecutor rounds;
    private final Map<Long, Instant> due = new ConcurrentHashMap<>();
    private final Map<Long, Duration> intervals = new ConcurrentHashMap<>();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private volatile Instant refreshedAt;
    private ScheduledExecutorService ticker;
    private volatile boolean started;

    @Autowired
    public ProbeScheduler(ServerProber prober, MonitoringConfigurations configurations, ProbeHistory history,
            ProbeMetrics metrics, ProbeSettings settings, Clock clock, Environment environment) {
        this(prober, configurations::monitored, history::flush, history::purge, metrics, settings, clock,
                environment.acceptsProfiles(Profiles.of("demo")));
    }

    /** With its ports given (the scheduling tests and the benchmark). */
    public ProbeScheduler(Prober prober, Supplier<List<Monitored>> monitored, Runnable flush, Runnable purge,
            ProbeMetrics metrics, ProbeSettings settings, Clock clock, boolean demo) {
        this.prober = prober;
        this.monitored = monitored;
        this.flush = flush;
        this.purge = purge;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.demo = demo;
        AtomicInteger n = new AtomicInteger();
        this.rounds = new ThreadPoolExecutor(settings.getPoolSize(), settings.getPoolSize(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(task, "probe-round-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.rounds.allowCoreThreadTimeOut(true);
    }

    @Override
    public synchronized void start() {
        boolean probing = settings.isEnabled() && !demo;
        if (!probing && !settings.isHousekeeping()) {
            LOG.info("Probing is off (ops.probe.enabled={}, demo profile: {})", settings.isEnabled(), demo);
            started = true;
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "probe-scheduler");
            t.setDaemon(true);
            return t;
        });
        if (probing) {
            ticker.scheduleWithFixedDelay(this::tickSafely, settings.getTick().toMillis(), settings.getTick().toMillis(),
                    TimeUnit.MILLISECONDS);
            LOG.info("Probing every server of an ACTIVE contract every {} (pool of {} rounds, {} checks)",
                    settings.getInterval(), settings.getPoolSize(), settings.getCheckPoolSize());
        } else {
            LOG.info("Probing is off (ops.probe.enabled={}, demo profile: {})", settings.isEnabled(), demo);
        }
        if (settings.isHousekeeping()) {
            ticker.scheduleWithFixedDelay(() -> safely("flush", flush), settings.getFlushInterval().toMillis(),
                    settings.getFlushInterval().toMillis(), TimeUnit.MILLISECONDS);
            ticker.scheduleWithFixedDelay(() -> safely("purge", purge), 60_000,
                    settings.getPurgeInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        started = true;
    }

    @Override
    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        rounds.shutdownNow();
        safely("flush", flush);
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    private void safely(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("Probe {} failed: {}", what, e.toString(), e);
        }
    }

    private void tickSafely() {
        safely("tick", this::tick);
    }

    /**
     * Reads the monitored servers again when {@code ops.probe.refresh} has passed, then starts every
     * round that is due; returns how many it started.
     */
    public int tick() {
        Instant now = clock.instant();
        if (refreshedAt == null || !now.isBefore(refreshedAt.plus(settings.getRefresh())) || now.isBefore(refreshedAt)) {
            refresh(now);
        }
        int startedNow = 0;
        for (Map.Entry<Long, Instant> e : due.entrySet()) {
            long serverId = e.getKey();
            Instant when = e.getValue();
            if (when.isAfter(now) || !running.add(serverId)) {
                continue;
            }
            Duration interval = intervals.getOrDefault(serverId, settings.getInterval());
            Instant next = when.plus(interval).plus(jitter());
            due.put(serverId, next.isAfter(now) ? next : now.plus(interval));
            startedNow++;
            rounds.execute(() -> {
                try {
                    metrics.scheduled(Duration.between(when, clock.instant()));
                    prober.probe(serverId);
                } catch (RuntimeException ex) {
                    LOG.warn("Probe round of server {} failed: {}", serverId, ex.toString(), ex);
                } finally {
                    running.remove(serverId);
                }
            });
        }
        return startedNow;
    }

    /** Reads the servers of ACTIVE contracts and their intervals; a new server's first round comes within its interval. */
    public void refresh() {
        refresh(clock.instant());
    }

    private void refresh(Instant now) {
        List<Monitored> servers = monitored.get();
        Set<Long> ids = new HashSet<>();
        Map<Long, Duration> fresh = new HashMap<>();
        for (Monitored m : servers) {
            ids.add(m.serverId());
            fresh.put(m.serverId(), m.intervalSeconds() == null ? settings.getInterval()
                    : Duration.ofSeconds(Math.max(m.intervalSeconds(), settings.getMinInterval().toSeconds())));
        }
        intervals.keySet().retainAll(ids);
        intervals.putAll(fresh);
        due.keySet().retainAll(ids);
        for (Long id : ids) {
            due.computeIfAbsent(id, k -> now.plusMillis(ThreadLocalRandom.current()
                    .nextLong(Math.max(1, intervals.get(k).toMillis()))));
        }
        refreshedAt = now;
        metrics.serversMonitored(ids.size());
    }

    /** Makes every monitored server due now (tests, and ops after a configuration change). */
    public void dueNow() {
        Instant now = clock.instant();
        due.replaceAll((k, v) -> now);
    }

    /** Waits until no round runs or waits; false when {@code limit} passed first. */
    public boolean awaitIdle(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (running.isEmpty() && rounds.getQueue().isEmpty()) {
                return true;
            }
            Thread.sleep(10);
        }
        return running.isEmpty();
    }

    /** The servers whose round runs or waits for a thread now. */
    public Set<Long> running() {
        return Set.copyOf(running);
    }

    private Duration jitter() {
        long max = settings.getJitter().toMillis();
        return max <= 0 ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(max));
    }
}
