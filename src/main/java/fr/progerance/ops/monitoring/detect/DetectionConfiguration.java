package fr.progerance.ops.monitoring.detect;

import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.incident.IncidentIntake;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.monitoring.availability.AvailabilityLedger;
import fr.progerance.ops.monitoring.availability.OutageView;
import fr.progerance.ops.monitoring.probe.CheckKind;
import fr.progerance.ops.monitoring.probe.CheckResult;
import fr.progerance.ops.monitoring.probe.ProbeRound;
import fr.progerance.ops.monitoring.probe.Prober;
import fr.progerance.ops.monitoring.windows.PlannedWindows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The detection bean, a {@code ProbeRoundListener} of the probes. Its ports (the availability
 * ledger, the planned windows, the prober and the restart policy) are looked up when used, not at
 * start: the prober calls its listeners, so a direct dependency would be a cycle. Without a
 * {@link RestartPolicy} bean nothing is restarted.
 */
@Configuration(proxyBeanMethods = false)
public class DetectionConfiguration {

    @Bean
    FailureDetection failureDetection(DetectionSettings settings, ServerRepository servers, IncidentIntake intake,
            IncidentService incidents, RecoveryCorrelator recovery, AutoRestarts restarts, ConnectionWarnings warnings,
            DetectionMetrics metrics, PlatformTransactionManager transactionManager,
            ObjectProvider<AvailabilityLedger> ledger, ObjectProvider<PlannedWindows> windows,
            ObjectProvider<Prober> prober, ObjectProvider<RestartPolicy> restartPolicy) {
        return new FailureDetection(settings, servers, intake, incidents, recovery, restarts, warnings, metrics,
                transactionManager, new FailureDetection.Ports(new LazyLedger(ledger), new LazyWindows(windows),
                        new LazyProber(prober), (serverId, unit) -> restartPolicy.getIfAvailable(() -> RestartPolicy.NONE)
                                .mayRestart(serverId, unit)));
    }

    private record LazyLedger(ObjectProvider<AvailabilityLedger> provider) implements AvailabilityLedger {
        @Override
        public long outageStarted(long serverId, Instant since, String cause, String incidentNumber) {
            return provider.getObject().outageStarted(serverId, since, cause, incidentNumber);
        }

        @Override
        public void outageEnded(long serverId, Instant at) {
            provider.getObject().outageEnded(serverId, at);
        }

        @Override
        public Optional<OutageView> openOutage(long serverId) {
            return provider.getObject().openOutage(serverId);
        }
    }

    private record LazyWindows(ObjectProvider<PlannedWindows> provider) implements PlannedWindows {
        @Override
        public boolean covers(long serverId, Instant at) {
            return provider.getObject().covers(serverId, at);
        }

        @Override
        public List<Interval> within(long serverId, Interval range) {
            return provider.getObject().within(serverId, range);
        }
    }

    private record LazyProber(ObjectProvider<Prober> provider) implements Prober {
        @Override
        public ProbeRound probe(long serverId) {
            return provider.getObject().probe(serverId);
        }

        @Override
        public CheckResult recheck(long serverId, CheckKind kind, String target) {
            return provider.getObject().recheck(serverId, kind, target);
        }
    }
}
