/**
 * SSH execution of command templates on the client servers (DESIGN rule 8).
 *
 * <p>Only {@link fr.progerance.ops.remote.CommandTemplate named templates} reach a remote shell:
 * fixed words plus arguments validated against a strict pattern, then single-quoted. Every
 * connection pins the server's host key by its SHA-256 fingerprint ({@link
 * fr.progerance.ops.remote.HostKeys}); an unknown or changed key is refused, never learnt.
 *
 * <p>This is a shared package: it knows nothing of the contract register, of the obligation
 * packages or of the process engine. Callers build an {@link fr.progerance.ops.remote.SshTarget}
 * from their own data and decide what a {@link fr.progerance.ops.remote.RemoteException} means
 * for them: technical failures are retryable, a {@link fr.progerance.ops.remote.NonRetryable} one
 * (a host key mismatch) must become an incident for a person at once.
 */
package fr.progerance.ops.remote;
