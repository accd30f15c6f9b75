package fr.progerance.ops.backup;

/** Where a backup run stands (DESIGN rule 13: nothing recorded as done that was not done). */
public enum BackupRunStatus {
    /** Started; no verified snapshot yet. */
    RUNNING,
    /** Its snapshot exists in the local repository, listed by restic with the run's tags. */
    BACKED_UP,
    /** And the repository's off-site copy holds it (R3.6-a). */
    MIRRORED,
    /** A step failed and has no retries left (a Camunda incident exists), or the run was cancelled. */
    FAILED
}
