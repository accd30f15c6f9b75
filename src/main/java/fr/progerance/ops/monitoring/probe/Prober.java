package fr.progerance.ops.monitoring.probe;

/** Runs the checks of one server now (the scheduler, the re-check after an automatic restart, tests). */
public interface Prober {

    /**
     * Runs every configured check of the server, concurrently where they are independent, each within
     * its timeout. Never throws for what the server does: a failing server gives FAILED results.
     *
     * @throws IllegalArgumentException no server has that id
     */
    ProbeRound probe(long serverId);

    /** Runs only the checks of {@code kind} on {@code target} (the re-check after an automatic restart). */
    CheckResult recheck(long serverId, CheckKind kind, String target);
}
