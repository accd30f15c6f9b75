package fr.progerance.ops.contract;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.clientBody;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.fields;
import static fr.progerance.ops.contract.RegisterApi.problemsText;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@OpsSpringBootTest
class ClientApiTest {

    @LocalServerPort
    int port;

    RegisterApi register;
    TestApi api;

    @BeforeEach
    void setUp() {
        register = new RegisterApi(port);
        api = register.api;
    }

    @Test
    @DisplayName("R7.2 a client is created (201, Location), read and updated with its billing address")
    void createReadUpdate() {
        Map<String, Object> request = with(clientBody(), "vatNumber", "fr 40 303 265 045",
                "billingAddress", body("line1", "8 avenue Foch", "postalCode", "75016", "city", "Paris"));
        long id = created(api.post("/api/clients", request));
        JsonNode client = api.get("/api/clients/" + id).json();
        assertThat(client.get("companyName").asText()).isEqualTo(request.get("companyName"));
        assertThat(client.at("/billingAddress/country").asText()).as("FR by default").isEqualTo("FR");
        assertThat(client.at("/billingAddress/city").asText()).isEqualTo("Paris");
        assertThat(client.get("vatNumber").asText()).as("normalised").isEqualTo("FR40303265045");
        assertThat(client.get("createdAt").asText()).isNotBlank();

        Map<String, Object> update = with(clientBody(), "companyName", "Renamed SARL", "vatNumber", null,
                "billingAddress", body("line1", "Rue Neuve 1", "postalCode", "1000", "city", "Bruxelles",
                        "country", "be"));
        TestApi.Answer updated = api.put("/api/clients/" + id, update);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode after = api.get("/api/clients/" + id).json();
        assertThat(after.get("companyName").asText()).isEqualTo("Renamed SARL");
        assertThat(after.at("/billingAddress/country").asText()).isEqualTo("BE");
        assertThat(after.get("vatNumber").isNull()).isTrue();

        assertThat(api.get("/api/clients").json().findValues("id")).extracting(JsonNode::asLong).contains(id);
    }

    @Test
    @DisplayName("every bad field of a client is named at once, and nothing is saved")
    void validationNamesEachField() {
        Map<String, Object> bad = body("companyName", " ",
                "billingAddress", body("line1", "", "postalCode", "7500", "city", "Paris", "country", "FR"),
                "vatNumber", "FR41303265045");
        int before = api.get("/api/clients").json().size();
        TestApi.Answer answer = api.post("/api/clients", bad);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(fields(answer)).contains("companyName", "billingAddress.line1", "billingAddress.postalCode",
                "vatNumber");
        assertThat(api.get("/api/clients").json().size()).isEqualTo(before);
    }

    @Test
    @DisplayName("R7.1 invoicing: the French VAT key is checked through the API")
    void frenchVatKey() {
        TestApi.Answer answer = api.post("/api/clients", with(clientBody(), "vatNumber", "FR41303265045"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("vatNumber");
        assertThat(problemsText(answer)).contains("expected 40");

        TestApi.Answer notEu = api.post("/api/clients", with(clientBody(), "vatNumber", "US123456789"));
        assertThat(fields(notEu)).containsExactly("vatNumber");
        TestApi.Answer country = api.post("/api/clients", with(clientBody(),
                "billingAddress", body("line1", "x", "postalCode", "1000", "city", "y", "country", "ZZ")));
        assertThat(fields(country)).containsExactly("billingAddress.country");
    }

    @Test
    @DisplayName("a VAT number belongs to one client only")
    void vatUnique() {
        Map<String, Object> first = clientBody();
        created(api.post("/api/clients", first));
        TestApi.Answer second = api.post("/api/clients", with(clientBody(), "vatNumber", first.get("vatNumber")));
        assertThat(second.status()).isEqualTo(400);
        assertThat(fields(second)).containsExactly("vatNumber");
    }

    @Test
    @DisplayName("a failed update leaves the client as it was")
    void failedUpdateChangesNothing() {
        long id = register.createClient();
        JsonNode before = api.get("/api/clients/" + id).json();
        TestApi.Answer answer = api.put("/api/clients/" + id, with(clientBody(), "vatNumber", "FR00000000000"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(api.get("/api/clients/" + id).json()).isEqualTo(before);
    }

    @Test
    @DisplayName("unknown JSON fields, wrong media types and unknown ids are refused")
    void protocolErrors() {
        TestApi.Answer unknown = api.post("/api/clients", with(clientBody(), "siret", "123"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("siret");

        TestApi.Answer text = api.send(api.request("/api/clients").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(text.status()).isEqualTo(415);

        assertThat(api.get("/api/clients/987654321").status()).isEqualTo(404);
        assertThat(api.put("/api/clients/987654321", clientBody()).status()).isEqualTo(404);
        assertThat(api.get("/api/clients/987654321/contacts").status()).isEqualTo(404);
        assertThat(api.get("/api/clients/abc").status()).isEqualTo(400);
    }

    // ---- contacts ------------------------------------------------------------------------

    @Test
    @DisplayName("R4.3-t4 contacts are created, read and updated, with who may authorise decisions")
    void contacts() {
        long clientId = register.createClient();
        long primary = register.createContact(clientId, "PRIMARY", "mayAuthorise", true);
        JsonNode read = api.get("/api/clients/" + clientId + "/contacts/" + primary).json();
        assertThat(read.get("role").asText()).isEqualTo("PRIMARY");
        assertThat(read.get("mayAuthorise").asBoolean()).isTrue();
        assertThat(read.get("clientId").asLong()).isEqualTo(clientId);

        TestApi.Answer updated = api.put("/api/clients/" + clientId + "/contacts/" + primary,
                body("name", "Marie Dupont", "email", "marie@example.fr", "phone", null, "role", "PRIMARY"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("mayAuthorise").asBoolean()).as("omitted means false").isFalse();
        assertThat(updated.json().get("phone").isNull()).isTrue();
        assertThat(api.get("/api/clients/" + clientId + "/contacts").json().size()).isEqualTo(1);
    }

    @Test
    @DisplayName("R4.3-t5 secondary contacts have an order, unique per client")
    void secondaryOrder() {
        long clientId = register.createClient();
        long first = register.createContact(clientId, "SECONDARY", "secondaryOrder", 1);
        register.createContact(clientId, "SECONDARY", "secondaryOrder", 2);

        TestApi.Answer duplicate = api.post("/api/clients/" + clientId + "/contacts", body("name", "Third",
                "email", "third@example.fr", "role", "SECONDARY", "secondaryOrder", 2));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(fields(duplicate)).containsExactly("secondaryOrder");

        TestApi.Answer missing = api.post("/api/clients/" + clientId + "/contacts", body("name", "Fourth",
                "email", "fourth@example.fr", "role", "SECONDARY"));
        assertThat(fields(missing)).containsExactly("secondaryOrder");

        TestApi.Answer notSecondary = api.post("/api/clients/" + clientId + "/contacts", body("name", "Fifth",
                "email", "fifth@example.fr", "role", "BILLING", "secondaryOrder", 3));
        assertThat(fields(notSecondary)).containsExactly("secondaryOrder");

        // another client may use the same order; the same contact keeps its own order on update
        long other = register.createClient();
        register.createContact(other, "SECONDARY", "secondaryOrder", 2);
        TestApi.Answer keep = api.put("/api/clients/" + clientId + "/contacts/" + first, body("name", "First",
                "email", "first@example.fr", "role", "SECONDARY", "secondaryOrder", 1));
        assertThat(keep.status()).as(keep.toString()).isEqualTo(200);
        TestApi.Answer taken = api.put("/api/clients/" + clientId + "/contacts/" + first, body("name", "First",
                "email", "first@example.fr", "role", "SECONDARY", "secondaryOrder", 2));
        assertThat(fields(taken)).containsExactly("secondaryOrder");
        assertThat(api.get("/api/clients/" + clientId + "/contacts/" + first).json().get("secondaryOrder").asInt())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("R6.7 a client has at most one PRIMARY contact")
    void onePrimary() {
        long clientId = register.createClient();
        register.createContact(clientId, "PRIMARY");
        long billing = register.createContact(clientId, "BILLING");
        TestApi.Answer second = api.post("/api/clients/" + clientId + "/contacts", body("name", "Other",
                "email", "other@example.fr", "role", "PRIMARY"));
        assertThat(second.status()).isEqualTo(400);
        assertThat(fields(second)).containsExactly("role");
        TestApi.Answer promote = api.put("/api/clients/" + clientId + "/contacts/" + billing, body("name", "Bill",
                "email", "bill@example.fr", "role", "PRIMARY"));
        assertThat(fields(promote)).containsExactly("role");
    }

    @Test
    @DisplayName("R4.3-t4 R6.8-a ON_CALL and HOSTER_EMERGENCY contacts need a phone; every bad field is named at once")
    void contactValidation() {
        long clientId = register.createClient();
        TestApi.Answer onCall = api.post("/api/clients/" + clientId + "/contacts", body("name", "Night desk",
                "email", "night@example.fr", "role", "ON_CALL"));
        assertThat(fields(onCall)).containsExactly("phone");
        assertThat(problemsText(onCall)).contains("R4.3-t4");
        TestApi.Answer hoster = api.post("/api/clients/" + clientId + "/contacts", body("name", "Hoster",
                "role", "HOSTER_EMERGENCY"));
        assertThat(fields(hoster)).containsExactly("phone");

        TestApi.Answer many = api.post("/api/clients/" + clientId + "/contacts", body("name", "",
                "email", "not-an-email", "phone", "12", "role", "SECONDARY", "secondaryOrder", 0));
        assertThat(many.status()).isEqualTo(400);
        assertThat(fields(many)).containsExactlyInAnyOrder("name", "email", "phone", "secondaryOrder");

        TestApi.Answer badRole = api.post("/api/clients/" + clientId + "/contacts", body("name", "X",
                "email", "x@example.fr", "role", "BOSS"));
        assertThat(fields(badRole)).containsExactly("role");
        assertThat(api.get("/api/clients/" + clientId + "/contacts").json().size()).isZero();
    }

    @Test
    @DisplayName("a contact is reached only through its own client (404 otherwise)")
    void contactOfAnotherClient() {
        long a = register.createClient();
        long b = register.createClient();
        long contact = register.createContact(a, "BILLING");
        assertThat(api.get("/api/clients/" + b + "/contacts/" + contact).status()).isEqualTo(404);
        assertThat(api.put("/api/clients/" + b + "/contacts/" + contact, body("name", "x", "email", "x@example.fr",
                "role", "BILLING")).status()).isEqualTo(404);
        assertThat(api.get("/api/clients/" + a + "/contacts/987654321").status()).isEqualTo(404);
    }
}
