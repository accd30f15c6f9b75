package fr.progerance.ops.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication against the Camunda identity service for {@code /engine-rest/**},
 * {@code /api/**} and {@code /actuator/**} (all but the bare health probe). The authenticated
 * user and groups are set on the engine for the request, so Camunda's authorization checks
 * apply to every REST call. {@code /api} and the metrics also require one of
 * {@link OpsGroups#API_GROUPS}.
 *
 * <p>Cross-site writes are refused: a browser that cached Basic credentials must not be usable
 * by another site to change anything (the webapps keep their own CSRF protection; this covers
 * the APIs, which are stateless and carry no session).
 */
public class BasicAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthenticationFilter.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String REALM = "Basic realm=\"ops-engine\", charset=\"UTF-8\"";

    private final IdentityService identityService;
    private final Collection<String> apiGroups;
    private final Collection<String> metricsGroups;

    public BasicAuthenticationFilter(IdentityService identityService, Collection<String> apiGroups,
            Collection<String> metricsGroups) {
        this.identityService = identityService;
        this.apiGroups = List.copyOf(apiGroups);
        this.metricsGroups = List.copyOf(metricsGroups);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isPublic(path)) {
            chain.doFilter(request, response);
            return;
        }
        if (isCrossSiteWrite(request)) {
            LOG.warn("Refused a cross-site {} to {}", request.getMethod(), path);
            deny(response, HttpServletResponse.SC_FORBIDDEN, "Cross-site requests may not change anything");
            return;
        }
        String[] credentials = credentials(request.getHeader("Authorization"));
        if (credentials == null || !identityService.checkPassword(credentials[0], credentials[1])) {
            response.setHeader("WWW-Authenticate", REALM);
            deny(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required (HTTP Basic)");
            return;
        }
        String userId = credentials[0];
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
                .list().stream().map(Tenant::getId).toList();
        Collection<String> required = path.startsWith("/actuator") ? metricsGroups
                : path.startsWith("/engine-rest") ? null : apiGroups;
        if (required != null && groups.stream().noneMatch(required::contains)) {
            deny(response, HttpServletResponse.SC_FORBIDDEN, "User '" + userId + "' is in none of the groups "
                    + required + " that may use this API");
            return;
        }
        identityService.setAuthentication(userId, groups, tenants);
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** Only the bare liveness probe answers without credentials; it shows no details then. */
    static boolean isPublic(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    static boolean isCrossSiteWrite(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return false;
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            int originPort = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
            return !(request.getServerName().equalsIgnoreCase(uri.getHost()) && request.getServerPort() == originPort);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** {user, password} from a Basic header, or null. */
    static String[] credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void deny(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        String reason = status == HttpServletResponse.SC_UNAUTHORIZED ? "Unauthorized" : "Forbidden";
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + reason + "\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"problems\":[]}");
    }
}
