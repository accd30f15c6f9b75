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

    /** Groups whose members may call {@code /api/**} and the metrics endpoints. */
    public static final List<String> API_GROUPS = List.of(ADMIN, OPS, MANAGERS);

    private OpsGroups() {
    }
}
