package fr.progerance.ops.monitoring.detect;

import fr.progerance.ops.calendar.Infrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What detection did, for the managers' dashboard and the alert rules (dashboards/): incidents opened
 * by monitoring per infrastructure, automatic restarts per outcome, suppressed reports per reason, and
 * the servers held flapping now. Every series is registered at start, so queries return 0 rather than
 * no data. Counters move after the work they count was committed (DESIGN rule 13).
 *
 * <p>Prometheus names: {@code ops_monitoring_incidents_opened_total{infrastructure}},
 * {@code ops_monitoring_auto_restarts_total{outcome=restored|still_down|failed}},
 * {@code ops_monitoring_suppressed_total{reason=maintenance|flapping}},
 * {@code ops_monitoring_flapping_servers}.
 */
@Component
public class DetectionMetrics {

    /** Why a report was not made. */
    public enum Suppression {
        MAINTENANCE, FLAPPING;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Set<Long> flapping = ConcurrentHashMap.newKeySet();

    public DetectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Infrastructure infrastructure : Infrastructure.values()) {
            opened(infrastructure);
        }
        for (AutoRestarts.Outcome outcome : AutoRestarts.Outcome.values()) {
            restarts(outcome);
        }
        for (Suppression reason : Suppression.values()) {
            suppressed(reason);
        }
        Gauge.builder("ops.monitoring.flapping.servers", flapping, Set::size)
                .description("Servers held flapping now: no incident is reported for them while they flap")
                .register(registry);
    }

    void incidentOpened(Infrastructure infrastructure) {
        opened(infrastructure).increment();
    }

    void autoRestart(AutoRestarts.Outcome outcome) {
        restarts(outcome).increment();
    }

    void suppressed(Suppression reason, long serverId) {
        suppressed(reason).increment();
    }

    void flapping(long serverId, boolean flaps) {
        if (flaps) {
            flapping.add(serverId);
        } else {
            flapping.remove(serverId);
        }
    }

    /** How many servers flap now. */
    public int flappingServers() {
        return flapping.size();
    }

    private Counter opened(Infrastructure infrastructure) {
        return Counter.builder("ops.monitoring.incidents.opened")
                .description("Incidents opened by monitoring (a confirmed failure, or an automatic restart)")
                .tag("infrastructure", infrastructure.name()).register(registry);
    }

    private Counter restarts(AutoRestarts.Outcome outcome) {
        return Counter.builder("ops.monitoring.auto.restarts").description("Automatic restarts of restartable services")
                .tag("outcome", outcome.tag()).register(registry);
    }

    private Counter suppressed(Suppression reason) {
        return Counter.builder("ops.monitoring.suppressed")
                .description("Confirmed failures not reported: inside a planned window, or the server flaps")
                .tag("reason", reason.tag()).register(registry);
    }
}
