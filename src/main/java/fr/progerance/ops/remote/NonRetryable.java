package fr.progerance.ops.remote;

/**
 * Marks a failure that must not be retried automatically: retrying cannot fix it and may make
 * things worse (for a host key mismatch, it would keep talking to a possible impostor). The engine
 * side turns such a failure into an incident for a person immediately, without using its retries.
 */
public interface NonRetryable {
}
