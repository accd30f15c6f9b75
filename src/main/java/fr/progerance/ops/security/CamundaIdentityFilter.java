package fr.progerance.ops.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Last filter of the API chain, after authorisation: puts the authenticated user, groups and
 * tenants on the engine for the request ({@link IdentityService#setAuthentication}), so Camunda's
 * authorization checks apply to every REST call and the application reads who is calling; clears
 * them when the request ends.
 */
public class CamundaIdentityFilter extends OncePerRequestFilter {

    private final IdentityService identityService;

    public CamundaIdentityFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof CamundaUserAuthentication user)) {
            chain.doFilter(request, response);
            return;
        }
        identityService.setAuthentication(user.userId(), user.groupIds(), user.tenantIds());
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }
}
