package fr.progerance.ops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.web.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs first on every request: records the request's source address for the password checks that
 * may follow ({@link LoginSource}), and answers a login to the webapps
 * ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}) from a locked-out address with
 * 429 and {@code Retry-After}, before Camunda checks anything. (A login that reaches Camunda from such
 * an address would be refused anyway, with Camunda's 401, by {@link ThrottledIdentityProvider}; HTTP
 * Basic on the APIs answers 429 through {@link ApiSecurityErrors}.)
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");

    private final LoginThrottle throttle;
    private final ObjectMapper json;

    LoginThrottleFilter(LoginThrottle throttle, ObjectMapper json) {
        this.throttle = throttle;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        if (isWebappLogin(request)) {
            LoginThrottle.Verdict verdict = throttle.check(address, null);
            if (!verdict.allowed()) {
                tooManyRequests(response, verdict, json);
                return;
            }
        }
        LoginSource.set(address);
        try {
            chain.doFilter(request, response);
        } finally {
            LoginSource.clear();
        }
    }

    private static boolean isWebappLogin(HttpServletRequest request) {
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            return false;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return WEBAPP_LOGIN.matcher(path).matches();
    }

    /** 429 with {@code Retry-After}, in the APIs' error shape. */
    static void tooManyRequests(HttpServletResponse response, LoginThrottle.Verdict verdict, ObjectMapper json)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        long seconds = verdict.retryAfterSeconds();
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", String.valueOf(seconds));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        String message = verdict.reason() == LoginThrottle.Reason.ACCOUNT
                ? "Too many failed logins for this account from this address; try again in " + seconds + " s"
                : "Too many failed logins from this address; try again in " + seconds + " s";
        json.writeValue(response.getWriter(), new ApiError(HttpStatus.TOO_MANY_REQUESTS.value(),
                HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase(), message, List.of()));
    }
}
