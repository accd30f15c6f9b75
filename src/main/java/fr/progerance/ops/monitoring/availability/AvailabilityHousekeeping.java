package fr.progerance.ops.monitoring.availability;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the availability's periodic work on one daemon thread, from the application's start: the
 * per-contract gauges every {@code ops.availability.metrics-refresh} ({@link AvailabilityMetrics}; every
 * 15 s while no contract is measured yet),
 * the R5.7 purge every {@code ops.availability.purge-interval} ({@link OutagePurge}). Both are
 * idempotent, so several nodes may run them. A failed round is logged and tried again next time.
 */
@Component
public class AvailabilityHousekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityHousekeeping.class);

    private final AvailabilityMetrics metrics;
    private final OutagePurge purge;
    private final AvailabilitySettings settings;
    /** How soon the gauges are looked at again while no contract is measured. */
    static final Duration EMPTY_RETRY = Duration.ofSeconds(15);

    private ScheduledExecutorService scheduler;
    private long lastRefresh;

    public AvailabilityHousekeeping(AvailabilityMetrics metrics, OutagePurge purge, AvailabilitySettings settings) {
        this.metrics = metrics;
        this.purge = purge;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "availability-housekeeping");
            t.setDaemon(true);
            return t;
        });
        long purgeEvery = settings.getPurgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refresh, 0, EMPTY_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::purge, 0, purgeEvery, TimeUnit.MILLISECONDS);
    }

    /**
     * Every {@code ops.availability.metrics-refresh}; while no contract is measured yet (a new engine,
     * the register still empty), every {@link #EMPTY_RETRY}, so the per-contract series appear soon
     * after the first contract.
     */
    private void refresh() {
        long now = System.nanoTime();
        if (lastRefresh == 0 || metrics.empty() || now - lastRefresh >= settings.getMetricsRefresh().toNanos()) {
            lastRefresh = now;
            metrics.refresh();
        }
    }

    private void purge() {
        try {
            purge.purge();
        } catch (RuntimeException e) {
            LOG.warn("R5.7 outage purge failed, tried again later: {}", e.toString());
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
