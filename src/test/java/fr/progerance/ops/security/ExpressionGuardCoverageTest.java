package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestApi.Answer;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.context.WebApplicationContext;

/**
 * Issue 7, section 1: no REST resource is left outside {@link ExpressionGuard}. The test lists the
 * JAX-RS servlets the application really registered (the engine's REST API and the webapps' engine,
 * Cockpit, Tasklist, Admin and Welcome APIs), then every resource path of their JAX-RS applications
 * from the {@code @Path} annotations (root resources and, recursively, their sub-resource
 * locators), and proves each one lies under the guard's URL patterns as the container registered
 * them, then sends each one an expression and gets the guard's 400.
 */
@OpsSpringBootTest
class ExpressionGuardCoverageTest {

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    private ServletContext servletContext;
    private List<String> guardPatterns;

    @BeforeEach
    void guard() {
        servletContext = context.getServletContext();
        FilterRegistration guard = servletContext.getFilterRegistration(ExpressionGuardConfiguration.FILTER_NAME);
        assertThat(guard).as("the expression guard is registered in the container").isNotNull();
        guardPatterns = List.copyOf(guard.getUrlPatternMappings());
    }

    @Test
    @DisplayName("Issue 7: every JAX-RS servlet of the application (engine REST and the five webapp APIs) is mapped under the guard's URL patterns")
    void everyJaxRsServletIsCovered() {
        Map<String, ServletRegistration> jaxRs = jaxRsServlets();
        assertThat(jaxRs.keySet()).contains("Engine Api", "Cockpit Api", "Tasklist Api", "Admin Api", "Welcome Api")
                .hasSizeGreaterThanOrEqualTo(6);
        assertThat(jaxRs.values()).flatExtracting(ServletRegistration::getMappings).contains("/engine-rest/*");
        for (ServletRegistration servlet : jaxRs.values()) {
            for (String mapping : servlet.getMappings()) {
                assertThat(ExpressionGuard.coversMapping(guardPatterns, mapping))
                        .as("%s mapped to %s, guard on %s", servlet.getName(), mapping, guardPatterns).isTrue();
            }
        }
        assertThat(ExpressionGuard.uncoveredJaxRsMappings(servletContext.getServletRegistrations().values(), guardPatterns))
                .isEmpty();
    }

    @Test
    @DisplayName("Issue 7: every REST resource path (from the @Path annotations of every JAX-RS application) lies under "
            + "the guard and answers its 400 to an expression")
    void everyResourcePathIsCovered() throws Exception {
        Map<String, Integer> perServlet = new LinkedHashMap<>();
        Set<String> fullPaths = new TreeSet<>();
        for (ServletRegistration servlet : jaxRsServlets().values()) {
            Set<String> paths = new TreeSet<>();
            for (Class<?> resource : resourceClasses(servlet)) {
                collect(resource, "", paths, new HashSet<>(), 0);
            }
            for (String mapping : servlet.getMappings()) {
                String base = mapping.substring(0, mapping.length() - "/*".length());
                for (String path : paths) {
                    String full = base + path;
                    assertThat(ExpressionGuard.coversPath(guardPatterns, full))
                            .as("%s (%s) is under the guard's %s", full, servlet.getName(), guardPatterns).isTrue();
                    fullPaths.add(full);
                }
            }
            perServlet.put(servlet.getName(), paths.size());
        }
        assertThat(perServlet.get("Engine Api")).as("the engine's resources, listed through /engine/{name}").isGreaterThan(300);
        assertThat(fullPaths).contains("/engine-rest/task/count", "/engine-rest/filter/x/list",
                "/camunda/api/engine/engine/x/task/count", "/camunda/api/engine/engine/x/filter/x/count");

        TestApi admin = TestApi.asAdmin(port);
        List<String> notRefused = new ArrayList<>();
        for (String path : fullPaths) {
            Answer a = admin.get(path + "?probeExpression=1");
            if (a.status() != 400 || !a.body().contains(ExpressionGuard.REFUSED)) {
                notRefused.add(path + " -> " + a.status());
            }
        }
        assertThat(notRefused).as("resource paths that did not answer the guard's 400").isEmpty();
        System.out.printf("Expression guard coverage: %d resource paths of %d JAX-RS servlets %s, all under %s, "
                + "each answered 400 to an expression%n", fullPaths.size(), perServlet.size(), perServlet, guardPatterns);
    }

    private Map<String, ServletRegistration> jaxRsServlets() {
        Map<String, ServletRegistration> jaxRs = new LinkedHashMap<>();
        servletContext.getServletRegistrations().forEach((name, servlet) -> {
            if (ExpressionGuard.JERSEY_SERVLET.equals(servlet.getClassName())) {
                jaxRs.put(name, servlet);
            }
        });
        return jaxRs;
    }

    /** The classes of the servlet's JAX-RS application: its Application class, or Spring's ResourceConfig. */
    private Set<Class<?>> resourceClasses(ServletRegistration servlet) throws Exception {
        String applicationClass = servlet.getInitParameter(ServletProperties.JAXRS_APPLICATION_CLASS);
        Application application = applicationClass != null
                ? (Application) Class.forName(applicationClass).getDeclaredConstructor().newInstance()
                : context.getBean(ResourceConfig.class);
        Set<Class<?>> classes = new HashSet<>(application.getClasses());
        application.getSingletons().forEach(singleton -> classes.add(singleton.getClass()));
        classes.removeIf(c -> AnnotatedElementUtils.findMergedAnnotation(c, Path.class) == null);
        return classes;
    }

    /**
     * The paths of a resource class: its own {@code @Path} (for a root), each resource method's, and
     * recursively those of the classes its sub-resource locators return. Templates become {@code x}.
     */
    private static void collect(Class<?> resource, String prefix, Set<String> paths, Set<Class<?>> onTheWay, int depth) {
        if (depth > 8 || !onTheWay.add(resource)) {
            return;
        }
        Path classPath = depth == 0 ? AnnotatedElementUtils.findMergedAnnotation(resource, Path.class) : null;
        String base = classPath == null ? prefix : join(prefix, classPath.value());
        for (Method method : resource.getMethods()) {
            if (method.isBridge() || method.isSynthetic() || Modifier.isStatic(method.getModifiers())
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Path path = AnnotatedElementUtils.findMergedAnnotation(method, Path.class);
            boolean httpMethod = AnnotatedElementUtils.findMergedAnnotation(method, HttpMethod.class) != null;
            if (path == null && httpMethod) {
                paths.add(base.isEmpty() ? "/" : base);
            } else if (path != null && httpMethod) {
                paths.add(join(base, path.value()));
            } else if (path != null) {
                String locator = join(base, path.value());
                paths.add(locator);
                collect(method.getReturnType(), locator, paths, onTheWay, depth + 1);
            }
        }
        onTheWay.remove(resource);
    }

    private static String join(String prefix, String path) {
        StringBuilder joined = new StringBuilder(prefix);
        for (String segment : withoutTemplates(path).split("/")) {
            if (!segment.isEmpty()) {
                joined.append('/').append(segment);
            }
        }
        return joined.toString();
    }

    /** {@code {id}} and {@code {file: .*}} (braces may nest in the regular expression) become {@code x}. */
    private static String withoutTemplates(String path) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : path.toCharArray()) {
            if (c == '{') {
                if (depth++ == 0) {
                    out.append('x');
                }
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
