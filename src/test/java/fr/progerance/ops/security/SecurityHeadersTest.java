package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestApi.Answer;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 7, section 7: every kind of answer carries {@code X-Content-Type-Options: nosniff} and
 * {@code X-Frame-Options: DENY}, the webapps keep their CSP, and HSTS never goes out over plain HTTP,
 * whatever {@code X-Forwarded-Proto} a client claims while no proxy is configured
 * ({@link HstsBehindProxyTest} shows it behind one).
 */
@OpsSpringBootTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} {1} ({2})")
    @DisplayName("Issue 7: nosniff and frame DENY on the APIs, the webapps, their static assets, the decision pages and errors; no HSTS over HTTP")
    @CsvSource({
        "admin,     /api/clients,                                        200",
        "anonymous, /api/clients,                                        401",
        "admin,     /engine-rest/task,                                   200",
        "anonymous, /engine-rest/task,                                   401",
        "admin,     /engine-rest/task?dueAfterExpression=x,              400",
        "anonymous, /actuator/health,                                    200",
        "anonymous, /camunda/app/tasklist/default/,                      200",
        "anonymous, /camunda/app/tasklist/camunda-tasklist-bootstrap.js, 200",
        "anonymous, /camunda/lib/deps.js,                                200",
        "anonymous, /camunda/assets/tasklist.svg,                        200",
        "anonymous, /camunda/api/engine/engine/,                         200",
        "anonymous, /camunda/api/admin/auth/user/default,                404",
        "anonymous, /decisions/not-a-valid-token,                        400",
        "anonymous, /no-such-page,                                       404",
    })
    void headersOnEveryKindOfPath(String caller, String path, int status) {
        TestApi api = caller.equals("admin") ? TestApi.asAdmin(port) : TestApi.anonymous(port);
        Answer a = api.get(path);
        assertThat(a.status()).as(path + ": " + a.body()).isEqualTo(status);
        HttpHeaders headers = a.response().headers();
        assertThat(headers.allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
        assertThat(headers.allValues("X-Frame-Options")).as(path).containsExactly("DENY");
        assertThat(headers.firstValue("Strict-Transport-Security")).as(path).isEmpty();
    }

    @Test
    @DisplayName("Issue 7: the webapps keep Camunda's CSP (frame-ancestors 'none') besides X-Frame-Options DENY")
    void webappsKeepTheirCsp() {
        HttpResponse<String> page = TestApi.anonymous(port).get("/camunda/app/cockpit/default/").response();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        assertThat(page.headers().allValues("X-Frame-Options")).containsExactly("DENY");
    }

    @Test
    @DisplayName("Issue 7: without a configured proxy (server.forward-headers-strategy unset) a client's "
            + "X-Forwarded-Proto: https does not bring HSTS over plain HTTP")
    void forwardedProtoIgnoredWithoutProxySetting() {
        for (String path : new String[] {"/api/clients", "/engine-rest/task", "/camunda/app/tasklist/default/"}) {
            TestApi api = TestApi.asAdmin(port);
            Answer a = api.send(api.request(path).header("X-Forwarded-Proto", "https").GET());
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.response().headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
        }
    }
}
