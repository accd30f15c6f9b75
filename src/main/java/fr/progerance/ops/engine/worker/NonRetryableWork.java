package fr.progerance.ops.engine.worker;

/**
 * Marks a failure that retrying cannot fix (a wrong repository password, a changed host key): the
 * worker reports it with 0 retries, so the incident is raised at once.
 */
public interface NonRetryableWork {
}
