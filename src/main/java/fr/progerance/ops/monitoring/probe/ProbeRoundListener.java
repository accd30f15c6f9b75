package fr.progerance.ops.monitoring.probe;

/**
 * Told of every finished round (the {@code detect} package confirms failures and recoveries from
 * them). Called on the probe's worker thread; it must not block for long, and an exception it throws
 * is logged and does not stop the probes.
 */
public interface ProbeRoundListener {

    void roundFinished(ProbeRound round);
}
