package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

/** The security baseline: no API answers without authentication, and Camunda's checks are on. */
@OpsSpringBootTest
class ApiSecurityTest {

    private static final String NOBODY = "nogroupuser";
    private static final String OPS_USER = "opsuser";
    private static final String GUESSED = "guesseduser";
    private static final String PASSWORD = "a-long-password";
    private static final String TENANT = "securitytesttenant";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identityService;

    @Autowired
    AuthorizationService authorizationService;

    @Autowired
    FilterService filterService;

    @Autowired
    ApplicationContext context;

    @Autowired
    LoginThrottle throttle;

    @BeforeEach
    void users() {
        for (String id : List.of(NOBODY, OPS_USER, GUESSED)) {
            if (identityService.createUserQuery().userId(id).count() == 0) {
                User u = identityService.newUser(id);
                u.setPassword(PASSWORD);
                identityService.saveUser(u);
            }
        }
        if (identityService.createUserQuery().userId(OPS_USER).memberOfGroup(OpsGroups.OPS).count() == 0) {
            identityService.createMembership(OPS_USER, OpsGroups.OPS);
        }
        if (identityService.createTenantQuery().tenantId(TENANT).count() == 0) {
            Tenant tenant = identityService.newTenant(TENANT);
            tenant.setName("Test tenant");
            identityService.saveTenant(tenant);
            identityService.createTenantUserMembership(TENANT, OPS_USER);
        }
    }

    @Test
    @DisplayName("Camunda REST without credentials answers 401 with a Basic challenge")
    void engineRestNeedsCredentials() {
        Answer a = TestApi.anonymous(port).get("/engine-rest/task");
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.response().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    @DisplayName("The application API without credentials answers 401")
    void apiNeedsCredentials() {
        assertThat(TestApi.anonymous(port).get("/api/clients").status()).isEqualTo(401);
        assertThat(TestApi.anonymous(port).get("/api/sla/business-deadline?from=2026-04-07T10:00:00%2B02:00&hours=1")
                .status()).isEqualTo(401);
    }

    @Test
    @DisplayName("A wrong password answers 401 (failures count against the source address, see LoginThrottleTest)")
    void wrongPassword() {
        assertThat(TestApi.as(port, GUESSED, "wrong-password").get("/engine-rest/task").status()).isEqualTo(401);
        assertThat(TestApi.as(port, GUESSED, "wrong-password").get("/api/clients").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("With the administrator's credentials both APIs answer 200")
    void adminCredentials() {
        Answer tasks = TestApi.asAdmin(port).get("/engine-rest/task");
        assertThat(tasks.status()).isEqualTo(200);
        assertThat(tasks.json().isArray()).isTrue();
        Answer clients = TestApi.asAdmin(port).get("/api/clients");
        assertThat(clients.status()).isEqualTo(200);
    }

    @Test
    @DisplayName("An ops user reaches the API; a user in no group is refused with 403")
    void apiNeedsAnOpsGroup() {
        assertThat(TestApi.as(port, OPS_USER, PASSWORD).get("/api/clients").status()).isEqualTo(200);
        Answer refused = TestApi.as(port, NOBODY, PASSWORD).get("/api/clients");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asText()).contains(NOBODY);
    }

    @Test
    @DisplayName("Authorization checks are on: a user without grants sees no deployments through Camunda REST")
    void authorizationChecksAreOn() {
        assertThat(authorizationService.isUserAuthorized(NOBODY, List.of(), Permissions.READ, Resources.DEPLOYMENT))
                .isFalse();
        Answer denied = TestApi.as(port, NOBODY, PASSWORD).get("/engine-rest/group?id=" + OpsGroups.MANAGERS);
        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.json()).isEmpty();
        Answer granted = TestApi.asAdmin(port).get("/engine-rest/group?id=" + OpsGroups.MANAGERS);
        assertThat(granted.json()).hasSize(1);
    }

    @Test
    @DisplayName("Groups ops and managers exist, the administrator is in camunda-admin, Tasklist filters exist")
    void baselineIdentities() {
        assertThat(identityService.createGroupQuery().groupIdIn(OpsGroups.OPS, OpsGroups.MANAGERS, OpsGroups.ADMIN)
                .count()).isEqualTo(3);
        assertThat(identityService.createUserQuery().userId(TestApi.ADMIN).memberOfGroup(OpsGroups.ADMIN).count())
                .isEqualTo(1);
        assertThat(filterService.createFilterQuery().filterName(IdentityBootstrap.FILTER_GROUP_TASKS).count())
                .isEqualTo(1);
        assertThat(authorizationService.isUserAuthorized(OPS_USER, List.of(OpsGroups.OPS), Permissions.ACCESS,
                Resources.APPLICATION, "tasklist")).isTrue();
    }

    @Test
    @DisplayName("A cross-site write is refused even with valid credentials (CSRF on cached Basic credentials)")
    void crossSiteWriteRefused() {
        TestApi api = TestApi.asAdmin(port);
        Answer a = api.send(api.request("/api/clients").header("Content-Type", "application/json")
                .header("Origin", "https://evil.example").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(a.status()).isEqualTo(403);
        Answer b = api.send(api.request("/engine-rest/process-definition/key/x/start")
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "cross-site")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(b.status()).isEqualTo(403);
    }

    @Test
    @DisplayName("The monitoring account from the settings reads the metrics and nothing else")
    void monitoringAccount() {
        TestApi prometheus = TestApi.as(port, "prometheus", "test-monitoring-secret");
        assertThat(prometheus.get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(prometheus.get("/api/clients").status()).isEqualTo(403);
        assertThat(identityService.createUserQuery().userId("prometheus").memberOfGroup(OpsGroups.MONITORING).count())
                .isEqualTo(1);
        assertThat(prometheus.get("/engine-rest/group?id=" + OpsGroups.OPS).json()).as("no Camunda grants").isEmpty();
    }

    @Test
    @DisplayName("Health answers without credentials but metrics need them")
    void actuator() {
        assertThat(TestApi.anonymous(port).get("/actuator/health").status()).isEqualTo(200);
        assertThat(TestApi.anonymous(port).get("/actuator/metrics").status()).isEqualTo(401);
        TestApi admin = TestApi.asAdmin(port);
        // DashboardQueriesTest and the packaged-jar test read /actuator/prometheus.
        Answer metrics = admin.get("/actuator/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm.memory.used");
    }
    @Test
    @DisplayName("401 carries the Basic challenge of the ops-engine realm and the API's JSON error")
    void unauthorizedAnswer() {
        for (Answer a : List.of(TestApi.anonymous(port).get("/api/clients"),
                TestApi.anonymous(port).get("/engine-rest/task"),
                TestApi.anonymous(port).get("/actuator/metrics"),
                TestApi.as(port, GUESSED, "wrong-password").get("/engine-rest/task"))) {
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.response().headers().allValues("WWW-Authenticate"))
                    .containsExactly("Basic realm=\"ops-engine\", charset=\"UTF-8\"");
            assertThat(a.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/json"));
            JsonNode body = a.json();
            assertThat(body.get("status").asInt()).isEqualTo(401);
            assertThat(body.get("error").asText()).isEqualTo("Unauthorized");
            assertThat(body.get("message").asText()).isNotBlank();
            assertThat(body.get("problems")).isEmpty();
        }
    }

    @Test
    @DisplayName("403 names the user and the groups that would open the API, in the API's JSON error")
    void forbiddenAnswerNamesTheGroups() {
        Answer api = TestApi.as(port, NOBODY, PASSWORD).get("/api/clients");
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.json().get("error").asText()).isEqualTo("Forbidden");
        assertThat(api.json().get("message").asText()).contains(NOBODY)
                .contains(OpsGroups.API_GROUPS.stream().sorted().toList().toString());
        assertThat(api.json().get("problems")).isEmpty();
        Answer metrics = TestApi.as(port, NOBODY, PASSWORD).get("/actuator/metrics");
        assertThat(metrics.status()).isEqualTo(403);
        assertThat(metrics.json().get("message").asText())
                .contains(OpsGroups.METRICS_GROUPS.stream().sorted().toList().toString());
    }

    @Test
    @DisplayName("The APIs are stateless: no answer, granted or refused, opens an HTTP session")
    void noSession() {
        TestApi admin = TestApi.asAdmin(port);
        List<Answer> answers = List.of(admin.get("/api/clients"), admin.get("/engine-rest/task"),
                admin.get("/actuator/metrics"), TestApi.anonymous(port).get("/api/clients"),
                TestApi.as(port, NOBODY, PASSWORD).get("/api/clients"),
                admin.send(admin.request("/api/clients").header("Content-Type", "application/json")
                        .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString("{}"))));
        for (Answer a : answers) {
            assertThat(a.response().headers().allValues("Set-Cookie")).as(a.toString()).isEmpty();
        }
    }

    @Test
    @DisplayName("A browser's same-origin write passes the cross-site check and reaches the API")
    void sameOriginWriteAllowed() {
        TestApi api = TestApi.asAdmin(port);
        Answer a = api.send(api.request("/api/clients").header("Content-Type", "application/json")
                .header("Origin", "http://localhost:" + port).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(a.status()).as("the controller validated the empty client").isEqualTo(400);
        assertThat(a.json().get("problems")).isNotEmpty();
    }

    @Test
    @DisplayName("Health ignores credentials, right or wrong, and never shows details")
    void healthShowsNoDetails() {
        for (TestApi caller : List.of(TestApi.anonymous(port), TestApi.asAdmin(port),
                TestApi.as(port, GUESSED, "wrong-password"))) {
            Answer health = caller.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("UP");
            assertThat(health.json().has("components")).as(health.body()).isFalse();
            assertThat(health.json().has("details")).isFalse();
        }
    }

    @Test
    @DisplayName("Spring Boot creates no default user, and Spring Security serves no login or logout page")
    void noDefaultUserNorLoginPage() {
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
        assertThat(TestApi.anonymous(port).get("/login").status()).isEqualTo(404);
        assertThat(TestApi.anonymous(port).get("/logout").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("The webapps and the client decision pages answer without a Basic challenge (no Spring Security chain there)")
    void webappsAndDecisionPagesUntouched() {
        Answer tasklist = TestApi.anonymous(port).get("/camunda/app/tasklist/default/");
        assertThat(tasklist.status()).isEqualTo(200);
        assertThat(tasklist.response().headers().firstValue("WWW-Authenticate")).isEmpty();
        Answer decision = TestApi.anonymous(port).get("/decisions/not-a-valid-token");
        assertThat(decision.status()).isNotIn(401, 403);
        assertThat(decision.response().headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    @DisplayName("The user's id, groups and tenants are on the engine during the request only")
    void engineAuthenticationIsScopedToTheRequest() throws Exception {
        CamundaIdentityFilter filter = new CamundaIdentityFilter(identityService);
        AtomicReference<Authentication> during = new AtomicReference<>();
        SecurityContextHolder.getContext().setAuthentication(
                new CamundaIdentityAuthenticationProvider(identityService, throttle).authenticate(
                        new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
                                OPS_USER, PASSWORD)));
        try {
            filter.doFilter(new MockHttpServletRequest("GET", "/api/clients"), new MockHttpServletResponse(),
                    (request, response) -> during.set(identityService.getCurrentAuthentication()));
        } finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(during.get().getUserId()).isEqualTo(OPS_USER);
        assertThat(during.get().getGroupIds()).containsExactly(OpsGroups.OPS);
        assertThat(during.get().getTenantIds()).containsExactly(TENANT);
        assertThat(identityService.getCurrentAuthentication()).isNull();
    }
}
