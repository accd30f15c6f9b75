package fr.progerance.ops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The login throttle, the password policy's rules, and the filter that gives the throttle its addresses. */
@Configuration(proxyBeanMethods = false)
public class LoginSecurityConfiguration {

    @Bean
    LoginThrottle loginThrottle(LoginThrottleSettings settings, Clock clock) {
        return new LoginThrottle(settings, clock);
    }

    @Bean
    PasswordRules passwordRules(PasswordSettings settings) {
        return new PasswordRules(settings.minLength());
    }

    /** Before every other filter (Spring Security's, the webapps'): see {@link LoginThrottleFilter}. */
    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle, ObjectMapper json) {
        FilterRegistrationBean<LoginThrottleFilter> registration =
                new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, json));
        registration.setName("ops-login-throttle");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 2);
        return registration;
    }
}
