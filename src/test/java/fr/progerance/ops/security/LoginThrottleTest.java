package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestApi.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 7, section 2: failed logins are throttled per source address, whatever the way in, and
 * nobody can lock someone else's account. Every attempt is real HTTP from its own loopback address
 * (127.0.0.2, 127.0.0.3...: another machine, as far as the server can tell); 127.0.0.3 plays the
 * trusted reverse proxy (application-test.yaml). The defaults apply: 10 failures per address in
 * 15 minutes lock it out for 15 minutes; 20 per account guard the account.
 */
@OpsSpringBootTest
class LoginThrottleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARC = "throttlemarc";
    private static final String MARC_PASSWORD = "marc-correct-horse-staple";
    private static final String OPS_USER = "throttleops";
    private static final String OPS_PASSWORD = "ops-throttle-passphrase";
    private static final String PROXY = "127.0.0.3";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identityService;

    @Autowired
    LoginThrottle throttle;

    @Autowired
    MovableClock clock;

    @BeforeEach
    void usersAndCleanSlate() {
        user(MARC, MARC_PASSWORD, OpsGroups.MANAGERS);
        user(OPS_USER, OPS_PASSWORD, OpsGroups.OPS);
        throttle.liftAll();
    }

    @AfterEach
    void reset() {
        clock.reset();
        throttle.liftAll();
    }

    @Test
    @DisplayName("Issue 7: twelve wrong Basic attempts for an account lock out the attacking address, not the account: its owner logs in from elsewhere")
    void twelveWrongAttemptsLockTheAddressNotTheAccount() {
        List<Integer> statuses = new ArrayList<>();
        SourceHttp.Response eleventh = null;
        for (int i = 1; i <= 12; i++) {
            SourceHttp.Response r = SourceHttp.from("127.0.0.2", port).basic(MARC, "wrong-guess-" + i).get("/api/clients");
            statuses.add(r.status());
            if (i == 11) {
                eleventh = r;
            }
        }
        assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 429, 429);
        assertThat(eleventh.header("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(1L, 900L));
        assertThat(eleventh.header("WWW-Authenticate")).isEmpty();
        JsonNode body = json(eleventh.body());
        assertThat(body.get("status").asInt()).isEqualTo(429);
        assertThat(body.get("message").asText()).contains("Too many failed logins from this address");

        // The owner, from any other address: APIs and the webapps' login.
        assertThat(TestApi.as(port, MARC, MARC_PASSWORD).get("/api/clients").status()).isEqualTo(200);
        assertThat(SourceHttp.from("127.0.0.20", port).basic(MARC, MARC_PASSWORD).get("/engine-rest/task").status())
                .isEqualTo(200);
        assertThat(webappLogin("127.0.0.21", "tasklist", MARC, MARC_PASSWORD).status()).isEqualTo(200);

        // The attacking address is refused without its password being checked, even the right one.
        SourceHttp.Response right = SourceHttp.from("127.0.0.2", port).basic(MARC, MARC_PASSWORD).get("/api/clients");
        assertThat(right.status()).isEqualTo(429);
        assertThat(SourceHttp.from("127.0.0.2", port).basic(TestApi.ADMIN, TestApi.ADMIN_PASSWORD)
                .get("/engine-rest/task").status()).as("every account, from that address").isEqualTo(429);
    }

    @Test
    @DisplayName("A lockout ends when its time has passed (15 minutes on the clock)")
    void lockoutExpires() {
        clock.set(Instant.parse("2026-03-02T09:00:00Z"));
        failBasic("127.0.0.4", MARC, 10);
        SourceHttp.Response refused = SourceHttp.from("127.0.0.4", port).basic(MARC, MARC_PASSWORD).get("/api/clients");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).hasValue("900");

        clock.advance(Duration.ofMinutes(14));
        SourceHttp.Response stillRefused = SourceHttp.from("127.0.0.4", port).basic(MARC, MARC_PASSWORD).get("/api/clients");
        assertThat(stillRefused.status()).isEqualTo(429);
        assertThat(stillRefused.header("Retry-After")).hasValue("60");

        clock.advance(Duration.ofMinutes(1));
        assertThat(SourceHttp.from("127.0.0.4", port).basic(MARC, MARC_PASSWORD).get("/api/clients").status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("Failures age out of the window: nine, then nine more 15 minutes later, lock nothing")
    void failuresAgeOut() {
        clock.set(Instant.parse("2026-03-02T09:00:00Z"));
        failBasic("127.0.0.9", MARC, 9);
        clock.advance(Duration.ofMinutes(15));
        failBasic("127.0.0.9", MARC, 9);
        assertThat(SourceHttp.from("127.0.0.9", port).basic(MARC, MARC_PASSWORD).get("/api/clients").status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("The webapps' login is throttled too: 401 ten times, then 429 with Retry-After; the administrator still logs in from elsewhere")
    void webappLoginThrottled() {
        List<Integer> statuses = new ArrayList<>();
        SourceHttp.Response last = null;
        for (int i = 1; i <= 11; i++) {
            last = webappLogin("127.0.0.5", "tasklist", TestApi.ADMIN, "wrong-guess-" + i);
            statuses.add(last.status());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.get(10)).isEqualTo(429);
        assertThat(last.header("Retry-After")).isPresent();
        assertThat(webappLogin("127.0.0.5", "tasklist", TestApi.ADMIN, TestApi.ADMIN_PASSWORD).status())
                .as("the right password from the locked-out address").isEqualTo(429);
        assertThat(SourceHttp.from("127.0.0.5", port).basic(TestApi.ADMIN, TestApi.ADMIN_PASSWORD)
                .get("/api/clients").status()).as("the same address on the APIs").isEqualTo(429);

        assertThat(webappLogin("127.0.0.22", "tasklist", TestApi.ADMIN, TestApi.ADMIN_PASSWORD).status()).isEqualTo(200);
        assertThat(TestApi.asAdmin(port).get("/api/clients").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Camunda's password verification (/engine-rest/identity/verify) counts too: guessing through it locks the address out")
    void identityVerifyCounts() {
        SourceHttp admin = SourceHttp.from("127.0.0.8", port).basic(TestApi.ADMIN, TestApi.ADMIN_PASSWORD);
        for (int i = 1; i <= 10; i++) {
            SourceHttp.Response r = admin.post("/engine-rest/identity/verify", "application/json",
                    "{\"username\":\"" + MARC + "\",\"password\":\"wrong-guess-" + i + "\"}");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(json(r.body()).get("authenticated").asBoolean()).isFalse();
        }
        SourceHttp.Response refused = admin.post("/engine-rest/identity/verify", "application/json",
                "{\"username\":\"" + MARC + "\",\"password\":\"" + MARC_PASSWORD + "\"}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(TestApi.as(port, MARC, MARC_PASSWORD).get("/api/clients").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Administrators list the lockouts with until when and lift them; anyone else gets 403")
    void administratorsListAndLift() {
        failBasic("127.0.0.6", MARC, 10);
        assertThat(SourceHttp.from("127.0.0.6", port).basic(MARC, MARC_PASSWORD).get("/api/clients").status())
                .isEqualTo(429);

        Answer list = TestApi.asAdmin(port).get("/api/security/lockouts");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        JsonNode locked = address(list.json(), "127.0.0.6");
        assertThat(locked).as(list.body()).isNotNull();
        assertThat(locked.get("lockedUntil").asText()).isNotBlank();
        assertThat(Instant.from(OffsetDateTime.parse(locked.get("lockedUntil").asText())))
                .isAfter(Instant.now().plus(Duration.ofMinutes(14)));
        assertThat(locked.get("retryAfterSeconds").asLong()).isBetween(1L, 900L);
        assertThat(list.json().get("rules").get("maxFailuresPerAddress").asInt()).isEqualTo(10);

        TestApi ops = TestApi.as(port, OPS_USER, OPS_PASSWORD);
        Answer opsList = ops.get("/api/security/lockouts");
        assertThat(opsList.status()).isEqualTo(403);
        assertThat(opsList.json().get("message").asText()).contains("[" + OpsGroups.ADMIN + "]");
        Answer manager = TestApi.as(port, MARC, MARC_PASSWORD).get("/api/security/lockouts");
        assertThat(manager.status()).isEqualTo(403);
        Answer opsLift = ops.send(ops.request("/api/security/lockouts/127.0.0.6").DELETE());
        assertThat(opsLift.status()).isEqualTo(403);
        assertThat(SourceHttp.from("127.0.0.6", port).basic(MARC, MARC_PASSWORD).get("/api/clients").status())
                .as("still locked out").isEqualTo(429);

        TestApi admin = TestApi.asAdmin(port);
        assertThat(admin.send(admin.request("/api/security/lockouts/127.0.0.6").DELETE()).status()).isEqualTo(204);
        assertThat(SourceHttp.from("127.0.0.6", port).basic(MARC, MARC_PASSWORD).get("/api/clients").status())
                .isEqualTo(200);
        assertThat(address(admin.get("/api/security/lockouts").json(), "127.0.0.6")).isNull();
        Answer again = admin.send(admin.request("/api/security/lockouts/127.0.0.6").DELETE());
        assertThat(again.status()).isEqualTo(404);
        Answer bad = admin.send(admin.request("/api/security/lockouts/not-an-address").DELETE());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("problems").get(0).get("field").asText()).isEqualTo("address");
        assertThat(admin.send(admin.request("/api/security/lockouts/2001:db8:1:2::7").DELETE()).status())
                .as("an IPv6 address is understood (its /64 is not locked out)").isEqualTo(404);
    }

    @Test
    @DisplayName("X-Forwarded-For counts only from the trusted proxy: anyone else is judged by the socket's address")
    void forwardedForOnlyFromTheTrustedProxy() {
        for (int i = 1; i <= 10; i++) {
            SourceHttp.from("127.0.0.7", port).header("X-Forwarded-For", "198.51.100.7").basic(MARC, "wrong-" + i)
                    .get("/api/clients");
            SourceHttp.from(PROXY, port).header("X-Forwarded-For", "203.0.113.8").basic(MARC, "wrong-" + i)
                    .get("/api/clients");
        }
        JsonNode lockouts = TestApi.asAdmin(port).get("/api/security/lockouts").json();
        assertThat(address(lockouts, "127.0.0.7")).as("the spoofing peer itself").isNotNull();
        assertThat(address(lockouts, "198.51.100.7")).as("a spoofed address").isNull();
        assertThat(address(lockouts, "203.0.113.8")).as("the client the proxy names").isNotNull();
        assertThat(address(lockouts, PROXY)).as("the proxy itself").isNull();

        assertThat(SourceHttp.from(PROXY, port).header("X-Forwarded-For", "203.0.113.8").basic(MARC, MARC_PASSWORD)
                .get("/api/clients").status()).isEqualTo(429);
        assertThat(SourceHttp.from(PROXY, port).header("X-Forwarded-For", "203.0.113.9").basic(MARC, MARC_PASSWORD)
                .get("/api/clients").status()).as("another client behind the same proxy").isEqualTo(200);
        assertThat(SourceHttp.from("127.0.0.7", port).header("X-Forwarded-For", "203.0.113.10")
                .basic(MARC, MARC_PASSWORD).get("/api/clients").status())
                .as("a forwarded-for header does not get the locked-out peer out").isEqualTo(429);
    }

    @Test
    @DisplayName("A guess spread over many addresses guards the account: those addresses may no longer try it, a clean address still logs in")
    void distributedGuessGuardsTheAccount() {
        for (int i = 1; i <= 20; i++) {
            SourceHttp.Response r = SourceHttp.from("127.0.1." + i, port).basic(MARC, "wrong-" + i).get("/api/clients");
            assertThat(r.status()).isEqualTo(401);
        }
        JsonNode lockouts = TestApi.asAdmin(port).get("/api/security/lockouts").json();
        JsonNode guarded = account(lockouts, MARC);
        assertThat(guarded).as(lockouts.toString()).isNotNull();
        assertThat(guarded.get("guardedUntil").asText()).isNotBlank();
        assertThat(lockouts.get("addresses")).as("no address failed ten times").isEmpty();

        SourceHttp.Response dirty = SourceHttp.from("127.0.1.1", port).basic(MARC, MARC_PASSWORD).get("/api/clients");
        assertThat(dirty.status()).isEqualTo(429);
        assertThat(dirty.header("Retry-After")).isPresent();
        assertThat(json(dirty.body()).get("message").asText()).contains("for this account");
        assertThat(SourceHttp.from("127.0.1.2", port).basic(OPS_USER, OPS_PASSWORD).get("/api/clients").status())
                .as("other accounts from those addresses").isEqualTo(200);
        assertThat(TestApi.as(port, MARC, MARC_PASSWORD).get("/api/clients").status())
                .as("the owner from a clean address").isEqualTo(200);
        assertThat(SourceHttp.from("127.0.1.99", port).basic(MARC, MARC_PASSWORD).get("/api/clients").status())
                .isEqualTo(200);

        TestApi admin = TestApi.asAdmin(port);
        assertThat(admin.send(admin.request("/api/security/lockouts/accounts/" + MARC).DELETE()).status()).isEqualTo(204);
        assertThat(SourceHttp.from("127.0.1.1", port).basic(MARC, MARC_PASSWORD).get("/api/clients").status())
                .isEqualTo(200);
        assertThat(admin.send(admin.request("/api/security/lockouts/accounts/" + MARC).DELETE()).status()).isEqualTo(404);
    }

    private void failBasic(String source, String user, int times) {
        for (int i = 1; i <= times; i++) {
            SourceHttp.Response r = SourceHttp.from(source, port).basic(user, "wrong-guess-" + i).get("/api/clients");
            assertThat(r.status()).as("failure %d from %s", i, source).isEqualTo(401);
        }
    }

    /** Camunda's webapp login from {@code source}: a session and its CSRF token first, as a browser. */
    private SourceHttp.Response webappLogin(String source, String app, String user, String password) {
        SourceHttp.Response page = SourceHttp.from(source, port).get("/camunda/app/" + app + "/default/");
        assertThat(page.status()).isEqualTo(200);
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return SourceHttp.from(source, port).header("Cookie", page.cookies())
                .header("X-XSRF-TOKEN", page.header("X-XSRF-TOKEN").orElseThrow())
                .post("/camunda/api/admin/auth/user/default/login/" + app, "application/x-www-form-urlencoded", form);
    }

    private static JsonNode address(JsonNode lockouts, String address) {
        for (JsonNode a : lockouts.get("addresses")) {
            if (a.get("address").asText().equals(address)) {
                return a;
            }
        }
        return null;
    }

    private static JsonNode account(JsonNode lockouts, String userId) {
        for (JsonNode a : lockouts.get("accounts")) {
            if (a.get("userId").asText().equals(userId)) {
                return a;
            }
        }
        return null;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }

    private void user(String id, String password, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User u = identityService.newUser(id);
            u.setPassword(password);
            identityService.saveUser(u);
            identityService.createMembership(id, group);
        }
    }
}
