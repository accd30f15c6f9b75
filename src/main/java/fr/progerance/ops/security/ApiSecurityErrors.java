package fr.progerance.ops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.web.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The API's refusals in the API's error shape ({@link ApiError}): 401 with the Basic challenge,
 * 429 with {@code Retry-After} for a source the {@link LoginThrottle} refuses, 403 naming the groups
 * that would open the path, 403 for a cross-site write.
 */
final class ApiSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String CHALLENGE = "Basic realm=\"ops-engine\", charset=\"UTF-8\"";

    private static final Logger LOG = LoggerFactory.getLogger(ApiSecurityErrors.class);

    private final ObjectMapper json;

    ApiSecurityErrors(ObjectMapper json) {
        this.json = json;
    }

    /** No or wrong credentials, or too many failed logins from the source. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            LOG.debug("Refused a Basic login to {} from a throttled source", request.getRequestURI());
            LoginThrottleFilter.tooManyRequests(response, throttled.verdict(), json);
            return;
        }
        response.setHeader("WWW-Authenticate", CHALLENGE);
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", "Authentication required (HTTP Basic)");
    }

    /** Authenticated but refused: a cross-site write, or none of the groups the path needs. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            LOG.warn("Refused a cross-site {} to {}", request.getMethod(), request.getRequestURI());
            write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "Cross-site requests may not change anything");
            return;
        }
        String user = SecurityContextHolder.getContext().getAuthentication() == null ? "?"
                : SecurityContextHolder.getContext().getAuthentication().getName();
        List<String> groups = requiredGroups(e);
        write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", groups.isEmpty()
                ? "User '" + user + "' may not use this API"
                : "User '" + user + "' is in none of the groups " + groups + " that may use this API");
    }

    private static List<String> requiredGroups(AccessDeniedException e) {
        if (e instanceof AuthorizationDeniedException denied
                && denied.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
            Collection<GrantedAuthority> authorities = decision.getAuthorities();
            return authorities.stream().map(GrantedAuthority::getAuthority).sorted().toList();
        }
        return List.of();
    }

    private void write(HttpServletResponse response, int status, String error, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getWriter(), new ApiError(status, error, message, List.of()));
    }
}
