package fr.progerance.ops.security;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The security headers on every path ({@link SecurityHeadersFilter}, issue 7 section 7). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpSettings.class)
public class HttpHeadersConfiguration {

    /**
     * First but for the request's own preparation (character encoding, and the forwarded-headers
     * filter of {@code server.forward-headers-strategy=framework}), so that every answer, refusals
     * included, carries the headers and the request already knows whether it came over TLS.
     */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter(HttpSettings settings) {
        FilterRegistrationBean<SecurityHeadersFilter> registration =
                new FilterRegistrationBean<>(new SecurityHeadersFilter(settings.hsts()));
        registration.setName("ops-security-headers");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR);
        registration.setOrder(ORDER);
        return registration;
    }
}
