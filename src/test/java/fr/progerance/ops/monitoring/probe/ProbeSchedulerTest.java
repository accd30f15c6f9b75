package fr.progerance.ops.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.monitoring.probe.MonitoringConfigurations.Monitored;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's rules, on its real bounded pool and the system clock, with a stand-in prober at
 * the port (the probes themselves are tested against real peers elsewhere): every monitored server
 * is probed on its interval, a slow server does not hold the others, a server is never probed twice
 * at once, a server gone from the list (its contract no longer ACTIVE) is no longer probed.
 */
class ProbeSchedulerTest {

    private final Map<Long, AtomicInteger> rounds = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> concurrent = new ConcurrentHashMap<>();
    private final List<String> overlaps = new CopyOnWriteArrayList<>();
    private volatile List<Monitored> servers = List.of();
    private ProbeScheduler scheduler;

    private final Prober prober = new Prober() {
        @Override
        public ProbeRound probe(long serverId) {
            if (concurrent.computeIfAbsent(serverId, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.add("server " + serverId);
            }
            try {
                if (serverId == 1) {
                    Thread.sleep(2500); // the slow server
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrent.get(serverId).decrementAndGet();
            }
            rounds.computeIfAbsent(serverId, k -> new AtomicInteger()).incrementAndGet();
            return new ProbeRound(serverId, Instant.now(), Instant.now(), List.of());
        }

        @Override
        public CheckResult recheck(long serverId, CheckKind kind, String target) {
            throw new UnsupportedOperationException();
        }
    };

    private ProbeScheduler scheduler(ProbeMetrics metrics, int poolSize) {
        return scheduler(metrics, poolSize, false, true);
    }

    private ProbeScheduler scheduler(ProbeMetrics metrics, int poolSize, boolean demo, boolean enabled) {
        ProbeSettings settings = new ProbeSettings();
        settings.setInterval(Duration.ofMillis(200));
        settings.setMinInterval(Duration.ofMillis(100));
        settings.setJitter(Duration.ofMillis(20));
        settings.setTick(Duration.ofMillis(20));
        settings.setRefresh(Duration.ofMillis(100));
        settings.setPoolSize(poolSize);
        settings.setHousekeeping(false);
        settings.setEnabled(enabled);
        scheduler = new ProbeScheduler(prober, () -> servers, () -> { }, () -> { }, metrics, settings,
                Clock.systemUTC(), demo);
        return scheduler;
    }

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }

    private int count(long serverId) {
        AtomicInteger n = rounds.get(serverId);
        return n == null ? 0 : n.get();
    }

    @Test
    @DisplayName("R4.1, R4.2: a slow server's round does not delay the others; it is never started twice at once")
    void slowServerDoesNotDelayOthers() throws InterruptedException {
        servers = List.of(new Monitored(1, null), new Monitored(2, null), new Monitored(3, null));
        ProbeMetrics metrics = new ProbeMetrics(new SimpleMeterRegistry());
        ProbeScheduler s = scheduler(metrics, 4);
        s.start();

        Thread.sleep(1200);

        assertThat(count(1)).as("the slow server's first round still runs").isZero();
        assertThat(s.running()).contains(1L);
        assertThat(count(2)).as("server 2, every 200 ms").isGreaterThanOrEqualTo(3);
        assertThat(count(3)).as("server 3, every 200 ms").isGreaterThanOrEqualTo(3);
        Thread.sleep(1800);
        assertThat(count(1)).isGreaterThanOrEqualTo(1);
        assertThat(overlaps).isEmpty();
        assertThat(count(2)).as("server 2 kept its pace over 3 s").isGreaterThanOrEqualTo(8);
        assertThat(metrics.schedulingDelay().count()).as("every round's delay is measured").isGreaterThanOrEqualTo(16);
        assertThat(metrics.schedulingDelay().max(java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("the slow server's next round was late: it waited for its previous one").isGreaterThan(1000);
    }

    @Test
    @DisplayName("R4.1, R4.2: only the listed servers (ACTIVE contracts) are probed; one removed from the list is no longer")
    void onlyListedServers() throws InterruptedException {
        servers = List.of(new Monitored(2, null), new Monitored(3, null));
        ProbeMetrics metrics = new ProbeMetrics(new SimpleMeterRegistry());
        ProbeScheduler s = scheduler(metrics, 2);
        s.start();
        Thread.sleep(600);
        assertThat(count(3)).isGreaterThanOrEqualTo(1);

        servers = List.of(new Monitored(2, null)); // server 3's contract was suspended
        Thread.sleep(300);
        int before = count(3);
        Thread.sleep(600);

        assertThat(count(3)).isEqualTo(before);
        assertThat(count(2)).isGreaterThanOrEqualTo(4);
        assertThat(count(1)).isZero();
    }

    @Test
    @DisplayName("ops.probe: tests drive rounds by hand: tick() starts what is due, dueNow() makes every server due")
    void manualTicks() throws InterruptedException {
        servers = List.of(new Monitored(2, 3600), new Monitored(3, 3600));
        ProbeScheduler s = scheduler(new ProbeMetrics(new SimpleMeterRegistry()), 2);
        s.refresh();
        s.dueNow();

        assertThat(s.tick()).isEqualTo(2);
        assertThat(s.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(s.tick()).as("next rounds an hour later").isZero();
        assertThat(count(2)).isEqualTo(1);
        assertThat(count(3)).isEqualTo(1);
    }

    @Test
    @DisplayName("ops.probe.enabled=false (test profile) and the demo profile: nothing is probed on a schedule")
    void offWhenDisabledOrDemo() throws InterruptedException {
        servers = List.of(new Monitored(2, null));
        scheduler(new ProbeMetrics(new SimpleMeterRegistry()), 2, true, true).start();
        Thread.sleep(500);
        scheduler.stop();
        scheduler(new ProbeMetrics(new SimpleMeterRegistry()), 2, false, false).start();
        Thread.sleep(500);

        assertThat(count(2)).isZero();
    }
}
