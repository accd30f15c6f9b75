package fr.progerance.ops.monitoring.probe;

import fr.progerance.ops.monitoring.probe.MonitoringConfigurations.ServerFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@link Prober} of the application: reads the server's register facts and monitoring
 * configuration, runs its checks ({@link RoundRunner}), and for a full round ({@link #probe}) records
 * it ({@link ProbeHistory}), counts it ({@link ProbeMetrics}) and hands it to every
 * {@link ProbeRoundListener} (an exception of one is logged and the others still run). A
 * {@link #recheck} is only returned: the caller decides what it means.
 */
public class ServerProber implements Prober {

    private static final Logger LOG = LoggerFactory.getLogger(ServerProber.class);

    private final MonitoringConfigurations configurations;
    private final RoundRunner runner;
    private final ProbeHistory history;
    private final ProbeMetrics metrics;
    private final ObjectProvider<ProbeRoundListener> listeners;

    public ServerProber(MonitoringConfigurations configurations, RoundRunner runner, ProbeHistory history,
            ProbeMetrics metrics, ObjectProvider<ProbeRoundListener> listeners) {
        this.configurations = configurations;
        this.runner = runner;
        this.history = history;
        this.metrics = metrics;
        this.listeners = listeners;
    }

    @Override
    public ProbeRound probe(long serverId) {
        ServerFacts facts = facts(serverId);
        ProbeRound round = runner.run(facts, configurations.configuration(serverId));
        history.record(round);
        round.results().forEach(metrics::recorded);
        listeners.orderedStream().forEach(listener -> {
            try {
                listener.roundFinished(round);
            } catch (RuntimeException e) {
                LOG.error("Probe round listener {} failed on server {}: {}", listener.getClass().getSimpleName(),
                        serverId, e.toString(), e);
            }
        });
        return round;
    }

    @Override
    public CheckResult recheck(long serverId, CheckKind kind, String target) {
        return runner.recheck(facts(serverId), configurations.configuration(serverId), kind, target);
    }

    private ServerFacts facts(long serverId) {
        return configurations.facts(serverId).orElseThrow(() -> new IllegalArgumentException("No server " + serverId));
    }
}
