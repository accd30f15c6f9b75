package fr.progerance.ops.update.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.backup.BackupFixture;
import fr.progerance.ops.security.OpsGroups;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** RD-ps, R4.0-b, R4.0-c through real HTTP, with logins: GET /api/updates/classify and /api/updates/releases. */
@OpsSpringBootTest
@DisplayName("RD-ps, R4.0-c API: GET /api/updates/classify answers exactly {kind, needsQuote}; GET /api/updates/releases")
class UpdateClassificationApiTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    private TestApi ops;
    private TestApi manager;

    @BeforeEach
    void setUp() {
        ops = TestApi.as(port, BackupFixture.user(identity, "versionsops", OpsGroups.OPS), BackupFixture.PASSWORD);
        manager = TestApi.as(port, BackupFixture.user(identity, "versionsmanager", OpsGroups.MANAGERS),
                BackupFixture.PASSWORD);
    }

    private static String classify(String from, String to) {
        StringBuilder q = new StringBuilder("/api/updates/classify?");
        if (from != null) {
            q.append("from=").append(URLEncoder.encode(from, StandardCharsets.UTF_8)).append('&');
        }
        if (to != null) {
            q.append("to=").append(URLEncoder.encode(to, StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    private static List<String> fields(TestApi.Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().path("problems").forEach(p -> fields.add(p.path("field").asText()));
        return fields;
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}, needsQuote {3}")
    @CsvSource({
            "8.2.4,    9.0.0,        MAJOR, true",
            "8.1.7,    8.2.0,        MINOR, false",
            "8.2.0,    8.2.1,        PATCH, false",
            "1.7.8.11, 8.0.0,        MAJOR, true",
            "1.7.7.8,  1.7.8.0,      MINOR, false",
            "1.7.8.10, 1.7.8.11,     PATCH, false",
            "8.2.1,    8.2.0,        NONE,  false",
            "8.1.7,    8.1.7,        NONE,  false",
            "v8.1.7,   8.1.7+build2, NONE,  false",
            "9.0.0-rc.1, 9.0.0,      PATCH, false",
            "' 8.1.6 ', 8.1.7-1,     PATCH, false"
    })
    @DisplayName("RD-ps, R4.0-c: exactly {\"kind\", \"needsQuote\"}, as the issue says")
    void classify(String from, String to, String kind, boolean needsQuote) {
        TestApi.Answer answer = ops.get(classify(from, to));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode json = answer.json();
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("kind", "needsQuote");
        assertThat(json.path("kind").isTextual()).isTrue();
        assertThat(json.path("kind").asText()).isEqualTo(kind);
        assertThat(json.path("needsQuote").isBoolean()).isTrue();
        assertThat(json.path("needsQuote").booleanValue()).isEqualTo(needsQuote);
        assertThat(answer.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    @DisplayName("R4.0-c: managers may ask too (a read-only API)")
    void managers() {
        TestApi.Answer answer = manager.get(classify("1.7.8.11", "9.0.3"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("kind").asText()).isEqualTo("MAJOR");
        assertThat(answer.json().path("needsQuote").booleanValue()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> 400 naming {3}")
    @CsvSource(nullValues = "NULL", value = {
            "from missing,              NULL,         8.2.0,      from",
            "to missing,                8.1.7,        NULL,       to",
            "from blank,                '',           8.2.0,      from",
            "from garbage,              abc,          8.2.0,      from",
            "to garbage,                8.1.7,        abc,        to",
            "from one number,           8,            8.2.0,      from",
            "to with an empty part,     8.1.7,        8..1,       to",
            "from with six numbers,     1.7.8.11.2.3, 8.2.0,      from",
            "from negative,             -1.2,         8.2.0,      from",
            "to a PrestaShop 5,         8.1.7,        5.0.0,      to",
            "to with a shell suffix,    8.1.7,        '8.2.0;id', to"
    })
    void badVersion(String what, String from, String to, String field) {
        TestApi.Answer answer = ops.get(classify(from, to));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(fields(answer)).as(answer.toString()).containsExactly(field);
        assertThat(answer.json().path("problems").get(0).path("message").asText()).isNotBlank();
    }

    @Test
    @DisplayName("both bad versions are named at once, with what is wrong")
    void bothAtOnce() {
        TestApi.Answer answer = ops.get("/api/updates/classify");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("from", "to");
        assertThat(answer.json().path("problems").get(0).path("message").asText())
                .isEqualTo("is required, e.g. 8.1.7 or 1.7.8.11");

        TestApi.Answer garbage = ops.get(classify("8", "1.7.8.11.2.3"));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().path("problems").get(0).path("message").asText())
                .isEqualTo("'8' is not a PrestaShop version: it needs at least a major and a minor number, e.g. 8.1.7 or 1.7.8.11");
        assertThat(garbage.json().path("problems").get(1).path("message").asText())
                .isEqualTo("'1.7.8.11.2.3' is not a PrestaShop version: it has 6 numbers, at most 4 (1.7.8.11)");
    }

    @Test
    @DisplayName("a 300-character version answers a short 400 quoting only its start")
    void hugeVersion() {
        TestApi.Answer answer = ops.get(classify("8.1.7-" + "x".repeat(294), "8.2.0"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("from");
        assertThat(answer.body()).hasSizeLessThan(600).doesNotContain("x".repeat(41));
    }

    @Test
    @DisplayName("authenticated like every API: anonymous 401, a monitoring login 403")
    void authentication() {
        assertThat(TestApi.anonymous(port).get(classify("8.1.7", "8.2.0")).status()).isEqualTo(401);
        String monitoring = BackupFixture.user(identity, "versionsmonitoring", OpsGroups.MONITORING);
        assertThat(TestApi.as(port, monitoring, BackupFixture.PASSWORD).get(classify("8.1.7", "8.2.0")).status())
                .isEqualTo(403);
        assertThat(TestApi.as(port, "versionsnobody", "wrong password").get(classify("8.1.7", "8.2.0")).status())
                .isEqualTo(401);
    }

    @Test
    @DisplayName("RD-ps: GET /api/updates/releases lists the catalogue in version order, each release with its source")
    void releases() {
        TestApi.Answer answer = manager.get("/api/updates/releases");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode rows = answer.json();
        assertThat(rows.size()).isEqualTo(37);
        assertThat(rows.get(0).path("version").asText()).isEqualTo("1.7.8.0");
        JsonNode last = rows.get(rows.size() - 1);
        assertThat(last.path("version").asText()).isEqualTo("9.0.3");
        assertThat(last.path("publishedOn").asText()).isEqualTo("2026-02-03");
        assertThat(last.path("security").booleanValue()).isTrue();
        assertThat(last.path("source").asText()).startsWith("https://").contains("GHSA-67v7-3g49-mxh2");
        List<String> names = new ArrayList<>();
        last.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("version", "publishedOn", "security", "source");
        assertThat(TestApi.anonymous(port).get("/api/updates/releases").status()).isEqualTo(401);
    }
}
