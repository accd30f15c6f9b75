package fr.progerance.ops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link ExpressionGuard} before every JAX-RS servlet: the engine's REST API (its Jersey path,
 * {@code /engine-rest/*}) and the webapps' APIs ({@code <camunda.bpm.webapp.application-path>/api/*}).
 */
@Configuration(proxyBeanMethods = false)
public class ExpressionGuardConfiguration {

    public static final String FILTER_NAME = "ops-expression-guard";

    /**
     * After Spring Security (a caller without credentials gets its 401 first) and before the
     * webapps' own filters; the container applies the same URL mapping as to the servlets, so the
     * guard sees exactly the requests those servlets get.
     */
    @Bean
    FilterRegistrationBean<ExpressionGuard> expressionGuard(ObjectMapper json, HttpSettings settings,
            JerseyApplicationPath engineRest, CamundaBpmProperties camunda) {
        String webappApi = camunda.getWebapp().getApplicationPath() + "/api";
        List<String> patterns = List.of(engineRest.getUrlMapping(), webappApi + "/*");
        List<String> engineServletPaths = List.of(engineRest.getPath(), webappApi + "/engine");
        ExpressionGuard guard = new ExpressionGuard(json, settings.maxBodySize().toBytes(), patterns, engineServletPaths);
        FilterRegistrationBean<ExpressionGuard> registration = new FilterRegistrationBean<>(guard);
        registration.setName(FILTER_NAME);
        registration.setUrlPatterns(patterns);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.INCLUDE);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
