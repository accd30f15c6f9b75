package fr.progerance.ops.security;

import java.util.List;

/** The Camunda groups the engine relies on. */
public final class OpsGroups {

    /** Camunda's administrators group: its existence closes the webapps' first-user setup. */
    public static final String ADMIN = "camunda-admin";
    /** Operations staff: work incidents, backups and updates in Tasklist. */
    public static final String OPS = "ops";
    /** Managers: watch dashboards and Cockpit, approve what the contract reserves to them. */
    public static final String MANAGERS = "managers";

    /** Monitoring systems (Prometheus): may read the metrics, nothing else. */
    public static final String MONITORING = "monitoring";

    /** Groups whose members may call {@code /api/**}. */
    public static final List<String> API_GROUPS = List.of(ADMIN, OPS, MANAGERS);

    /** Groups whose members may read {@code /actuator/**} (metrics for the dashboards). */
    public static final List<String> METRICS_GROUPS = List.of(ADMIN, OPS, MANAGERS, MONITORING);

    private OpsGroups() {
    }
}
