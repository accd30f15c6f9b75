package fr.progerance.ops.web;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.clientBody;
import static fr.progerance.ops.contract.RegisterApi.contractBody;
import static fr.progerance.ops.contract.RegisterApi.fields;
import static fr.progerance.ops.contract.RegisterApi.serverBody;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 7 (6): NUL, ESC and other control characters are refused in every text field of the
 * register, with the field named and nothing saved; line breaks only in the checklist's notes.
 * (Incidents, force majeure and the IncidentHandling forms: {@code IncidentTextInputTest}.)
 */
@OpsSpringBootTest
class TextFieldsApiTest {

    /** What an attacker or a bad paste puts in a text: NUL, an ANSI colour (ESC), a line break, a tab, DEL. */
    static final List<String> CONTROLS = List.of("\u0000", "\u001B[2J", "\n", "\t", "\u007F", "\u202E");

    @LocalServerPort
    int port;

    RegisterApi register;
    TestApi api;

    @BeforeEach
    void setUp() {
        register = new RegisterApi(port);
        api = register.api;
    }

    /** A copy of {@code body} whose value at the dotted {@code path} ({@code billingAddress.city}) is {@code value}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> body, String path, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        int dot = path.indexOf('.');
        if (dot < 0) {
            copy.put(path, value);
        } else {
            String head = path.substring(0, dot);
            copy.put(head, at((Map<String, Object>) copy.get(head), path.substring(dot + 1), value));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    static Object get(Map<String, Object> body, String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? body.get(path) : get((Map<String, Object>) body.get(path.substring(0, dot)),
                path.substring(dot + 1));
    }

    /**
     * For each control character, {@code field}'s valid value with it inside (and, for the
     * shorter ones, at its end) is refused with the field named; {@code count} does not change.
     */
    private void refusesControls(String path, Map<String, Object> valid, String field,
            Function<Map<String, Object>, TestApi.Answer> send, Runnable nothingSaved) {
        String good = String.valueOf(get(valid, field));
        for (String control : CONTROLS) {
            String bad = good.length() > 2 ? good.substring(0, 2) + control + good.substring(2) : good + control;
            TestApi.Answer answer = send.apply(at(valid, field, bad));
            assertThat(answer.status()).as(path + " " + field + " with " + describe(control) + ": " + answer)
                    .isEqualTo(400);
            assertThat(fields(answer)).as(answer.toString()).isNotEmpty().containsOnly(field);
        }
        nothingSaved.run();
    }

    private static String describe(String control) {
        return String.format("U+%04X", (int) control.charAt(0));
    }

    private int count(String path) {
        return api.get(path).json().size();
    }

    @Test
    @DisplayName("Issue 7: control characters in any text field of a client are refused with the field named; nothing is saved")
    void clients() {
        int before = count("/api/clients");
        Map<String, Object> valid = clientBody();
        for (String field : List.of("companyName", "vatNumber", "billingAddress.line1", "billingAddress.line2",
                "billingAddress.postalCode", "billingAddress.city", "billingAddress.country")) {
            Map<String, Object> withValue = get(valid, field) == null ? at(valid, field, "Bâtiment B") : valid;
            refusesControls("/api/clients", withValue, field, b -> api.post("/api/clients", b),
                    () -> assertThat(count("/api/clients")).isEqualTo(before));
        }
        long id = register.createClient();
        JsonNode saved = api.get("/api/clients/" + id).json();
        refusesControls("/api/clients/{id}", clientBody(), "companyName", b -> api.put("/api/clients/" + id, b),
                () -> assertThat(api.get("/api/clients/" + id).json()).isEqualTo(saved));
    }

    @Test
    @DisplayName("Issue 7: control characters in a contact's name, email or phone are refused; nothing is saved")
    void contacts() {
        long client = register.createClient();
        String path = "/api/clients/" + client + "/contacts";
        Map<String, Object> valid = body("name", "Jeanne Martin", "email", "jeanne@example.fr", "phone",
                "+33 6 12 34 56 78", "role", "PRIMARY");
        for (String field : List.of("name", "email", "phone")) {
            refusesControls(path, valid, field, b -> api.post(path, b), () -> assertThat(count(path)).isZero());
        }
    }

    @Test
    @DisplayName("Issue 7: control characters in a contract's reference or procedure steps are refused; nothing is saved")
    void contracts() {
        long client = register.createClient();
        String list = "/api/contracts?clientId=" + client;
        Map<String, Object> valid = with(contractBody(client), "emergencyProcedure",
                body("steps", List.of("Appeler l'astreinte"), "allowedActions", List.of("REBOOT_SERVER")));
        refusesControls(list, valid, "reference", b -> api.post("/api/contracts", b),
                () -> assertThat(count(list)).isZero());
        for (String control : CONTROLS) {
            TestApi.Answer answer = api.post("/api/contracts", with(valid, "emergencyProcedure",
                    body("steps", List.of("Appeler", "Redémarrer" + control + "le serveur"))));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(fields(answer)).containsOnly("emergencyProcedure.steps[1]");
        }
        assertThat(count(list)).isZero();
    }

    @Test
    @DisplayName("Issue 7: control characters in any text field of a server are refused with the field named; nothing is saved")
    void servers() {
        long contract = register.createContract(register.createClient());
        String list = "/api/servers?contractId=" + contract;
        Map<String, Object> valid = with(serverBody(contract, "TIERCE"), "shopKeyword", "Boutique Dupont");
        for (String field : List.of("name", "address", "sshUser", "hostKeyFingerprint", "hosterName", "prestashopUrl",
                "installPath", "databaseName", "shopKeyword")) {
            refusesControls(list, valid, field, b -> api.post("/api/servers", b), () -> assertThat(count(list)).isZero());
        }
        long id = register.createServer(contract, "TIERCE");
        JsonNode saved = api.get("/api/servers/" + id).json();
        Map<String, Object> update = with(valid, "name", saved.get("name").asText());
        refusesControls("/api/servers/{id}", update, "hosterName", b -> api.put("/api/servers/" + id, b),
                () -> assertThat(api.get("/api/servers/" + id).json()).isEqualTo(saved));
    }

    @Test
    @DisplayName("Issue 7: a checklist note may span lines but holds no other control character; a refused note changes nothing")
    void checklistNotes() {
        long contract = register.createContract(register.createClient());
        long server = register.createServer(contract, "TIERCE");
        String path = "/api/servers/" + server + "/prerequisites";
        JsonNode before = api.get(path).json();
        for (String control : List.of("\u0000", "\u001B[2J", "\t", "\u007F", "\u2028")) {
            TestApi.Answer answer = api.put(path, body("items", List.of(body("item", "ROOT_ACCESS", "checked", true,
                    "note", "Accès vérifié" + control))));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(fields(answer)).containsExactly("items[0].note");
        }
        assertThat(api.get(path).json()).isEqualTo(before);

        TestApi.Answer multiLine = api.put(path, body("items", List.of(body("item", "ROOT_ACCESS", "checked", true,
                "note", "Accès vérifié le 3 mars\r\nDocument : GED/clients/42"))));
        assertThat(multiLine.status()).as(multiLine.toString()).isEqualTo(200);
        assertThat(multiLine.body()).contains("Accès vérifié le 3 mars\\r\\nDocument : GED/clients/42");

        TestApi.Answer tooLong = api.put(path, body("items", List.of(body("item", "ROOT_ACCESS", "checked", true,
                "note", "x".repeat(1001)))));
        assertThat(fields(tooLong)).containsExactly("items[0].note");
    }
}
