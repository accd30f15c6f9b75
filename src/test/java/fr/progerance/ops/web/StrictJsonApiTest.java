package fr.progerance.ops.web;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.clientBody;
import static fr.progerance.ops.contract.RegisterApi.contractBody;
import static fr.progerance.ops.contract.RegisterApi.fields;
import static fr.progerance.ops.contract.RegisterApi.serverBody;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 7 (5): the application API reads JSON strictly. Every case the issue quotes answers 400 with
 * the field named, and saves nothing: no new record, and the record a PUT aimed at is unchanged.
 */
@OpsSpringBootTest
class StrictJsonApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    RegisterApi register;
    TestApi api;

    @BeforeEach
    void setUp() {
        register = new RegisterApi(port);
        api = register.api;
    }

    /** {@code body} as JSON text, with the value of {@code field} replaced by the raw JSON {@code raw}. */
    static String raw(Map<String, Object> body, String field, String raw) {
        try {
            String marker = "\"@@RAW@@\"";
            return JSON.writeValueAsString(with(body, field, "@@RAW@@")).replace(marker, raw);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** 400, exactly {@code field} named. */
    static void refused(TestApi.Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(fields(answer)).as(answer.toString()).containsExactly(field);
    }

    private int count(String path) {
        return api.get(path).json().size();
    }

    @Test
    @DisplayName("Issue 7: trailing garbage after the object is refused (body named), nothing is saved")
    void trailingGarbage() {
        int clients = count("/api/clients");
        refused(api.post("/api/clients", json(clientBody()) + "garbage"), "body");
        refused(api.post("/api/clients", json(clientBody()) + " {\"companyName\":\"Autre\"}"), "body");
        refused(api.post("/api/clients", json(clientBody()) + " []"), "body");
        assertThat(count("/api/clients")).isEqualTo(clients);

        long contract = register.createContract(register.createClient());
        refused(api.put("/api/contracts/" + contract + "/status", "{\"status\":\"TERMINATED\"} x"), "body");
        refused(api.put("/api/contracts/" + contract + "/status", "{\"status\":\"TERMINATED\"}{}"), "body");
        assertThat(api.get("/api/contracts/" + contract).json().get("status").asText()).isEqualTo("DRAFT");
        assertThat(api.post("/api/clients", json(clientBody()) + " \n").status()).as("whitespace is not garbage")
                .isEqualTo(201);
    }

    @Test
    @DisplayName("Issue 7: 1.5 for an id or a port is refused (not truncated to 1), nothing is saved")
    void decimalForWholeNumber() {
        long client = register.createClient();
        int contracts = count("/api/contracts");
        TestApi.Answer id = api.post("/api/contracts", raw(contractBody(client), "clientId", "1.5"));
        refused(id, "clientId");
        assertThat(id.json().at("/problems/0/message").asText()).isEqualTo("must be a whole number (got a decimal number)");
        refused(api.post("/api/contracts", raw(contractBody(client), "clientId", "1.0")), "clientId");
        refused(api.post("/api/contracts", raw(contractBody(client), "serviceLevel", "1.5")), "serviceLevel");
        assertThat(count("/api/contracts")).isEqualTo(contracts);

        long contract = register.createContract(client);
        int servers = count("/api/servers");
        refused(api.post("/api/servers", raw(serverBody(contract, "PROGERANCE"), "sshPort", "1.5")), "sshPort");
        refused(api.post("/api/servers", raw(serverBody(contract, "PROGERANCE"), "contractId", "1.5")), "contractId");
        assertThat(count("/api/servers")).isEqualTo(servers + 0);

        Map<String, Object> server = serverBody(contract, "PROGERANCE");
        long serverId = register.createServer(contract, "PROGERANCE");
        JsonNode before = api.get("/api/servers/" + serverId).json();
        refused(api.put("/api/servers/" + serverId, raw(with(server, "name", before.get("name").asText()),
                "sshPort", "2222.5")), "sshPort");
        refused(api.put("/api/servers/" + serverId, raw(server, "sshPort", "\"2222\"")), "sshPort");
        assertThat(api.get("/api/servers/" + serverId).json()).isEqualTo(before);
    }

    @Test
    @DisplayName("Issue 7: huge numbers are not read as true, nor any number as a boolean; nothing is saved")
    void numbersAreNotBooleans() {
        long client = register.createClient();
        int contacts = count("/api/clients/" + client + "/contacts");
        Map<String, Object> contact = body("name", "Jeanne Martin", "email", "jeanne@example.fr", "role", "PRIMARY");
        TestApi.Answer huge = api.post("/api/clients/" + client + "/contacts",
                raw(contact, "mayAuthorise", "123456789012345678901234567890"));
        refused(huge, "mayAuthorise");
        assertThat(huge.json().at("/problems/0/message").asText()).isEqualTo("must be true or false (got a whole number)");
        refused(api.post("/api/clients/" + client + "/contacts", raw(contact, "mayAuthorise", "1e400")), "mayAuthorise");
        refused(api.post("/api/clients/" + client + "/contacts", raw(contact, "mayAuthorise", "1")), "mayAuthorise");
        refused(api.post("/api/clients/" + client + "/contacts", raw(contact, "mayAuthorise", "\"true\"")),
                "mayAuthorise");
        assertThat(count("/api/clients/" + client + "/contacts")).isEqualTo(contacts);

        int contracts = count("/api/contracts");
        refused(api.post("/api/contracts", raw(contractBody(client), "tacitRenewal", "99999999999999999999")),
                "tacitRenewal");
        refused(api.post("/api/contracts", raw(contractBody(client), "clientId", "99999999999999999999")), "clientId");
        assertThat(count("/api/contracts")).isEqualTo(contracts);
    }

    @Test
    @DisplayName("Issue 7: numbers and booleans are not coerced into strings; nothing is saved")
    void scalarsAreNotText() {
        int clients = count("/api/clients");
        TestApi.Answer number = api.post("/api/clients", raw(clientBody(), "companyName", "12345"));
        refused(number, "companyName");
        assertThat(number.json().at("/problems/0/message").asText()).isEqualTo("must be text (got a whole number)");
        refused(api.post("/api/clients", raw(clientBody(), "companyName", "true")), "companyName");
        refused(api.post("/api/clients", raw(clientBody(), "companyName", "1.5")), "companyName");
        refused(api.post("/api/clients", raw(clientBody(), "companyName", "{\"x\":1}")), "companyName");
        refused(api.post("/api/clients", raw(clientBody(), "companyName", "[\"Acme\"]")), "companyName");
        Map<String, Object> client = clientBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) client.get("billingAddress");
        refused(api.post("/api/clients", json(with(client, "billingAddress", with(address, "postalCode", 69003)))),
                "billingAddress.postalCode");
        refused(api.post("/api/clients", json(with(client, "billingAddress", with(address, "city", false)))),
                "billingAddress.city");
        assertThat(count("/api/clients")).isEqualTo(clients);
    }

    @Test
    @DisplayName("Issue 7: {\"status\": 1} is not read as ACTIVE, and \"TERMINATED \" does not terminate; the contract is unchanged")
    void exactEnums() {
        long client = register.createClient();
        long contract = register.createContract(client);
        JsonNode before = api.get("/api/contracts/" + contract).json();
        String path = "/api/contracts/" + contract + "/status";

        TestApi.Answer index = api.put(path, "{\"status\": 1}");
        refused(index, "status");
        assertThat(index.json().at("/problems/0/message").asText())
                .isEqualTo("must be exactly one of DRAFT, ACTIVE, SUSPENDED, TERMINATED (got a whole number)");
        TestApi.Answer spaced = api.put(path, "{\"status\": \"TERMINATED \"}");
        refused(spaced, "status");
        assertThat(spaced.json().at("/problems/0/message").asText())
                .isEqualTo("must be exactly one of DRAFT, ACTIVE, SUSPENDED, TERMINATED (got text)");
        for (String bad : List.of("\" TERMINATED\"", "\"terminated\"", "\"3\"", "\"\"", "\"TERMINATED\\n\"", "3.0",
                "true", "[\"TERMINATED\"]")) {
            refused(api.put(path, "{\"status\": " + bad + "}"), "status");
        }
        assertThat(api.get("/api/contracts/" + contract).json()).isEqualTo(before);
        assertThat(api.put(path, "{\"status\": \"TERMINATED\"}").json().get("status").asText()).isEqualTo("TERMINATED");

        long other = register.createContract(client);
        int servers = count("/api/servers");
        refused(api.post("/api/servers", with(serverBody(other, "PROGERANCE"), "infrastructure", "PROGERANCE ")),
                "infrastructure");
        refused(api.post("/api/servers", raw(serverBody(other, "PROGERANCE"), "infrastructure", "0")), "infrastructure");
        assertThat(count("/api/servers")).isEqualTo(servers);
        refused(api.post("/api/contracts", with(contractBody(client), "emergencyProcedure",
                body("steps", List.of("Call"), "allowedActions", List.of("REBOOT_SERVER ")))),
                "emergencyProcedure.allowedActions[0]");
    }

    @Test
    @DisplayName("Issue 7: startDate 1700000000 is refused (not the year 4656411); dates are ISO-8601 text; nothing is saved")
    void datesAreText() {
        long client = register.createClient();
        int contracts = count("/api/contracts");
        TestApi.Answer number = api.post("/api/contracts", raw(contractBody(client), "startDate", "1700000000"));
        refused(number, "startDate");
        assertThat(number.json().at("/problems/0/message").asText())
                .isEqualTo("must be an ISO-8601 date as text (yyyy-MM-dd) (got a whole number)");
        refused(api.post("/api/contracts", raw(contractBody(client), "startDate", "[2026,1,1]")), "startDate");
        refused(api.post("/api/contracts", with(contractBody(client), "startDate", "2026-02-30")), "startDate");
        refused(api.post("/api/contracts", with(contractBody(client), "startDate", "")), "startDate");
        assertThat(count("/api/contracts")).isEqualTo(contracts);

        long contract = register.createContract(client);
        JsonNode before = api.get("/api/contracts/" + contract).json();
        Map<String, Object> update = with(contractBody(client), "reference", before.get("reference").asText());
        refused(api.put("/api/contracts/" + contract, raw(update, "startDate", "1700000000")), "startDate");
        assertThat(api.get("/api/contracts/" + contract).json()).isEqualTo(before);

        int incidents = count("/api/incidents");
        refused(api.post("/api/incidents", raw(body("serverId", 1, "category", "UPDATE", "level", 1, "summary", "x",
                "source", "test", "detectedAt", "x"), "detectedAt", "1700000000")), "detectedAt");
        assertThat(count("/api/incidents")).isEqualTo(incidents);
    }

    @Test
    @DisplayName("Issue 7: an unknown field is refused on every request body, nested objects included")
    void unknownFieldsEverywhere() {
        long client = register.createClient();
        long contract = register.createContract(client);
        long server = register.createServer(contract, "TIERCE");
        Map<String, Object> contact = body("name", "Jeanne Martin", "email", "jeanne@example.fr", "role", "PRIMARY");
        long contactId = RegisterApi.created(api.post("/api/clients/" + client + "/contacts", contact));
        JsonNode clientBefore = api.get("/api/clients/" + client).json();
        JsonNode contractBefore = api.get("/api/contracts/" + contract).json();
        JsonNode serverBefore = api.get("/api/servers/" + server).json();
        JsonNode checklistBefore = api.get("/api/servers/" + server + "/prerequisites").json();
        int clients = count("/api/clients");
        int contracts = count("/api/contracts");
        int servers = count("/api/servers");
        int incidents = count("/api/incidents");

        Map<String, Object> clientBody = clientBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) clientBody.get("billingAddress");
        refused(api.post("/api/clients", with(clientBody, "siret", "123")), "siret");
        refused(api.post("/api/clients", with(clientBody, "billingAddress", with(address, "zip", "69003"))),
                "billingAddress.zip");
        refused(api.put("/api/clients/" + client, with(clientBody, "billingAddress", with(address, "zip", "1"))),
                "billingAddress.zip");
        refused(api.post("/api/clients/" + client + "/contacts", with(contact, "mayAuthorize", true)), "mayAuthorize");
        refused(api.put("/api/clients/" + client + "/contacts/" + contactId, with(contact, "rank", 1)), "rank");
        refused(api.post("/api/contracts", with(contractBody(client), "status", "ACTIVE")), "status");
        refused(api.post("/api/contracts", with(contractBody(client), "emergencyProcedure",
                body("steps", List.of("Call"), "budget", 1))), "emergencyProcedure.budget");
        refused(api.put("/api/contracts/" + contract, with(contractBody(client), "tacitRenewall", false)),
                "tacitRenewall");
        refused(api.put("/api/contracts/" + contract + "/status", body("status", "TERMINATED", "reason", "x")),
                "reason");
        refused(api.post("/api/servers", with(serverBody(contract, "PROGERANCE"), "port", 22)), "port");
        refused(api.put("/api/servers/" + server, with(serverBody(contract, "TIERCE"), "sshKey", "x")), "sshKey");
        refused(api.put("/api/servers/" + server + "/prerequisites", body("items",
                List.of(body("item", "ROOT_ACCESS", "checked", true)), "checkedBy", "mallory")), "checkedBy");
        refused(api.put("/api/servers/" + server + "/prerequisites", body("items",
                List.of(body("item", "ROOT_ACCESS", "checked", true, "checkedBy", "mallory")))), "items[0].checkedBy");
        refused(api.post("/api/incidents", body("serverId", server, "category", "UPDATE", "level", 1, "summary", "x",
                "source", "test", "detectedAt", "2026-01-01T10:00:00+01:00", "number", "INC-1")), "number");
        refused(api.post("/api/incidents/INC-2026-000001/force-majeure", body("reason", "Flood", "since", "now")),
                "since");

        assertThat(api.get("/api/clients/" + client).json()).isEqualTo(clientBefore);
        assertThat(api.get("/api/contracts/" + contract).json()).isEqualTo(contractBefore);
        assertThat(api.get("/api/servers/" + server).json()).isEqualTo(serverBefore);
        assertThat(api.get("/api/servers/" + server + "/prerequisites").json()).isEqualTo(checklistBefore);
        assertThat(count("/api/clients")).isEqualTo(clients);
        assertThat(count("/api/contracts")).isEqualTo(contracts);
        assertThat(count("/api/servers")).isEqualTo(servers);
        assertThat(count("/api/incidents")).isEqualTo(incidents);
    }

    @Test
    @DisplayName("Issue 7: a key given twice, invalid JSON and a body of the wrong shape are refused with their place named")
    void malformedBodies() {
        long contract = register.createContract(register.createClient());
        String path = "/api/contracts/" + contract + "/status";
        refused(api.put(path, "{\"status\":\"DRAFT\",\"status\":\"TERMINATED\"}"), "status");
        refused(api.put(path, "[{\"status\":\"TERMINATED\"}]"), "body");
        refused(api.put(path, "\"TERMINATED\""), "body");
        refused(api.put(path, "{\"status\": TERMINATED}"), "status");
        refused(api.put(path, ""), "body");
        refused(api.put(path, "{\"status\":\"TERMINATED\""), "body");
        assertThat(api.get("/api/contracts/" + contract).json().get("status").asText()).isEqualTo("DRAFT");
    }

    @Test
    @DisplayName("Issue 7: a huge string or a deeply nested value is refused, the field named, without echoing it; nothing is saved")
    void hugeInput() {
        int clients = count("/api/clients");
        TestApi.Answer huge = api.post("/api/clients", with(clientBody(), "companyName",
                "x".repeat(StrictJson.MAX_STRING_LENGTH + 1)));
        refused(huge, "companyName");
        assertThat(huge.body().length()).as("the answer does not echo it").isLessThan(1000);
        String deep = "[".repeat(StrictJson.MAX_NESTING_DEPTH + 1) + "]".repeat(StrictJson.MAX_NESTING_DEPTH + 1);
        TestApi.Answer nested = api.post("/api/clients", raw(clientBody(), "vatNumber", deep));
        assertThat(nested.status()).as(nested.toString()).isEqualTo(400);
        assertThat(fields(nested)).hasSize(1).allMatch(f -> f.startsWith("vatNumber"));
        TestApi.Answer longKey = api.post("/api/clients", with(clientBody(), "k".repeat(5000), 1));
        assertThat(longKey.status()).isEqualTo(400);
        assertThat(fields(longKey)).singleElement().asString().startsWith("kkk").hasSizeLessThan(210);
        assertThat(count("/api/clients")).isEqualTo(clients);
    }

    @Test
    @DisplayName("Camunda's REST API keeps its own JSON reading (its own mapper): only /api is strict")
    void engineRestUnchanged() {
        TestApi.Answer count = api.post("/engine-rest/task/count", "{\"maxPriority\": \"5\"}");
        assertThat(count.status()).as(count.toString()).isEqualTo(200);
        assertThat(count.json().has("count")).isTrue();
    }
}
