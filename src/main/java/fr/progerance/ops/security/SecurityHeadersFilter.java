package fr.progerance.ops.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers of every answer, whatever serves it (issue 7, section 7): the APIs, the
 * Camunda webapps and their static assets, the client decision pages and the error pages.
 * {@code X-Content-Type-Options: nosniff} (a browser never guesses a script out of a JSON answer or
 * an upload), {@code X-Frame-Options: DENY} (no page is framed by another site, besides the webapps'
 * CSP {@code frame-ancestors 'none'}), and {@code Strict-Transport-Security} on requests that
 * arrived over TLS only ({@link HttpSettings.Hsts}): HSTS over plain HTTP means nothing, and behind a
 * proxy the request counts as secure only when {@code server.forward-headers-strategy} trusts the
 * proxy's {@code X-Forwarded-Proto}.
 *
 * <p>Set before the rest of the chain runs; Spring Security's and Camunda's own header writers then
 * find them (Spring Security keeps them, Camunda sets the same nosniff).
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    static final String FRAME_OPTIONS = "X-Frame-Options";
    static final String HSTS = "Strict-Transport-Security";

    private final HttpSettings.Hsts hsts;

    public SecurityHeadersFilter(HttpSettings.Hsts hsts) {
        this.hsts = hsts;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(CONTENT_TYPE_OPTIONS, "nosniff");
        response.setHeader(FRAME_OPTIONS, "DENY");
        String strictTransport = hsts.headerFor(request.isSecure());
        if (strictTransport != null) {
            response.setHeader(HSTS, strictTransport);
        }
        chain.doFilter(request, response);
    }
}
