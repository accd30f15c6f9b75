package fr.progerance.ops.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The engine's health as the dashboards see it: Camunda incidents waiting for a person in Cockpit
 * (a job that exhausted its retries, a changed host key) and jobs that failed at least once.
 */
@Component
public class EngineMetrics {

    public EngineMetrics(MeterRegistry registry, RuntimeService runtime, ManagementService management) {
        Gauge.builder("ops.engine.incidents.open", () -> runtime.createIncidentQuery().count())
                .description("Camunda incidents waiting for ops in Cockpit").register(registry);
        Gauge.builder("ops.engine.jobs.failing", () -> management.createJobQuery().withException().count())
                .description("Jobs whose last run failed (retrying or exhausted)").register(registry);
    }
}
