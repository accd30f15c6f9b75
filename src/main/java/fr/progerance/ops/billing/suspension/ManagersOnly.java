package fr.progerance.ops.billing.suspension;

import fr.progerance.ops.security.OpsGroups;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Web edge: R8.2 deletion holds and the deletion audit are for managers (and administrators); the
 * caller's id, as authenticated by the API's filter, is who placed or lifted a hold.
 */
@Component
class ManagersOnly {

    private static final List<String> GROUPS = List.of(OpsGroups.MANAGERS, OpsGroups.ADMIN);

    private final IdentityService identity;

    ManagersOnly(IdentityService identity) {
        this.identity = identity;
    }

    /**
     * The calling manager's user id.
     *
     * @throws AuthorizationException the caller is not a manager (answered 403)
     */
    String require(String what) {
        Authentication who = identity.getCurrentAuthentication();
        if (who == null || who.getUserId() == null || who.getGroupIds() == null
                || who.getGroupIds().stream().noneMatch(GROUPS::contains)) {
            throw new AuthorizationException("Only managers may " + what + " (R8.2)");
        }
        return who.getUserId();
    }
}
