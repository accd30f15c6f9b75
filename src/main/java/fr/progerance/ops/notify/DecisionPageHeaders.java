package fr.progerance.ops.notify;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers of the client decision pages ({@code /decisions/*}): the URL carries the token
 * that authorises an answer, so the pages are never cached or stored, never framed (no
 * click-jacking of the Approve button), never sent as a Referer, never indexed; the content policy
 * allows only the page's own inline style (with a per-response nonce) and forms posted to itself.
 */
class DecisionPageHeaders extends OncePerRequestFilter {

    /** Request attribute holding this response's CSP nonce for the page's {@code <style>}. */
    static final String NONCE_ATTRIBUTE = DecisionPageHeaders.class.getName() + ".nonce";

    private final SecureRandom random = new SecureRandom();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        request.setAttribute(NONCE_ATTRIBUTE, nonce);
        response.setHeader("Cache-Control", "no-store, max-age=0");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'nonce-" + nonce + "'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        chain.doFilter(request, response);
    }
}
