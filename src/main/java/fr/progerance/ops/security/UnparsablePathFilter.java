package fr.progerance.ops.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Answers 400 to a request whose path Spring cannot parse, before Spring Security sees it.
 *
 * <p>Spring Security 6.5 parses the request path ({@code ServletRequestPathFilter}) before its
 * firewall runs. For a servlet mapped to a path prefix, like Camunda's REST API on
 * {@code /engine-rest/*}, that parsing throws when the raw path does not start with the servlet's
 * path as Tomcat mapped it ({@code /engine-rest;x=y/task}, {@code //engine-rest/task},
 * {@code /%65ngine-rest/task}, {@code /api/../engine-rest/task}): a 500 and a stack trace in the
 * log instead of a refusal. This filter runs the same parsing first and turns that failure into a
 * 400; everything else (the firewall, authentication, authorisation) stays with Spring Security.
 */
class UnparsablePathFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(UnparsablePathFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            ServletRequestPathUtils.parse(request);
        } catch (IllegalArgumentException e) {
            LOG.debug("Refused a request path that does not match its servlet mapping: {}", e.getMessage());
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }
}
