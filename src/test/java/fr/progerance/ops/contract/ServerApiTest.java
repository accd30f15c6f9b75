package fr.progerance.ops.contract;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.fields;
import static fr.progerance.ops.contract.RegisterApi.problemsText;
import static fr.progerance.ops.contract.RegisterApi.serverBody;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@OpsSpringBootTest
class ServerApiTest {

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
    @DisplayName("RD-infra a server is created (SSH port 22 by default), read, updated and listed by contract")
    void createReadUpdate() {
        long contractId = register.createContract(register.createClient());
        Map<String, Object> request = serverBody(contractId, "PROGERANCE");
        long id = created(api.post("/api/servers", request));
        JsonNode s = api.get("/api/servers/" + id).json();
        assertThat(s.get("sshPort").asInt()).isEqualTo(22);
        assertThat(s.get("infrastructure").asText()).isEqualTo("PROGERANCE");
        assertThat(s.get("hostKeyFingerprint").asText()).isEqualTo(RegisterApi.FINGERPRINT);
        assertThat(s.get("prerequisitesComplete").isNull()).as("no checklist on PROGERANCE").isTrue();

        TestApi.Answer updated = api.put("/api/servers/" + id, with(request, "address", "203.0.113.25",
                "sshPort", 2222, "sshUser", "deploy", "installPath", "/srv/shop/html", "databaseName", "shop_prod"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode after = api.get("/api/servers/" + id).json();
        assertThat(after.get("address").asText()).isEqualTo("203.0.113.25");
        assertThat(after.get("sshPort").asInt()).isEqualTo(2222);
        assertThat(after.get("installPath").asText()).isEqualTo("/srv/shop/html");

        long second = register.createServer(contractId, "TIERCE");
        assertThat(api.get("/api/servers?contractId=" + contractId).json().findValues("id"))
                .extracting(JsonNode::asLong).containsExactly(id, second);
        assertThat(api.get("/api/servers?contractId=987654321").status()).isEqualTo(404);
        assertThat(api.get("/api/servers/987654321").status()).isEqualTo(404);
        assertThat(api.put("/api/servers/987654321", request).status()).isEqualTo(404);
        assertThat(api.get("/api/servers/987654321/prerequisites").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("DESIGN rule 8: every bad server field is named at once, and no server is saved")
    void validation() {
        long contractId = register.createContract(register.createClient());
        Map<String, Object> bad = body("contractId", contractId, "name", "web 1", "address", "0.0.0.0",
                "sshPort", 70000, "sshUser", "root;id", "hostKeyFingerprint", "SHA256:short",
                "infrastructure", "PROGERANCE", "hosterName", "OVH", "prestashopUrl", "ftp://shop.example.net",
                "installPath", "/var/www/../etc", "databaseName", "shop-db");
        TestApi.Answer answer = api.post("/api/servers", bad);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(fields(answer)).containsExactlyInAnyOrder("name", "address", "sshPort", "sshUser",
                "hostKeyFingerprint", "hosterName", "prestashopUrl", "installPath", "databaseName");

        TestApi.Answer noHoster = api.post("/api/servers", with(serverBody(contractId, "TIERCE"), "hosterName", null));
        assertThat(fields(noHoster)).containsExactly("hosterName");
        assertThat(problemsText(noHoster)).contains("R3.2");
        TestApi.Answer badKind = api.post("/api/servers", with(serverBody(contractId, "TIERCE"),
                "infrastructure", "CLOUD"));
        assertThat(fields(badKind)).containsExactly("infrastructure");
        TestApi.Answer noContract = api.post("/api/servers", with(serverBody(contractId, "TIERCE"),
                "contractId", 987654321));
        assertThat(fields(noContract)).containsExactly("contractId");
        TestApi.Answer badKey = api.post("/api/servers", with(serverBody(contractId, "PROGERANCE"),
                "hostKeyFingerprint", "SHA256:wCaPWU2z/Ojowy76wdXINnbShxM8kt3oP5DG5jhYqQZ"));
        assertThat(fields(badKey)).containsExactly("hostKeyFingerprint");

        assertThat(api.get("/api/servers?contractId=" + contractId).json().size()).isZero();
    }

    @Test
    @DisplayName("Issue 6, DESIGN rule 13: a server records the shop's expected HTTP status and a keyword; absent, the setting applies")
    void shopCheckSettings() {
        long contractId = register.createContract(register.createClient());
        Map<String, Object> plain = serverBody(contractId, "PROGERANCE");
        long id = created(api.post("/api/servers", plain));
        JsonNode byDefault = api.get("/api/servers/" + id).json();
        assertThat(byDefault.get("shopExpectedStatus").isNull())
                .as("no status of its own: ops.incident.shop-expected-status (200) applies").isTrue();
        assertThat(byDefault.get("shopKeyword").isNull()).isTrue();

        Map<String, Object> behindAuth = with(plain, "shopExpectedStatus", 401, "shopKeyword", "  Boutique Dupont  ");
        TestApi.Answer set = api.put("/api/servers/" + id, behindAuth);
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        JsonNode after = api.get("/api/servers/" + id).json();
        assertThat(after.get("shopExpectedStatus").asInt()).isEqualTo(401);
        assertThat(after.get("shopKeyword").asText()).as("trimmed").isEqualTo("Boutique Dupont");

        // the bounds are accepted; a blank keyword is no keyword
        TestApi.Answer bounds = api.put("/api/servers/" + id, with(plain, "shopExpectedStatus", 599,
                "shopKeyword", "É".repeat(FieldRules.SHOP_KEYWORD_MAX_LENGTH)));
        assertThat(bounds.status()).as(bounds.toString()).isEqualTo(200);
        assertThat(api.put("/api/servers/" + id, with(plain, "shopExpectedStatus", 100, "shopKeyword", "   "))
                .json().get("shopKeyword").isNull()).isTrue();

        // a PUT replaces every field: without them, the server is back on the defaults
        TestApi.Answer cleared = api.put("/api/servers/" + id, plain);
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("shopExpectedStatus").isNull()).isTrue();
        assertThat(cleared.json().get("shopKeyword").isNull()).isTrue();
        assertThat(api.get("/api/servers/" + id).json()).isEqualTo(cleared.json());

        long created = created(api.post("/api/servers", with(serverBody(contractId, "TIERCE"),
                "shopExpectedStatus", 200, "shopKeyword", "Maison Lavande")));
        JsonNode tierce = api.get("/api/servers/" + created).json();
        assertThat(tierce.get("shopExpectedStatus").asInt()).isEqualTo(200);
        assertThat(tierce.get("shopKeyword").asText()).isEqualTo("Maison Lavande");
    }

    @Test
    @DisplayName("Issue 6: a status outside 100-599 and a keyword too long or with control characters are named, nothing is saved")
    void shopCheckValidation() {
        long contractId = register.createContract(register.createClient());
        String tooLong = "k".repeat(FieldRules.SHOP_KEYWORD_MAX_LENGTH + 1);
        for (Object[] bad : new Object[][] {{99, null}, {600, null}, {-1, null}, {null, tooLong},
                {null, "Boutique\tDupont"}, {null, "Boutique\nDupont"}, {null, "Boutique\u0000"}, {null, "Shop\u0085"}}) {
            TestApi.Answer answer = api.post("/api/servers", with(serverBody(contractId, "PROGERANCE"),
                    "shopExpectedStatus", bad[0], "shopKeyword", bad[1]));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(fields(answer)).as(answer.toString())
                    .containsExactly(bad[0] != null ? "shopExpectedStatus" : "shopKeyword");
        }
        TestApi.Answer both = api.post("/api/servers", with(serverBody(contractId, "PROGERANCE"),
                "shopExpectedStatus", 600, "shopKeyword", "a\u0007b", "sshPort", 0));
        assertThat(fields(both)).containsExactlyInAnyOrder("shopExpectedStatus", "shopKeyword", "sshPort");
        assertThat(problemsText(both)).contains("100 to 599", "control characters");
        TestApi.Answer notANumber = api.post("/api/servers", with(serverBody(contractId, "PROGERANCE"),
                "shopExpectedStatus", "OK"));
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(api.get("/api/servers?contractId=" + contractId).json().size()).isZero();

        // a refused update leaves the server as it was
        Map<String, Object> request = with(serverBody(contractId, "PROGERANCE"), "shopExpectedStatus", 401,
                "shopKeyword", "Boutique Dupont");
        long id = created(api.post("/api/servers", request));
        JsonNode before = api.get("/api/servers/" + id).json();
        TestApi.Answer refused = api.put("/api/servers/" + id, with(request, "shopExpectedStatus", 99,
                "shopKeyword", tooLong, "address", "shop.example.org"));
        assertThat(fields(refused)).containsExactlyInAnyOrder("shopExpectedStatus", "shopKeyword");
        assertThat(api.get("/api/servers/" + id).json()).isEqualTo(before);
    }

    @Test
    @DisplayName("server names are unique within a contract; a server keeps its contract; a failed update changes nothing")
    void uniqueNameAndFailedUpdate() {
        long contractId = register.createContract(register.createClient());
        Map<String, Object> first = serverBody(contractId, "PROGERANCE");
        long id = created(api.post("/api/servers", first));
        TestApi.Answer dup = api.post("/api/servers", with(serverBody(contractId, "PROGERANCE"),
                "name", first.get("name")));
        assertThat(fields(dup)).containsExactly("name");

        JsonNode before = api.get("/api/servers/" + id).json();
        long otherContract = register.createContract(register.createClient());
        TestApi.Answer answer = api.put("/api/servers/" + id, with(first, "contractId", otherContract,
                "address", "shop.example.net", "databaseName", "bad name"));
        assertThat(fields(answer)).containsExactlyInAnyOrder("contractId", "databaseName");
        assertThat(api.get("/api/servers/" + id).json()).isEqualTo(before);
    }

    @Test
    @DisplayName("R3.4 the onboarding checklist applies to TIERCE servers only")
    void prerequisitesOnlyForTierce() {
        long contractId = register.createContract(register.createClient());
        long progerance = register.createServer(contractId, "PROGERANCE");
        TestApi.Answer get = api.get("/api/servers/" + progerance + "/prerequisites");
        assertThat(get.status()).isEqualTo(400);
        assertThat(problemsText(get)).contains("R3.4", "TIERCE");
        TestApi.Answer put = api.put("/api/servers/" + progerance + "/prerequisites",
                body("items", List.of(body("item", "ROOT_ACCESS", "checked", true))));
        assertThat(put.status()).isEqualTo(400);
    }

    @Test
    @DisplayName("R3.4 R6.8-a a TIERCE contract cannot become ACTIVE until every checklist item is checked")
    void tierceActivation() {
        long clientId = register.createClient();
        register.createContact(clientId, "PRIMARY");
        register.createContact(clientId, "HOSTER_EMERGENCY");
        long contractId = register.createContract(clientId);
        Map<String, Object> serverRequest = serverBody(contractId, "TIERCE");
        long serverId = created(api.post("/api/servers", serverRequest));

        JsonNode checklist = api.get("/api/servers/" + serverId + "/prerequisites").json();
        assertThat(checklist.get("complete").asBoolean()).isFalse();
        assertThat(checklist.get("items").findValuesAsText("item")).containsExactly(
                "ROOT_ACCESS", "SECURED_SSH_ACCESS", "MINIMUM_CONFIGURATION", "TECHNICAL_DOCUMENTATION",
                "COMPATIBLE_OS", "MINIMUM_STORAGE", "MINIMUM_BANDWIDTH", "BACKUP_PROCEDURE", "HOSTER_SUPPORT_CONTRACT",
                "HOSTER_EMERGENCY_CONTACTS", "HOSTER_CONTACT_AUTHORISATION", "DISASTER_RECOVERY_PROCEDURE");
        assertThat(checklist.get("items").findValuesAsText("checked")).containsOnly("false");

        TestApi.Answer refused = register.setStatus(contractId, "ACTIVE");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(fields(refused)).containsExactly("servers[" + serverId + "].prerequisites");
        assertThat(problemsText(refused)).contains((String) serverRequest.get("name"), "ROOT_ACCESS",
                "DISASTER_RECOVERY_PROCEDURE");

        // check all but one: still refused, naming only the remaining item
        List<Object> items = new ArrayList<>();
        Arrays.stream(Prerequisite.values()).filter(p -> p != Prerequisite.MINIMUM_BANDWIDTH)
                .forEach(p -> items.add(body("item", p.name(), "checked", true, "note", "verified " + p)));
        TestApi.Answer partial = api.put("/api/servers/" + serverId + "/prerequisites", body("items", items));
        assertThat(partial.status()).as(partial.toString()).isEqualTo(200);
        assertThat(partial.json().get("complete").asBoolean()).isFalse();
        JsonNode root = partial.json().get("items").get(0);
        assertThat(root.get("checkedBy").asText()).isEqualTo(TestApi.ADMIN);
        assertThat(root.get("checkedAt").asText()).isNotBlank();
        assertThat(root.get("note").asText()).isEqualTo("verified ROOT_ACCESS");
        assertThat(root.get("rule").asText()).isEqualTo("R3.4");

        TestApi.Answer stillRefused = register.setStatus(contractId, "ACTIVE");
        assertThat(stillRefused.status()).isEqualTo(409);
        assertThat(problemsText(stillRefused)).contains("MINIMUM_BANDWIDTH").doesNotContain("ROOT_ACCESS");
        assertThat(api.get("/api/contracts/" + contractId).json().get("status").asText()).isEqualTo("DRAFT");

        TestApi.Answer last = api.put("/api/servers/" + serverId + "/prerequisites",
                body("items", List.of(body("item", "MINIMUM_BANDWIDTH", "checked", true))));
        assertThat(last.json().get("complete").asBoolean()).isTrue();
        assertThat(api.get("/api/servers/" + serverId).json().get("prerequisitesComplete").asBoolean()).isTrue();
        TestApi.Answer accepted = register.setStatus(contractId, "ACTIVE");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    @DisplayName("R6.8-a a TIERCE contract also needs a HOSTER_EMERGENCY contact to become ACTIVE")
    void tierceNeedsHosterContact() {
        long clientId = register.createClient();
        register.createContact(clientId, "PRIMARY");
        long contractId = register.createContract(clientId);
        long serverId = register.createServer(contractId, "TIERCE");
        List<Object> all = Arrays.stream(Prerequisite.values())
                .map(p -> (Object) body("item", p.name(), "checked", true)).toList();
        api.put("/api/servers/" + serverId + "/prerequisites", body("items", all));
        TestApi.Answer refused = register.setStatus(contractId, "ACTIVE");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(problemsText(refused)).contains("HOSTER_EMERGENCY");
    }

    @Test
    @DisplayName("R3.4 an item is unchecked again, clearing who and when; bad checklist requests change nothing")
    void uncheckAndBadRequests() {
        long serverId = register.createServer(register.createContract(register.createClient()), "TIERCE");
        String path = "/api/servers/" + serverId + "/prerequisites";
        api.put(path, body("items", List.of(body("item", "COMPATIBLE_OS", "checked", true, "note", "Debian 12"))));
        TestApi.Answer unchecked = api.put(path, body("items",
                List.of(body("item", "COMPATIBLE_OS", "checked", false, "note", "Debian 10 found, EOL"))));
        JsonNode os = unchecked.json().get("items").get(4);
        assertThat(os.get("item").asText()).isEqualTo("COMPATIBLE_OS");
        assertThat(os.get("checked").asBoolean()).isFalse();
        assertThat(os.get("checkedBy").isNull()).isTrue();
        assertThat(os.get("checkedAt").isNull()).isTrue();
        assertThat(os.get("note").asText()).isEqualTo("Debian 10 found, EOL");

        JsonNode before = api.get(path).json();
        TestApi.Answer twice = api.put(path, body("items", List.of(body("item", "ROOT_ACCESS", "checked", true),
                body("item", "ROOT_ACCESS", "checked", false))));
        assertThat(fields(twice)).containsExactly("items[1].item");
        TestApi.Answer missing = api.put(path, body("items", List.of(body("item", "ROOT_ACCESS", "checked", true),
                body("item", null, "checked", null))));
        assertThat(fields(missing)).containsExactlyInAnyOrder("items[1].item", "items[1].checked");
        TestApi.Answer unknownItem = api.put(path, body("items", List.of(body("item", "COFFEE", "checked", true))));
        assertThat(unknownItem.status()).isEqualTo(400);
        TestApi.Answer empty = api.put(path, body("items", List.of()));
        assertThat(fields(empty)).containsExactly("items");
        assertThat(api.get(path).json()).isEqualTo(before);
    }

    @Test
    @DisplayName("R3.4 a server moved from PROGERANCE to TIERCE gets its checklist, unchecked")
    void kindChange() {
        long contractId = register.createContract(register.createClient());
        Map<String, Object> request = serverBody(contractId, "PROGERANCE");
        long id = created(api.post("/api/servers", request));
        TestApi.Answer moved = api.put("/api/servers/" + id, with(request, "infrastructure", "TIERCE",
                "hosterName", "Scaleway"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("prerequisitesComplete").asBoolean()).isFalse();
        assertThat(api.get("/api/servers/" + id + "/prerequisites").json().get("items").size())
                .isEqualTo(Prerequisite.values().length);
    }
}
