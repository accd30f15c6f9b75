package fr.progerance.ops.billing;

import fr.progerance.ops.security.OpsGroups;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Web edge: who calls the billing API (the user the API's authentication filter set on the engine). */
@Component
public class BillingCaller {

    private static final List<String> MANAGERS = List.of(OpsGroups.MANAGERS, OpsGroups.ADMIN);

    private final IdentityService identity;

    public BillingCaller(IdentityService identity) {
        this.identity = identity;
    }

    /** The authenticated user's id. */
    public String user() {
        Authentication who = identity.getCurrentAuthentication();
        if (who == null || who.getUserId() == null) {
            throw new IllegalStateException("No authenticated user on an /api request");
        }
        return who.getUserId();
    }

    /**
     * The authenticated user's id, when a manager (or an administrator).
     *
     * @throws AuthorizationException for anyone else (403)
     */
    public String manager(String what) {
        Authentication who = identity.getCurrentAuthentication();
        if (who == null || who.getGroupIds() == null || who.getGroupIds().stream().noneMatch(MANAGERS::contains)) {
            throw new AuthorizationException("Only managers may " + what);
        }
        return who.getUserId();
    }
}
