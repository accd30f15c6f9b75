package fr.progerance.ops.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The engine's health as the dashboards see it: Camunda incidents waiting for a person in Cockpit
 * (a job that exhausted its retries, a changed host key) and jobs that failed at least once.
 *
 * <p>The gauges are read while a scrape request runs, with the scraper's user on the engine; the
 * monitoring account may read nothing in the engine (README, authorization matrix), so they count
 * as the engine itself, whoever scrapes.
 */
@Component
public class EngineMetrics {

    public EngineMetrics(MeterRegistry registry, RuntimeService runtime, ManagementService management,
            IdentityService identity) {
        Gauge.builder("ops.engine.incidents.open", () -> asEngine(identity, () -> runtime.createIncidentQuery().count()))
                .description("Camunda incidents waiting for ops in Cockpit").register(registry);
        Gauge.builder("ops.engine.jobs.failing",
                        () -> asEngine(identity, () -> management.createJobQuery().withException().count()))
                .description("Jobs whose last run failed (retrying or exhausted)").register(registry);
    }

    private static long asEngine(IdentityService identity, LongSupplier count) {
        Authentication caller = identity.getCurrentAuthentication();
        if (caller == null) {
            return count.getAsLong();
        }
        identity.clearAuthentication();
        try {
            return count.getAsLong();
        } finally {
            identity.setAuthentication(caller);
        }
    }
}
