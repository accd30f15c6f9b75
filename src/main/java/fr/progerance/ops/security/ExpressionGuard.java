package fr.progerance.ops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.security.ExpressionScanner.Allowance;
import fr.progerance.ops.security.ExpressionScanner.Findings;
import fr.progerance.ops.web.ApiError;
import fr.progerance.ops.web.FieldProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * No expression sent by a request is ever evaluated by the engine (issue 7, section 1). Camunda
 * refuses expressions in ad-hoc queries, but still evaluates those inside {@code orQueries} and
 * those that extend a stored filter ({@code POST filter/{id}/list|count}): a query is a path to
 * running code on the server. This filter stands before every JAX-RS servlet, the engine's REST API
 * ({@code /engine-rest/*}) and the webapps' APIs ({@code /camunda/api/*}: their engine API and the
 * Cockpit, Tasklist, Admin and Welcome plugin resources, which build engine queries too), and
 * refuses with 400 any request that carries an expression ({@link ExpressionScanner}) in its path,
 * query string, JSON body or form body, naming each offending field.
 *
 * <p>The body is read once, up to {@code ops.http.max-body-size} (more: 413), checked and handed
 * on ({@link BufferedBodyRequest}). A body that claims to be JSON and is not is refused (400), so
 * no reader downstream can read what this one could not. Multipart bodies (deployments, file
 * variables) are not buffered: no engine resource builds a query from one, and a BPMN file is made
 * of expressions; creating deployments is an administrator's right (Camunda authorizations).
 *
 * <p>At start it checks that every JAX-RS servlet of the application is mapped under its URL
 * patterns, and refuses to start otherwise: a new API cannot slip past it.
 */
public class ExpressionGuard extends OncePerRequestFilter {

    static final String JERSEY_SERVLET = "org.glassfish.jersey.servlet.ServletContainer";
    static final String REFUSED = "The request carries an expression; the engine evaluates no expression sent by a request";
    static final String UNREADABLE = "The request cannot be read";

    private static final Logger LOG = LoggerFactory.getLogger(ExpressionGuard.class);
    /** {@code POST filter/create} and {@code PUT filter/{id}}, under any engine's REST root. */
    private static final Pattern STORED_FILTER_WRITE = Pattern.compile("(/engine/[^/]+)?/filter/[^/]+");

    private final ObjectMapper json;
    private final long maxBodySize;
    private final List<String> urlPatterns;
    private final List<String> engineServletPaths;

    /**
     * @param urlPatterns        where the guard stands (servlet URL patterns)
     * @param engineServletPaths servlet paths of the engine's REST resources ({@code /engine-rest},
     *                           {@code /camunda/api/engine}), where stored filters are written
     */
    public ExpressionGuard(ObjectMapper json, long maxBodySize, List<String> urlPatterns, List<String> engineServletPaths) {
        this.json = json;
        this.maxBodySize = maxBodySize;
        this.urlPatterns = List.copyOf(urlPatterns);
        this.engineServletPaths = List.copyOf(engineServletPaths);
    }

    public List<String> urlPatterns() {
        return urlPatterns;
    }

    @Override
    protected void initFilterBean() throws ServletException {
        if (getFilterConfig() == null) {
            return;
        }
        List<String> uncovered = uncoveredJaxRsMappings(getServletContext().getServletRegistrations().values(), urlPatterns);
        if (!uncovered.isEmpty()) {
            throw new ServletException("JAX-RS servlets mapped outside the expression guard's paths " + urlPatterns
                    + ": " + uncovered + ". Add their paths to the guard (issue 7).");
        }
    }

    /** The mappings of JAX-RS (Jersey) servlets that none of the patterns covers. */
    static List<String> uncoveredJaxRsMappings(Collection<? extends ServletRegistration> servlets, List<String> patterns) {
        List<String> uncovered = new ArrayList<>();
        for (ServletRegistration servlet : servlets) {
            if (!JERSEY_SERVLET.equals(servlet.getClassName())) {
                continue;
            }
            for (String mapping : servlet.getMappings()) {
                if (!coversMapping(patterns, mapping)) {
                    uncovered.add(servlet.getName() + " " + mapping);
                }
            }
        }
        return uncovered;
    }

    /** Whether every request a servlet mapped to {@code mapping} receives passes one of the patterns. */
    static boolean coversMapping(List<String> patterns, String mapping) {
        if (patterns.contains("/*")) {
            return true;
        }
        if (mapping.endsWith("/*")) {
            String base = mapping.substring(0, mapping.length() - 2);
            return patterns.stream().anyMatch(p -> p.endsWith("/*") && isUnder(base, p.substring(0, p.length() - 2)));
        }
        if (mapping.startsWith("/") && !mapping.equals("/")) {
            return coversPath(patterns, mapping);
        }
        return false; // the default servlet "/", the context root "" or an extension mapping "*.x"
    }

    /** Whether a request to this path (context-relative, decoded) passes one of the servlet URL patterns. */
    static boolean coversPath(List<String> patterns, String path) {
        for (String pattern : patterns) {
            if (pattern.equals("/*") || pattern.equals(path)) {
                return true;
            }
            if (pattern.endsWith("/*") && isUnder(path, pattern.substring(0, pattern.length() - 2))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Findings findings = new Findings();
        try {
            ExpressionScanner.scanPath(UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8), findings);
        } catch (IllegalArgumentException e) {
            findings.unreadable("(path)", "is not valid percent-encoding");
        }
        ExpressionScanner.scanPairs(request.getQueryString(), StandardCharsets.UTF_8, findings);

        HttpServletRequest checked = request;
        String contentType = request.getContentType() == null ? "" : request.getContentType().trim().toLowerCase(Locale.ROOT);
        if (request.getContentLengthLong() != 0 && !contentType.startsWith("multipart/")) {
            if (request.getContentLengthLong() > maxBodySize) {
                tooLarge(request, response);
                return;
            }
            byte[] body = readAtMost(request.getInputStream(), maxBodySize);
            if (body == null) {
                tooLarge(request, response);
                return;
            }
            boolean form = contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
            checked = new BufferedBodyRequest(request, body, form);
            if (form) {
                ExpressionScanner.scanPairs(new String(body, ExpressionScanner.charset(request.getCharacterEncoding())),
                        ExpressionScanner.charset(request.getCharacterEncoding()), findings);
                ExpressionScanner.scanParameters(checked.getParameterMap(), findings);
            } else if (body.length > 0) {
                scanBody(request, body, contentType, findings);
            }
        }

        if (findings.hasExpressions()) {
            LOG.warn("Refused a {} to {} that carries expressions: {}", request.getMethod(), request.getRequestURI(),
                    findings.expressions());
            refuse(response, REFUSED, findings.expressions());
            return;
        }
        if (findings.isUnreadable()) {
            refuse(response, UNREADABLE, findings.unreadable());
            return;
        }
        chain.doFilter(checked, response);
    }

    private void scanBody(HttpServletRequest request, byte[] body, String contentType, Findings findings) {
        boolean isJson = ExpressionScanner.scanJson(body, allowance(request), findings);
        if (isJson) {
            return;
        }
        if (contentType.isEmpty() || contentType.contains("json")) {
            // What a JSON reader downstream might make of it is not worth guessing: refused.
            findings.unreadable("(body)", "is not valid JSON");
        } else if (ExpressionScanner.containsExpression(new String(body, StandardCharsets.ISO_8859_1))) {
            // Declared as something else (no engine resource reads it as JSON): its text still may not
            // carry an expression.
            findings.expression("(body)", ExpressionScanner.VALUE_PROBLEM);
        }
    }

    private Allowance allowance(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getPathInfo();
        if (path == null || !engineServletPaths.contains(request.getServletPath())
                || !STORED_FILTER_WRITE.matcher(path).matches()) {
            return Allowance.NONE;
        }
        boolean create = path.endsWith("/filter/create");
        return (create && method.equals("POST")) || (!create && method.equals("PUT"))
                ? Allowance.STORED_FILTER : Allowance.NONE;
    }

    /** The body, or null when it is longer than {@code max} bytes. */
    static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LOG.warn("Refused a {} to {} whose body exceeds {} bytes", request.getMethod(), request.getRequestURI(), maxBodySize);
        response.setHeader("Connection", "close");
        write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Payload Too Large",
                "The request body exceeds " + maxBodySize + " bytes (ops.http.max-body-size)", List.of());
    }

    private void refuse(HttpServletResponse response, String message, List<FieldProblem> problems) throws IOException {
        write(response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request", message, problems);
    }

    private void write(HttpServletResponse response, int status, String error, String message, List<FieldProblem> problems)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getWriter(), new ApiError(status, error, message, problems));
    }
}
