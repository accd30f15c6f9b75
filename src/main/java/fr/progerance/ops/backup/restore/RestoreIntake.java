package fr.progerance.ops.backup.restore;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts {@code Restore} for a request from the API: the record (with its backup point) and the
 * process instance (business key = the record's id) in one transaction, started as the caller, so
 * Camunda checks their right to start it.
 */
@Component
public class RestoreIntake {

    private final RestoreService restores;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final RepositoryService repository;

    public RestoreIntake(RestoreService restores, RuntimeService runtime, IdentityService identity,
            RepositoryService repository) {
        this.restores = restores;
        this.runtime = runtime;
        this.identity = identity;
        this.repository = repository;
    }

    public record Started(RestoreRequest restore, String processInstanceId) {
    }

    @Transactional
    public Started request(long serverId, String snapshotId, String reason) {
        Authentication who = identity.getCurrentAuthentication();
        String user = who == null ? null : who.getUserId();
        if (user != null && repository.createProcessDefinitionQuery().processDefinitionKey(RestoreProcess.KEY)
                .latestVersion().startablePermissionCheck().count() == 0) {
            throw new AuthorizationException("User '" + user + "' may not request restores: that starts "
                    + RestoreProcess.KEY + ", which only its starters may do");
        }
        RestoreRequest r = restores.request(serverId, snapshotId, reason, user);
        String pid = runtime.createProcessInstanceByKey(RestoreProcess.KEY).businessKey(String.valueOf(r.getId()))
                .execute().getId();
        return new Started(restores.get(r.getId()), pid);
    }
}
