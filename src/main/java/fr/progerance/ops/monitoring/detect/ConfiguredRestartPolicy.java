package fr.progerance.ops.monitoring.detect;

import fr.progerance.ops.monitoring.probe.MonitoringConfigurations;
import org.springframework.stereotype.Component;

/**
 * The restart policy of the servers' monitoring configuration ({@code PUT /api/servers/{id}/monitoring}):
 * a systemd unit marked restartable there is the one detection may restart once by itself.
 */
@Component
class ConfiguredRestartPolicy implements RestartPolicy {

    private final MonitoringConfigurations configurations;

    ConfiguredRestartPolicy(MonitoringConfigurations configurations) {
        this.configurations = configurations;
    }

    @Override
    public boolean mayRestart(long serverId, String unit) {
        return configurations.restartable(serverId, unit);
    }
}
