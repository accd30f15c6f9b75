package fr.progerance.ops.billing.suspension;

import java.util.List;

/**
 * R7.3, R8.2: what suspending, reactivating and deleting a client does on its servers and backup
 * repositories. Every remote action goes through an operation record ({@code RemoteOperations}),
 * keyed by {@code operationKey} + server + step, so a retried job never repeats a step that was
 * done and a step that was done is not done again (idempotent on the server too). A failed
 * command is a failure (DESIGN rule 13): the method throws and the job retries.
 */
public interface ClientServices {

    /**
     * R7.3: every server of the client. PROGERANCE: the hosting units
     * ({@code ops.billing.suspension.progerance-units}) stopped and disabled. TIERCE: the maintenance
     * flag set in the shop's directory, then {@code ops.billing.suspension.tierce-units} stopped.
     */
    Report suspend(long clientId, String operationKey);

    /** R8.2: undoes {@link #suspend} on every server (units enabled and started, maintenance flag removed). */
    Report reactivate(long clientId, String operationKey);

    /**
     * R8.2: permanent deletion. First an audit record naming what will be deleted and under which
     * rule (it is never deleted itself); then each server's shop files and database, the client's
     * local restic repository and its off-site mirror; the audit record then says what was done.
     *
     * @param rule the rule id that orders it, e.g. {@code R8.2}
     * @return the audit record's id and steps
     */
    Report delete(long clientId, String operationKey, String rule);

    /**
     * What a call did.
     *
     * @param auditId the deletion audit record, null for suspend and reactivate
     * @param steps   one readable line per step, e.g. {@code shop-1 (TIERCE): maintenance page on}
     */
    record Report(Long auditId, List<String> steps) {
    }
}
