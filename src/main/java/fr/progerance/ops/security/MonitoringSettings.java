package fr.progerance.ops.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The account Prometheus scrapes the metrics with ({@code ops.monitoring.username} /
 * {@code ops.monitoring.password}, environment {@code OPS_MONITORING_PASSWORD}). Only created when a
 * password is set; its group {@code monitoring} may read {@code /actuator/**} and nothing else.
 */
@ConfigurationProperties("ops.monitoring")
public record MonitoringSettings(String username, String password) {

    public MonitoringSettings {
        username = username == null || username.isBlank() ? "prometheus" : username.trim();
    }

    public boolean hasPassword() {
        return password != null && !password.isBlank();
    }
}
