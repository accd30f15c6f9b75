package fr.progerance.ops.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * The stateless APIs hand out no CSRF token: nothing is stored (no session), so a request the CSRF
 * protection applies to (a cross-site write, see {@link CrossSiteWriteMatcher}) can never show a
 * valid one and is refused.
 */
final class NoCsrfTokenRepository implements CsrfTokenRepository {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", HexFormat.of().formatHex(bytes));
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        // nothing to keep: the APIs are stateless
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return null;
    }
}
