package fr.progerance.ops.monitoring.availability;

import jakarta.annotation.PreDestroy;
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
 * per-contract gauges every {@code ops.availability.metrics-refresh} ({@link AvailabilityMetrics}),
 * the R5.7 purge every {@code ops.availability.purge-interval} ({@link OutagePurge}). Both are
 * idempotent, so several nodes may run them. A failed round is logged and tried again next time.
 */
@Component
public class AvailabilityHousekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityHousekeeping.class);

    private final AvailabilityMetrics metrics;
    private final OutagePurge purge;
    private final AvailabilitySettings settings;
    private ScheduledExecutorService scheduler;

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
        long refresh = settings.getMetricsRefresh().toMillis();
        long purgeEvery = settings.getPurgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(metrics::refresh, 0, refresh, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::purge, 0, purgeEvery, TimeUnit.MILLISECONDS);
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
