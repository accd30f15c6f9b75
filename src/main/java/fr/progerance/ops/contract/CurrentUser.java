package fr.progerance.ops.contract;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Web edge: who is calling. The API's authentication filter sets the user on the engine's identity
 * service for the request; this reads it there (one {@code org.camunda} import, kept at the edge),
 * falling back to the servlet's remote user.
 */
@Component
class CurrentUser {

    private final IdentityService identityService;

    CurrentUser(IdentityService identityService) {
        this.identityService = identityService;
    }

    String name(HttpServletRequest request) {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        if (request.getRemoteUser() != null) {
            return request.getRemoteUser();
        }
        throw new IllegalStateException("No authenticated user on an /api request");
    }
}
