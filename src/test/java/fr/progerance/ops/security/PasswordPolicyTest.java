package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestApi.Answer;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 7, section 2: every password set through the engine matches the password policy (at least
 * 12 characters, not the user id nor containing it, not a commonly used password), through the
 * engine's REST API, the webapps' API and the Java API; a refusal is a 400 that names the rules.
 */
@OpsSpringBootTest
class PasswordPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "policyalice";
    private static final String GOOD = "Correct horse battery staple";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identityService;

    @Autowired
    ProcessEngine engine;

    @Autowired
    LoginThrottle throttle;

    @BeforeEach
    void user() {
        if (identityService.createUserQuery().userId(USER).count() == 0) {
            User u = identityService.newUser(USER);
            u.setFirstName("Alice");
            u.setLastName("Policy");
            u.setPassword("alice-first-passphrase");
            identityService.saveUser(u);
        }
    }

    @AfterEach
    void forgetFailures() {
        throttle.liftAll();
    }

    @Test
    @DisplayName("Issue 7: PUT /engine-rest/user/alice/credentials with 'x' answers 400 naming the policy")
    void credentialsX() {
        Answer a = setPassword(USER, "x");
        assertThat(a.status()).as(a.toString()).isEqualTo(400);
        assertThat(a.json().get("type").asText()).isEqualTo("BadUserRequestException");
        assertThat(a.json().get("message").asText()).contains("password policy").contains("at least 12 characters")
                .contains("commonly used");
        assertThat(TestApi.as(port, USER, "x").get("/engine-rest/task").status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0} -> 400 ({1})")
    @DisplayName("Each rule refuses through /engine-rest/user/{id}/credentials, naming what it asks")
    @CsvSource(delimiter = '|', value = {
        "short-pass1        | at least 12 characters",
        "policyalice        | not the user id",
        "policyalice-2026!  | not the user id",
        "my-POLICYALICE-pw  | not the user id",
        "motdepasse2026     | commonly used",
        "Azertyuiop123!     | commonly used",
        "password1234       | commonly used",
        "123456789012       | commonly used",
        "aaaabbbbaaaabbbb   | commonly used",
    })
    void eachRuleRefuses(String password, String named) {
        Answer a = setPassword(USER, password);
        assertThat(a.status()).as(a.toString()).isEqualTo(400);
        assertThat(a.json().get("message").asText()).contains(named);
        assertThat(TestApi.as(port, USER, password).get("/engine-rest/task").status())
                .as("the refused password was not saved").isEqualTo(401);
    }

    @Test
    @DisplayName("A good password is accepted through /engine-rest/user/{id}/credentials and logs in")
    void goodPasswordAccepted() {
        Answer a = setPassword(USER, GOOD);
        assertThat(a.status()).as(a.toString()).isEqualTo(204);
        assertThat(TestApi.as(port, USER, GOOD).get("/engine-rest/task").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Creating a user through /engine-rest/user/create: a weak password is refused (400, nothing created), a good one accepted")
    void userCreation() {
        Answer weak = TestApi.asAdmin(port).post("/engine-rest/user/create", Map.of(
                "profile", Map.of("id", "policybob", "firstName", "Bob", "lastName", "Policy", "email", "bob@example.org"),
                "credentials", Map.of("password", "bob")));
        assertThat(weak.status()).as(weak.toString()).isEqualTo(400);
        assertThat(weak.json().get("message").asText()).contains("at least 12 characters");
        assertThat(identityService.createUserQuery().userId("policybob").count()).isZero();

        Answer good = TestApi.asAdmin(port).post("/engine-rest/user/create", Map.of(
                "profile", Map.of("id", "policycarol", "firstName", "Carol", "lastName", "Policy",
                        "email", "carol@example.org"),
                "credentials", Map.of("password", "Carol's own long passphrase")));
        assertThat(good.status()).as(good.toString()).isEqualTo(204);
        assertThat(TestApi.as(port, "policycarol", "Carol's own long passphrase").get("/engine-rest/task").status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("The webapps' API (Admin) applies the same policy: 400 naming it")
    void adminWebappApi() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(url("/camunda/app/admin/default/")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        String xsrf = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(url("/camunda/api/admin/auth/user/default/login/admin"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + TestApi.ADMIN + "&password=" + TestApi.ADMIN_PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        // The login starts a new session, with its own CSRF token.
        xsrf = browser.send(HttpRequest.newBuilder(url("/camunda/app/admin/default/")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        String body = JSON.writeValueAsString(Map.of("password", "x", "authenticatedUserPassword", TestApi.ADMIN_PASSWORD));
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(
                        url("/camunda/api/engine/engine/default/user/" + USER + "/credentials"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-XSRF-TOKEN", xsrf).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("message").asText()).contains("at least 12 characters");
    }

    @Test
    @DisplayName("The Admin webapp's live check (/identity/password-policy) shows the three rules and judges a password")
    void policyIsPublished() {
        Answer policy = TestApi.asAdmin(port).get("/engine-rest/identity/password-policy");
        assertThat(policy.status()).isEqualTo(200);
        List<String> placeholders = policy.json().get("rules").findValuesAsText("placeholder");
        assertThat(placeholders).containsExactly("PASSWORD_POLICY_LENGTH", "PASSWORD_POLICY_USER_DATA",
                "PASSWORD_POLICY_NOT_COMMON");
        assertThat(policy.json().get("rules").get(0).get("parameter").get("minLength").asText()).isEqualTo("12");

        Answer check = TestApi.asAdmin(port).post("/engine-rest/identity/password-policy",
                Map.of("password", "policyalice", "profile", Map.of("id", USER)));
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().get("valid").asBoolean()).isFalse();
        Map<String, Boolean> judged = new java.util.TreeMap<>();
        check.json().get("rules").forEach(r -> judged.put(r.get("placeholder").asText(), r.get("valid").asBoolean()));
        assertThat(judged).containsExactlyInAnyOrderEntriesOf(Map.of("PASSWORD_POLICY_LENGTH", false,
                "PASSWORD_POLICY_USER_DATA", false, "PASSWORD_POLICY_NOT_COMMON", true));
        Answer good = TestApi.asAdmin(port).post("/engine-rest/identity/password-policy",
                Map.of("password", GOOD, "profile", Map.of("id", USER)));
        assertThat(good.json().get("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("The Java API refuses too (BadUserRequestException); only the demo's documented logins are set without the policy")
    void javaApiAndDemoLogins() {
        User u = identityService.newUser("policydave");
        u.setPassword("dave");
        assertThatThrownBy(() -> identityService.saveUser(u)).isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("at least 12 characters");
        assertThat(identityService.createUserQuery().userId("policydave").count()).isZero();

        IdentityBootstrap bootstrap = new IdentityBootstrap(engine);
        assertThatThrownBy(() -> bootstrap.ensureUser("policyerin", "erin", "Erin", "Policy", null, List.of()))
                .isInstanceOf(BadUserRequestException.class);
        bootstrap.ensureDemoUser("policydemo", "policydemo", "Demo", "Policy", null, List.of());
        assertThat(identityService.checkPassword("policydemo", "policydemo")).isTrue();
    }

    private Answer setPassword(String userId, String password) {
        return TestApi.asAdmin(port).put("/engine-rest/user/" + userId + "/credentials",
                Map.of("password", password, "authenticatedUserPassword", TestApi.ADMIN_PASSWORD));
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
