package fr.progerance.ops.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials with Camunda's {@link IdentityService#checkPassword}, so the users
 * are the engine's (Admin webapp) and the {@link LoginThrottle} applies to the APIs as to the
 * webapps. A source the throttle refuses gets {@link LoginThrottledException} (429) without its
 * password being checked. A bean, so Spring Boot does not create its generated default user.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final LoginThrottle throttle;

    public CamundaIdentityAuthenticationProvider(IdentityService identityService, LoginThrottle throttle) {
        this.identityService = identityService;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        LoginThrottle.Verdict verdict = throttle.check(LoginSource.address(), userId);
        if (!verdict.allowed()) {
            throw new LoginThrottledException(verdict);
        }
        if (userId == null || userId.isBlank() || !(credentials instanceof String password)
                || !identityService.checkPassword(userId, password)) {
            throw new BadCredentialsException("Authentication required (HTTP Basic)");
        }
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
                .list().stream().map(Tenant::getId).toList();
        return new CamundaUserAuthentication(userId, groups, tenants);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
