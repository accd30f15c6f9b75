package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The webapps keep their session login and CSRF protection; the first-user setup is closed
 * because an administrator exists; Tasklist answers after login.
 */
@OpsSpringBootTest
class WebappSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identityService;

    private HttpClient browser;
    private String xsrfToken;

    @BeforeEach
    void openSession() throws Exception {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> page = browser.send(get("/camunda/app/tasklist/default/"), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        xsrfToken = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    }

    @Test
    @DisplayName("The first-user setup refuses: an administrator already exists")
    void setupIsClosed() throws Exception {
        String body = "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@n.example\"},"
                + "\"credentials\":{\"password\":\"intruder-password\"}}";
        HttpResponse<String> r = browser.send(post("/camunda/api/admin/setup/default/user/create",
                "application/json", body).header("X-XSRF-TOKEN", xsrfToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("Setup action not available");
        assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
    }

    @Test
    @DisplayName("The webapps keep their CSRF protection: a login without the token is refused")
    void csrfProtectionKept() throws Exception {
        HttpResponse<String> r = browser.send(login("tasklist", TestApi.ADMIN, TestApi.ADMIN_PASSWORD).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
    }

    @Test
    @DisplayName("Tasklist answers after login: the session reads the engine through the webapp API")
    void tasklistAfterLogin() throws Exception {
        HttpResponse<String> r = browser.send(login("tasklist", TestApi.ADMIN, TestApi.ADMIN_PASSWORD)
                .header("X-XSRF-TOKEN", xsrfToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode user = JSON.readTree(r.body());
        assertThat(user.get("userId").asText()).isEqualTo(TestApi.ADMIN);
        assertThat(user.get("authorizedApps").toString()).contains("tasklist");

        HttpResponse<String> filters = browser.send(get("/camunda/api/engine/engine/default/filter?resourceType=Task"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(filters.statusCode()).isEqualTo(200);
        assertThat(filters.body()).contains(IdentityBootstrap.FILTER_GROUP_TASKS);
    }

    @Test
    @DisplayName("A user in no group cannot log in to Tasklist")
    void tasklistNeedsAGroup() throws Exception {
        if (identityService.createUserQuery().userId("outsider").count() == 0) {
            User u = identityService.newUser("outsider");
            u.setPassword("no-group-passphrase");
            identityService.saveUser(u);
        }
        HttpResponse<String> r = browser.send(login("tasklist", "outsider", "no-group-passphrase")
                .header("X-XSRF-TOKEN", xsrfToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
    }

    private HttpRequest.Builder post(String path, String contentType, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder login(String app, String user, String password) {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return post("/camunda/api/admin/auth/user/default/login/" + app, "application/x-www-form-urlencoded", form);
    }
}
