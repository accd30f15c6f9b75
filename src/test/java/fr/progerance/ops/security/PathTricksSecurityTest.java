package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Authentication is decided on the path the application serves, not on the raw text of the request
 * line: path parameters, dot segments, doubled or encoded slashes, encoded letters and other case
 * never reach an API without credentials, and never reach one that the user's groups do not open.
 * Requests go out over a plain socket, byte for byte, so no client normalises them first.
 */
@OpsSpringBootTest
class PathTricksSecurityTest {

    private static final String NO_GROUP_USER = "pathtricknogroup";
    private static final String PASSWORD = "a-long-password";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identityService;

    @BeforeEach
    void userInNoGroup() {
        if (identityService.createUserQuery().userId(NO_GROUP_USER).count() == 0) {
            User u = identityService.newUser(NO_GROUP_USER);
            u.setPassword(PASSWORD);
            identityService.saveUser(u);
        }
    }

    @ParameterizedTest(name = "GET {0} without credentials answers 401 or 400")
    @DisplayName("A disguised path to a protected API never answers without credentials")
    @ValueSource(strings = {
        "/engine-rest;x=y/task",
        "/engine-rest/./task",
        "//engine-rest/task",
        "/%65ngine-rest/task",
        "/engine-rest/%74ask",
        "/api/../engine-rest/task",
        "/api/%2e%2e/engine-rest/task",
        "/decisions/../engine-rest/task",
        "/camunda/../engine-rest/task",
        "/engine-rest%2Ftask",
        "/engine-rest%2ftask",
        "/engine-rest\\task",
        "/engine-rest/task;jsessionid=0123456789ABCDEF",
        "/engine-rest/task?/actuator/health",
        "http://localhost/engine-rest/task",
        "/API/clients",
        "/Engine-Rest/task",
        "/api;/clients",
        "/%61pi/clients",
        "/%2561pi/clients",
        "/api%2Fclients",
        "/api/clients%00",
        "/actuator/health/../metrics",
        "/actuator/health/%2e%2e/metrics",
        "/actuator/health/%2E%2E/metrics",
        "/actuator/health;x=y/../metrics",
        "/actuator/health/..;/metrics",
        "/actuator/./metrics",
        "/ACTUATOR/metrics",
        "/actuator/health%2F..%2Fmetrics",
    })
    void disguisedPathsNeedCredentials(String target) {
        RawHttp.Response r = RawHttp.anonymous(port).get(target);
        assertThat(r.status()).as(r.toString()).isIn(400, 401);
    }

    @ParameterizedTest(name = "GET {0} as a user in no group answers 400 or 403")
    @DisplayName("A path that starts like the Camunda REST API or the metrics does not open /api to a user outside the API groups")
    @ValueSource(strings = {
        "/engine-rest/../api/clients",
        "/engine-rest/%2e%2e/api/clients",
        "/engine-rest;/../api/clients",
        "/engine-rest/..;/api/clients",
        "/actuator/../api/clients",
        "/actuator/health/../../api/clients",
        "/%61pi/clients",
        "/API/clients",
    })
    void disguisedPathsKeepTheGroupCheck(String target) {
        RawHttp.Response r = RawHttp.as(port, NO_GROUP_USER, PASSWORD).get(target);
        assertThat(r.status()).as(r.toString()).isIn(400, 403);
    }

    @ParameterizedTest(name = "GET {0} as the monitoring account answers 400 or 403")
    @DisplayName("The monitoring account reaches only the metrics, whatever the path looks like")
    @ValueSource(strings = {
        "/actuator/../api/clients",
        "/actuator/metrics/../../api/clients",
        "/actuator/%2e%2e/api/clients",
        "/actuator;x=y/../api/clients",
    })
    void monitoringStaysOnTheMetrics(String target) {
        RawHttp.Response r = RawHttp.as(port, "prometheus", "test-monitoring-secret").get(target);
        assertThat(r.status()).as(r.toString()).isIn(400, 403);
    }

    @Test
    @DisplayName("The same raw client reaches the APIs on plain paths with credentials (the refusals above are not the client's doing)")
    void plainPathsAnswer() {
        assertThat(RawHttp.as(port, TestApi.ADMIN, TestApi.ADMIN_PASSWORD).get("/engine-rest/task").status())
                .isEqualTo(200);
        assertThat(RawHttp.as(port, TestApi.ADMIN, TestApi.ADMIN_PASSWORD).get("/api/clients").status())
                .isEqualTo(200);
        assertThat(RawHttp.anonymous(port).get("/engine-rest/task").status()).isEqualTo(401);
        assertThat(RawHttp.anonymous(port).get("/actuator/health").status()).isEqualTo(200);
    }
}
