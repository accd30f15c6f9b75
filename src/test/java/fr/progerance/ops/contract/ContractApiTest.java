package fr.progerance.ops.contract;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.contractBody;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.fields;
import static fr.progerance.ops.contract.RegisterApi.problemsText;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.ContractPeriod;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@OpsSpringBootTest
class ContractApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ContractClock clock;

    RegisterApi register;
    TestApi api;

    @BeforeEach
    void setUp() {
        register = new RegisterApi(port);
        api = register.api;
    }

    @Test
    @DisplayName("R8.1 a contract is created as DRAFT with its current period, then read and updated")
    void createReadUpdate() {
        long clientId = register.createClient();
        Map<String, Object> request = with(contractBody(clientId), "serviceLevel", 2, "monthlyFeeExclTax", 490.5,
                "startDate", "2025-02-01", "initialTermMonths", 12, "databaseConnectionQuota", 150,
                "emergencyProcedure", body("steps", List.of("Call the ON_CALL contact", "Fail over to the spare"),
                        "allowedActions", List.of("RESTART_SERVICE", "FAILOVER")),
                "emergencyBudgetExclTax", 1500, "tierceOutOfHoursAgreed", true);
        long id = created(api.post("/api/contracts", request));

        TestApi.Answer read = api.get("/api/contracts/" + id);
        JsonNode c = read.json();
        assertThat(c.get("status").asText()).isEqualTo("DRAFT");
        assertThat(c.get("clientId").asLong()).isEqualTo(clientId);
        assertThat(c.get("serviceLevel").asInt()).isEqualTo(2);
        assertThat(c.get("monthlyFeeExclTax").decimalValue()).isEqualByComparingTo("490.50");
        assertThat(read.body()).as("R7.1 euros with cents").contains("\"monthlyFeeExclTax\":490.50");
        assertThat(c.get("currency").asText()).isEqualTo("EUR");
        assertThat(c.get("tacitRenewal").asBoolean()).as("R8.1 tacit renewal by default").isTrue();
        assertThat(c.get("tierceOutOfHoursAgreed").asBoolean()).isTrue();
        assertThat(c.at("/emergencyProcedure/steps/1").asText()).isEqualTo("Fail over to the spare");
        assertThat(c.at("/emergencyProcedure/allowedActions").toString()).contains("FAILOVER", "RESTART_SERVICE");
        assertThat(c.get("allowedStatusChanges").toString()).contains("ACTIVE", "TERMINATED")
                .doesNotContain("SUSPENDED");

        ContractPeriod expected = clock.currentPeriod(LocalDate.of(2025, 2, 1), 12, true);
        assertThat(c.at("/currentPeriod/start").asText()).isEqualTo(expected.start().toString());
        assertThat(c.at("/currentPeriod/end").asText()).isEqualTo(expected.end().toString());
        assertThat(c.at("/currentPeriod/renewals").asInt()).isEqualTo(expected.renewals());
        assertThat(c.at("/currentPeriod/terminationNoticeDeadline").asText())
                .isEqualTo(clock.noticeDeadline(expected).toString());

        Map<String, Object> update = with(request, "monthlyFeeExclTax", 520, "tacitRenewal", false,
                "emergencyProcedure", null, "emergencyBudgetExclTax", null);
        TestApi.Answer updated = api.put("/api/contracts/" + id, update);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode after = api.get("/api/contracts/" + id).json();
        assertThat(after.get("monthlyFeeExclTax").decimalValue()).isEqualByComparingTo("520");
        assertThat(after.get("tacitRenewal").asBoolean()).isFalse();
        assertThat(after.at("/emergencyProcedure/steps").size()).isZero();
        assertThat(after.at("/currentPeriod/renewals").asInt()).as("R8.1 no renewal without tacit renewal").isZero();
        assertThat(after.get("emergencyBudgetExclTax").isNull()).isTrue();
    }

    @Test
    @DisplayName("R4.3-t4 the GET answer tells whether the contract is ready for a major incident and what is missing")
    void emergencyReadiness() {
        long clientId = register.createClient();
        long id = register.createContract(clientId);
        JsonNode before = api.get("/api/contracts/" + id).json().get("emergencyReadiness");
        assertThat(before.get("ready").asBoolean()).isFalse();
        assertThat(before.get("missing").findValuesAsText("code"))
                .containsExactly("PROCEDURE", "AUTHORISED_CONTACT", "BUDGET", "ON_CALL_CONTACT");

        register.createContact(clientId, "PRIMARY", "mayAuthorise", true);
        register.createContact(clientId, "ON_CALL");
        api.put("/api/contracts/" + id, with(contractBody(clientId), "reference",
                api.get("/api/contracts/" + id).json().get("reference").asText(),
                "emergencyProcedure", body("steps", List.of("Call"), "allowedActions", List.of("REBOOT_SERVER")),
                "emergencyBudgetExclTax", 0));
        JsonNode after = api.get("/api/contracts/" + id).json().get("emergencyReadiness");
        assertThat(after.get("ready").asBoolean()).as(after.toString()).isTrue();
        assertThat(after.get("missing").size()).isZero();
    }

    @Test
    @DisplayName("R7.1 R8.1 every bad term of the order form is named at once, and nothing is saved")
    void validation() {
        long clientId = register.createClient();
        Map<String, Object> bad = body("clientId", 987654321, "reference", "bad ref!", "serviceLevel", 3,
                "monthlyFeeExclTax", 10.123, "startDate", null, "initialTermMonths", 0,
                "databaseConnectionQuota", -5, "emergencyBudgetExclTax", -1,
                "emergencyProcedure", body("steps", List.of("ok", " ")));
        TestApi.Answer answer = api.post("/api/contracts", bad);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(fields(answer)).contains("clientId", "reference", "serviceLevel", "monthlyFeeExclTax",
                "startDate", "initialTermMonths", "databaseConnectionQuota", "emergencyBudgetExclTax",
                "emergencyProcedure.steps[1]");

        TestApi.Answer zeroFee = api.post("/api/contracts", with(contractBody(clientId), "monthlyFeeExclTax", 0));
        assertThat(fields(zeroFee)).containsExactly("monthlyFeeExclTax");
        TestApi.Answer actionsWithoutSteps = api.post("/api/contracts", with(contractBody(clientId),
                "emergencyProcedure", body("steps", List.of(), "allowedActions", List.of("MIGRATION"))));
        assertThat(fields(actionsWithoutSteps)).containsExactly("emergencyProcedure.steps");
        TestApi.Answer badAction = api.post("/api/contracts", with(contractBody(clientId),
                "emergencyProcedure", body("steps", List.of("x"), "allowedActions", List.of("FORMAT_DISK"))));
        assertThat(badAction.status()).isEqualTo(400);
        TestApi.Answer status = api.post("/api/contracts", with(contractBody(clientId), "status", "ACTIVE"));
        assertThat(fields(status)).as("the status is not a term").containsExactly("status");

        assertThat(api.get("/api/contracts?clientId=" + clientId).json().size()).isZero();
    }

    @Test
    @DisplayName("a contract reference is unique, a contract keeps its client, and a failed update changes nothing")
    void referenceAndClient() {
        long clientId = register.createClient();
        Map<String, Object> first = contractBody(clientId);
        created(api.post("/api/contracts", first));
        TestApi.Answer dup = api.post("/api/contracts", with(contractBody(clientId), "reference", first.get("reference")));
        assertThat(fields(dup)).containsExactly("reference");

        long id = register.createContract(clientId);
        JsonNode before = api.get("/api/contracts/" + id).json();
        long otherClient = register.createClient();
        TestApi.Answer move = api.put("/api/contracts/" + id, with(contractBody(otherClient),
                "reference", before.get("reference").asText(), "serviceLevel", 5));
        assertThat(fields(move)).containsExactlyInAnyOrder("clientId", "serviceLevel");
        assertThat(api.get("/api/contracts/" + id).json()).isEqualTo(before);
    }

    @Test
    @DisplayName("contracts are listed by client; unknown ids answer 404")
    void listAndNotFound() {
        long clientId = register.createClient();
        long a = register.createContract(clientId);
        long b = register.createContract(clientId);
        register.createContract(register.createClient());
        JsonNode list = api.get("/api/contracts?clientId=" + clientId).json();
        assertThat(list.findValues("id")).extracting(JsonNode::asLong).containsExactly(a, b);
        assertThat(api.get("/api/contracts").json().size()).isGreaterThanOrEqualTo(3);

        assertThat(api.get("/api/contracts/987654321").status()).isEqualTo(404);
        assertThat(api.put("/api/contracts/987654321", contractBody(clientId)).status()).isEqualTo(404);
        assertThat(register.setStatus(987654321, "ACTIVE").status()).isEqualTo(404);
        assertThat(api.get("/api/contracts?clientId=987654321").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("RD-infra R6.7 R3.7 activation needs a server, a PRIMARY contact and, on PROGERANCE, the connection quota")
    void activationNeeds() {
        long clientId = register.createClient();
        long id = register.createContract(clientId);
        TestApi.Answer refused = register.setStatus(id, "ACTIVE");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(fields(refused)).containsExactly("servers", "contacts");

        register.createServer(id, "PROGERANCE");
        register.createContact(clientId, "PRIMARY");
        TestApi.Answer quota = register.setStatus(id, "ACTIVE");
        assertThat(quota.status()).isEqualTo(409);
        assertThat(fields(quota)).containsExactly("databaseConnectionQuota");
        assertThat(problemsText(quota)).contains("R3.7");

        String reference = api.get("/api/contracts/" + id).json().get("reference").asText();
        api.put("/api/contracts/" + id, with(contractBody(clientId), "reference", reference,
                "databaseConnectionQuota", 200));
        TestApi.Answer active = register.setStatus(id, "ACTIVE");
        assertThat(active.status()).as(active.toString()).isEqualTo(200);
        assertThat(active.json().get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    @DisplayName("R7.3 R8.2 R8.3 status moves: DRAFT→ACTIVE, ACTIVE↔SUSPENDED, →TERMINATED, and TERMINATED is final")
    void transitions() {
        long clientId = register.createClient();
        register.createContact(clientId, "PRIMARY");
        long id = created(api.post("/api/contracts", with(contractBody(clientId), "databaseConnectionQuota", 50)));
        register.createServer(id, "PROGERANCE");

        TestApi.Answer draftToSuspended = register.setStatus(id, "SUSPENDED");
        assertThat(draftToSuspended.status()).isEqualTo(409);
        assertThat(fields(draftToSuspended)).containsExactly("status");

        assertThat(register.setStatus(id, "ACTIVE").status()).isEqualTo(200);
        assertThat(register.setStatus(id, "ACTIVE").status()).as("same status: idempotent").isEqualTo(200);
        assertThat(register.setStatus(id, "DRAFT").status()).isEqualTo(409);
        assertThat(register.setStatus(id, "SUSPENDED").json().get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(register.setStatus(id, "ACTIVE").json().get("status").asText()).isEqualTo("ACTIVE");
        JsonNode terminated = register.setStatus(id, "TERMINATED").json();
        assertThat(terminated.get("status").asText()).isEqualTo("TERMINATED");
        assertThat(terminated.get("currentPeriod").isNull()).isTrue();
        assertThat(terminated.get("allowedStatusChanges").size()).isZero();

        for (String status : List.of("ACTIVE", "SUSPENDED", "DRAFT")) {
            TestApi.Answer answer = register.setStatus(id, status);
            assertThat(answer.status()).as(status).isEqualTo(409);
            assertThat(answer.json().get("message").asText()).contains("TERMINATED");
        }
        String reference = terminated.get("reference").asText();
        TestApi.Answer edit = api.put("/api/contracts/" + id, with(contractBody(clientId), "reference", reference));
        assertThat(edit.status()).as("a terminated contract no longer changes").isEqualTo(409);

        TestApi.Answer badStatus = register.setStatus(id, "CLOSED");
        assertThat(fields(badStatus)).containsExactly("status");
        TestApi.Answer noStatus = api.put("/api/contracts/" + id + "/status", body("status", null));
        assertThat(fields(noStatus)).containsExactly("status");
    }

    @Test
    @DisplayName("R8.3 a DRAFT contract can be TERMINATED (abandoned) directly")
    void draftTerminated() {
        long id = register.createContract(register.createClient());
        assertThat(register.setStatus(id, "TERMINATED").json().get("status").asText()).isEqualTo("TERMINATED");
    }
}
