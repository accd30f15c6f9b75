package fr.progerance.ops.billing.charges;

import static fr.progerance.ops.contract.RegisterApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.backup.BackupFixture;
import fr.progerance.ops.security.OpsGroups;
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

/** R7.5 through real HTTP: the late-charges computation and the legal-rate table. */
@OpsSpringBootTest
@DisplayName("R7.5 API: GET /api/billing/late-charges, GET and PUT /api/billing/legal-rates")
class LateChargesApiTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    private TestApi ops;
    private TestApi manager;

    @BeforeEach
    void setUp() {
        ops = TestApi.as(port, BackupFixture.user(identity, "chargesops", OpsGroups.OPS), BackupFixture.PASSWORD);
        manager = TestApi.as(port, BackupFixture.user(identity, "chargesmanager", OpsGroups.MANAGERS),
                BackupFixture.PASSWORD);
    }

    private static List<String> fields(TestApi.Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().path("problems").forEach(p -> fields.add(p.path("field").asText()));
        return fields;
    }

    private static String query(String amount, String issuedOn, String paidOn) {
        StringBuilder q = new StringBuilder("/api/billing/late-charges?");
        if (amount != null) {
            q.append("amount=").append(java.net.URLEncoder.encode(amount, java.nio.charset.StandardCharsets.UTF_8)).append('&');
        }
        if (issuedOn != null) {
            q.append("issuedOn=").append(java.net.URLEncoder.encode(issuedOn, java.nio.charset.StandardCharsets.UTF_8)).append('&');
        }
        if (paidOn != null) {
            q.append("paidOn=").append(java.net.URLEncoder.encode(paidOn, java.nio.charset.StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    @Test
    @DisplayName("R7.5: exactly {dueDate, daysLate, interest, recoveryFee, total}, amounts as strings with two decimals")
    void lateCharges() {
        // Due 16 June 2024; 14 days at 5.07 (2024-S1) and 16 at 4.92 (2024-S2): 6.15 + 40.00.
        TestApi.Answer answer = ops.get(query("1000", "2024-06-01", "2024-07-16"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode json = answer.json();
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("dueDate", "daysLate", "interest", "recoveryFee", "total");
        assertThat(json.path("dueDate").textValue()).isEqualTo("2024-06-16");
        assertThat(json.path("daysLate").isIntegralNumber()).isTrue();
        assertThat(json.path("daysLate").asLong()).isEqualTo(30);
        assertThat(json.path("interest").textValue()).isEqualTo("6.15");
        assertThat(json.path("recoveryFee").textValue()).isEqualTo("40.00");
        assertThat(json.path("total").textValue()).isEqualTo("46.15");
    }

    @Test
    @DisplayName("R7.5: paid on the due date: zeros as \"0.00\"; managers may compute too")
    void onTime() {
        TestApi.Answer answer = manager.get(query("1200.50", "2025-03-01", "2025-03-16"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("daysLate").asLong()).isZero();
        assertThat(answer.json().path("interest").textValue()).isEqualTo("0.00");
        assertThat(answer.json().path("recoveryFee").textValue()).isEqualTo("0.00");
        assertThat(answer.json().path("total").textValue()).isEqualTo("0.00");
    }

    @ParameterizedTest(name = "{0} -> 400 naming {4}")
    @CsvSource(nullValues = "NULL", value = {
            "amount missing,          NULL,      2025-01-01, 2025-02-01, amount",
            "amount unparsable,       12a,       2025-01-01, 2025-02-01, amount",
            "amount with a comma,     '12,50',   2025-01-01, 2025-02-01, amount",
            "amount in exponent,      1e3,       2025-01-01, 2025-02-01, amount",
            "amount negative,         -1.00,     2025-01-01, 2025-02-01, amount",
            "amount with 3 decimals,  1.005,     2025-01-01, 2025-02-01, amount",
            "amount absurd,           99999999999999, 2025-01-01, 2025-02-01, amount",
            "issuedOn missing,        100,       NULL,       2025-02-01, issuedOn",
            "issuedOn unparsable,     100,       01/01/2025, 2025-02-01, issuedOn",
            "issuedOn not a day,      100,       2025-02-30, 2025-03-01, issuedOn",
            "issuedOn absurd,         100,       +999999999-12-31, 2025-02-01, issuedOn",
            "issuedOn before 2000,    100,       1999-12-31, 2025-02-01, issuedOn",
            "paidOn missing,          100,       2025-01-01, NULL,       paidOn",
            "paidOn blank,            100,       2025-01-01, '',         paidOn",
            "paidOn after 2199,       100,       2025-01-01, 2200-01-01, paidOn",
            "paidOn before issuedOn,  100,       2025-01-02, 2025-01-01, paidOn"
    })
    void badInput(String what, String amount, String issuedOn, String paidOn, String field) {
        TestApi.Answer answer = ops.get(query(amount, issuedOn, paidOn));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(fields(answer)).as(answer.toString()).containsExactly(field);
    }

    @Test
    @DisplayName("R7.5: every bad parameter is named at once")
    void allProblemsAtOnce() {
        TestApi.Answer answer = ops.get("/api/billing/late-charges");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactlyInAnyOrder("amount", "issuedOn", "paidOn");
    }

    @Test
    @DisplayName("R7.5: a late day in a semester without rate answers 409 naming the semester; entering it lets the computation go on")
    void missingRateThenEntered() {
        TestApi.Answer missing = ops.get(query("1000.00", "2192-06-20", "2192-07-06"));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(409);
        assertThat(fields(missing)).containsExactly("semester");
        assertThat(missing.json().path("problems").get(0).path("message").asText()).startsWith("2192-S2 ");
        assertThat(missing.json().path("message").asText()).contains("2192-S2");

        // Ops may not enter a rate; managers may, once.
        TestApi.Answer refused = ops.put("/api/billing/legal-rates/2192-S2",
                body("ratePercent", 2.76, "source", "Arrêté du test, JO du test"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        TestApi.Answer entered = manager.put("/api/billing/legal-rates/2192-S2",
                body("ratePercent", 2.76, "source", "Arrêté du test, JO du test"));
        assertThat(entered.status()).as(entered.toString()).isEqualTo(201);
        assertThat(entered.json().path("origin").asText()).isEqualTo("ENTERED");
        assertThat(entered.json().path("enteredBy").asText()).isEqualTo("chargesmanager");
        assertThat(entered.json().path("ratePercent").asText()).isEqualTo("2.76");

        // Due 5 July 2192, paid 6 July: 1000 x 1.5 x 2.76 / 36500 = 0.113... -> 0.11.
        TestApi.Answer computed = ops.get(query("1000.00", "2192-06-20", "2192-07-06"));
        assertThat(computed.status()).as(computed.toString()).isEqualTo(200);
        assertThat(computed.json().path("interest").textValue()).isEqualTo("0.11");

        TestApi.Answer again = manager.put("/api/billing/legal-rates/2192-S2",
                body("ratePercent", 3, "source", "Un autre arrêté"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(fields(again)).containsExactly("semester");
    }

    @Test
    @DisplayName("R7.5: the table lists every semester with its source and origin; a file row cannot be overwritten")
    void table() {
        TestApi.Answer table = ops.get("/api/billing/legal-rates");
        assertThat(table.status()).as(table.toString()).isEqualTo(200);
        JsonNode first = table.json().get(0);
        assertThat(first.path("semester").asText()).isEqualTo("2023-S1");
        assertThat(first.path("ratePercent").asText()).isEqualTo("2.06");
        assertThat(first.path("origin").asText()).isEqualTo("FILE");
        assertThat(first.path("source").asText()).startsWith("Arrêté du 26 décembre 2022");

        TestApi.Answer overwrite = manager.put("/api/billing/legal-rates/2025-S1",
                body("ratePercent", 9, "source", "Arrêté imaginaire"));
        assertThat(overwrite.status()).as(overwrite.toString()).isEqualTo(409);
        assertThat(fields(overwrite)).containsExactly("semester");
    }

    @ParameterizedTest(name = "{0} -> 400 naming {3}")
    @CsvSource(delimiter = '|', value = {
            "not a semester   | 2193-S3 | {\"ratePercent\": 2.5, \"source\": \"Arrêté\"}   | semester",
            "a zero rate      | 2193-S1 | {\"ratePercent\": 0, \"source\": \"Arrêté\"}     | ratePercent",
            "no rate          | 2193-S1 | {\"source\": \"Arrêté\"}                        | ratePercent",
            "5 decimals       | 2193-S1 | {\"ratePercent\": 2.12345, \"source\": \"Arrêté\"} | ratePercent",
            "no source        | 2193-S1 | {\"ratePercent\": 2.5}                           | source",
            "a blank source   | 2193-S1 | {\"ratePercent\": 2.5, \"source\": \"  \"}        | source",
            "a two-line source| 2193-S1 | {\"ratePercent\": 2.5, \"source\": \"a\\nb\"}     | source"
    })
    void badRate(String what, String semester, String json, String field) {
        TestApi.Answer answer = manager.send(manager.request("/api/billing/legal-rates/" + semester)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(fields(answer)).as(answer.toString()).containsExactly(field);
    }

    @Test
    @DisplayName("Every billing API is authenticated")
    void authenticated() {
        assertThat(TestApi.anonymous(port).get(query("1", "2025-01-01", "2025-01-02")).status()).isEqualTo(401);
        assertThat(TestApi.anonymous(port).get("/api/billing/legal-rates").status()).isEqualTo(401);
    }
}
