package fr.progerance.ops.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The requests the APIs' CSRF protection applies to: writes that a browser sends from another
 * site ({@code Sec-Fetch-Site} other than same-origin or none, or an {@code Origin} that is not
 * this host and port). A browser that cached Basic credentials must not let another site change
 * anything; clients that are not browsers send neither header and are not concerned.
 */
public final class CrossSiteWriteMatcher implements RequestMatcher {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public boolean matches(HttpServletRequest request) {
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

    @Override
    public String toString() {
        return "cross-site writes (Sec-Fetch-Site, Origin)";
    }
}
