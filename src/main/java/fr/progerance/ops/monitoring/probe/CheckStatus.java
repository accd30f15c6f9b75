package fr.progerance.ops.monitoring.probe;

/** The outcome of one check. */
public enum CheckStatus {
    /** As it must be. */
    OK,
    /** Works, but a threshold is near (certificate expiring, disk or connections near the quota, slow answer). */
    WARNING,
    /** Not as it must be: counts towards a confirmed failure. */
    FAILED
}
