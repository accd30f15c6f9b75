package fr.progerance.ops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring Security guards the APIs: {@code /api/**}, {@code /engine-rest/**} (the Camunda REST API
 * is open by default) and {@code /actuator/**}. HTTP Basic against Camunda's identity service,
 * stateless, cross-site writes refused by Spring Security's CSRF protection, and the user's Camunda
 * groups and tenants set on the engine for the request.
 *
 * <p>Only these paths have a filter chain: the webapps under {@code /camunda} keep Camunda's own
 * session login and CSRF protection, and the client decision pages {@code /decisions/**} stay
 * public (their signed token is the authority). Spring Security's firewall still refuses (400)
 * request paths that are not normalised ({@code ..}, {@code //}, {@code ;}, encoded slashes and
 * dots) on every path. Paths match whatever their letter case, so {@code /API/clients} is guarded
 * like {@code /api/clients}.
 *
 * <p>Spring Security's default headers stay (nosniff, frame DENY, no caching); HSTS comes from
 * {@link SecurityHeadersFilter} for every path, and requests carrying expressions never pass
 * {@link ExpressionGuard}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final PathPatternRequestMatcher.Builder PATHS;

    static {
        PathPatternParser parser = new PathPatternParser();
        parser.setCaseSensitive(false);
        PATHS = PathPatternRequestMatcher.withPathPatternParser(parser);
    }

    /** Just before Spring Security's filters: see {@link UnparsablePathFilter}. */
    @Bean
    FilterRegistrationBean<UnparsablePathFilter> unparsablePathFilter() {
        FilterRegistrationBean<UnparsablePathFilter> registration = new FilterRegistrationBean<>(new UnparsablePathFilter());
        registration.setName("ops-unparsable-path");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /** The liveness probe: open, anonymous (credentials are ignored), so it shows no details. */
    @Bean
    @Order(1)
    SecurityFilterChain healthSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(new OrRequestMatcher(PATHS.matcher("/actuator/health"),
                        PATHS.matcher("/actuator/health/**")))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts.disable()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(new CrossSiteWriteMatcher())
                        .csrfTokenRepository(new NoCsrfTokenRepository()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, CamundaIdentityAuthenticationProvider users,
            IdentityService identityService, ObjectMapper objectMapper) throws Exception {
        ApiSecurityErrors errors = new ApiSecurityErrors(objectMapper);
        RequestMatcher actuator = PATHS.matcher("/actuator/**");
        RequestMatcher api = PATHS.matcher("/api/**");
        RequestMatcher securityApi = PATHS.matcher("/api/security/**");
        RequestMatcher engineRest = PATHS.matcher("/engine-rest/**");
        http.securityMatcher(new OrRequestMatcher(api, engineRest, actuator))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(actuator).hasAnyAuthority(OpsGroups.METRICS_GROUPS.toArray(String[]::new))
                        // Lockouts of the login throttle: administrators only.
                        .requestMatchers(securityApi).hasAuthority(OpsGroups.ADMIN)
                        .requestMatchers(api).hasAnyAuthority(OpsGroups.API_GROUPS.toArray(String[]::new))
                        // Camunda's authorizations decide what each user may do through the REST API.
                        .anyRequest().authenticated())
                .authenticationManager(new ProviderManager(users))
                // SecurityHeadersFilter sends HSTS on every path, as ops.http.hsts says.
                .headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts.disable()))
                .httpBasic(basic -> basic.realmName("ops-engine").authenticationEntryPoint(errors))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A browser's cached Basic credentials must not let another site change anything.
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(new CrossSiteWriteMatcher())
                        .csrfTokenRepository(new NoCsrfTokenRepository()))
                .addFilterAfter(new CamundaIdentityFilter(identityService), AuthorizationFilter.class);
        return http.build();
    }
}
