package fr.progerance.ops.monitoring.detect;

/**
 * Which systemd units of a server the contract allows monitoring to restart by itself (the issue:
 * "a stopped service that the contract allows restarting is restarted once"). The per-server
 * monitoring configuration of {@code monitoring/probe} answers it; until a bean of this type exists,
 * detection restarts nothing.
 */
@FunctionalInterface
public interface RestartPolicy {

    /** Never restarts anything. */
    RestartPolicy NONE = (serverId, unit) -> false;

    boolean mayRestart(long serverId, String unit);
}
