package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.Infrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What managers watch on the dashboards (dashboards/): open incidents per infrastructure, reports,
 * and SLA breaches per deadline (R4.3-*). Counters move only when the transaction that recorded
 * the fact commits, so a retried job never counts twice.
 */
@Component
public class IncidentMetrics {

    private final MeterRegistry registry;

    public IncidentMetrics(MeterRegistry registry, IncidentRepository incidents) {
        this.registry = registry;
        for (Infrastructure infrastructure : Infrastructure.values()) {
            Gauge.builder("ops.incidents.open", () -> incidents.countByStatusAndInfrastructure(IncidentStatus.OPEN,
                            infrastructure))
                    .description("Incidents not closed yet").tag("infrastructure", infrastructure.name())
                    .register(registry);
            // Registered up front, so the dashboards show zero rather than no data.
            for (int level = 1; level <= 2; level++) {
                for (String deadline : new String[] {"intervention", "restoration"}) {
                    breaches(infrastructure, level, deadline);
                }
                for (fr.progerance.ops.calendar.IncidentCategory category
                        : fr.progerance.ops.calendar.IncidentCategory.values()) {
                    reports(infrastructure, category, level);
                }
            }
        }
    }

    void reported(Incident incident) {
        afterCommit(() -> reports(incident.getInfrastructure(), incident.getCategory(), incident.getServiceLevel())
                .increment());
    }

    void interventionBreached(Incident incident) {
        afterCommit(() -> breaches(incident.getInfrastructure(), incident.getServiceLevel(), "intervention")
                .increment());
    }

    void restorationBreached(Incident incident) {
        afterCommit(() -> breaches(incident.getInfrastructure(), incident.getServiceLevel(), "restoration")
                .increment());
    }

    private Counter breaches(Infrastructure infrastructure, int level, String deadline) {
        return Counter.builder("ops.incident.breaches").description("SLA deadlines missed (R4.3-*)")
                .tag("deadline", deadline).tag("infrastructure", infrastructure.name())
                .tag("level", String.valueOf(level)).register(registry);
    }

    private Counter reports(Infrastructure infrastructure, fr.progerance.ops.calendar.IncidentCategory category,
            int level) {
        return Counter.builder("ops.incidents.reported").description("Incidents opened")
                .tag("infrastructure", infrastructure.name()).tag("category", category.name())
                .tag("level", String.valueOf(level)).register(registry);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
