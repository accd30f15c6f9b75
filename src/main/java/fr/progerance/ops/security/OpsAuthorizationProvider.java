package fr.progerance.ops.security;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * Camunda's default grants for new resources, with one change: a new user may read and update
 * their own account (profile, password), not delete it. Camunda grants {@code ALL} there, which
 * lets any user delete their own account through {@code DELETE /engine-rest/user/{id}}; managing
 * users is for administrators (README, authorization matrix). Every other default stays: a task's
 * candidate groups and assignee may read and update it, a group's members read the group.
 */
public class OpsAuthorizationProvider extends DefaultAuthorizationProvider {

    /** What a user may do on their own account. */
    public static final Permission[] OWN_ACCOUNT = {Permissions.READ, Permissions.UPDATE};

    @Override
    public AuthorizationEntity[] newUser(User user) {
        return new AuthorizationEntity[] {
            createGrantAuthorization(user.getId(), null, Resources.USER, user.getId(), OWN_ACCOUNT)
        };
    }
}
