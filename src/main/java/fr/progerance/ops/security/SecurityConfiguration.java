package fr.progerance.ops.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Every API needs authentication: the Camunda REST API is open by default, so the Basic filter
 * guards it together with the application's own API and the metrics. The webapps under
 * {@code /camunda} keep their own session login and CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    FilterRegistrationBean<BasicAuthenticationFilter> basicAuthenticationFilter(IdentityService identityService) {
        FilterRegistrationBean<BasicAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new BasicAuthenticationFilter(identityService, OpsGroups.API_GROUPS,
                        OpsGroups.METRICS_GROUPS));
        registration.setName("ops-basic-authentication");
        registration.addUrlPatterns("/engine-rest/*", "/api/*", "/actuator/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
