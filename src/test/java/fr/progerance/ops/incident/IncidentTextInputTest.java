package fr.progerance.ops.incident;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.fields;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 7 (6): NUL, ESC and other control characters are refused in the text of incidents: the
 * report (API and Tasklist start form), the force majeure reason and the free text of the
 * IncidentHandling forms completed through {@code /engine-rest}. Each refusal answers 400 naming
 * the field and changes nothing (no incident, the task still open, the record as it was).
 */
@OpsSpringBootTest
class IncidentTextInputTest {

    private static final Instant TUESDAY_10H = ZonedDateTime.of(2026, 3, 10, 10, 0, 0, 0, ZoneId.of("Europe/Paris"))
            .toInstant();
    private static final List<String> CONTROLS = List.of("\u0000", "\u001B[2J", "\t", "\u007F", "\u202E");

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    RegisterApi register;
    TestApi api;

    @BeforeEach
    void setUp() {
        clock.set(TUESDAY_10H);
        register = new RegisterApi(port);
        api = register.api;
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** An ACTIVE level-2 PROGERANCE contract with one server; its id. */
    private long activeServer() {
        long client = register.createClient();
        register.createContact(client, "PRIMARY");
        long contract = created(api.post("/api/contracts", with(RegisterApi.contractBody(client), "serviceLevel", 2,
                "databaseConnectionQuota", 100)));
        long server = register.createServer(contract, "PROGERANCE");
        assertThat(register.setStatus(contract, "ACTIVE").status()).isEqualTo(200);
        return server;
    }

    private static Map<String, Object> report(long server) {
        return body("serverId", server, "category", "TROUBLESHOOTING", "level", 2, "summary",
                "La boutique renvoie une erreur 502", "source", "monitoring", "detectedAt", "2026-03-10T09:55:00+01:00");
    }

    private int incidents() {
        return api.get("/api/incidents").json().size();
    }

    private String pid(String number) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
                .processDefinitionKey(IncidentHandlingProcess.KEY).singleResult().getId();
    }

    private Task task(String pid, String key) {
        return tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey(key).singleResult();
    }

    private TestApi.Answer complete(Task task, Map<String, Object> variables) {
        Map<String, Object> typed = new LinkedHashMap<>();
        variables.forEach((k, v) -> typed.put(k, Map.of("value", v)));
        return api.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", typed));
    }

    @Test
    @DisplayName("Issue 7: a report whose summary or source holds control characters is refused, by the API and the start form; no incident")
    void reports() {
        long server = activeServer();
        int before = incidents();
        long instances = runtime.createProcessInstanceQuery().processDefinitionKey(IncidentHandlingProcess.KEY).count();
        for (String control : CONTROLS) {
            for (String field : List.of("summary", "source")) {
                TestApi.Answer answer = api.post("/api/incidents", with(report(server), field, "Erreur" + control + "502"));
                assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
                assertThat(fields(answer)).containsOnly(field);

                Map<String, Object> typed = new LinkedHashMap<>();
                with(report(server), "level", "2", field, "Erreur" + control + "502")
                        .forEach((k, v) -> typed.put(k, Map.of("value", v)));
                TestApi.Answer form = api.post("/engine-rest/process-definition/key/" + IncidentHandlingProcess.KEY
                        + "/submit-form", Map.of("variables", typed));
                assertThat(form.status()).as(form.toString()).isEqualTo(400);
                assertThat(form.json().get("message").asText()).contains("Invalid input: " + field + " (must be one"
                        + " line without control characters");
            }
        }
        TestApi.Answer twoLines = api.post("/api/incidents", with(report(server), "summary", "Erreur 502\nsur /panier"));
        assertThat(fields(twoLines)).containsExactly("summary");
        assertThat(incidents()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IncidentHandlingProcess.KEY).count())
                .as("nothing half-started").isEqualTo(instances);
    }

    @Test
    @DisplayName("Issue 7: the IncidentHandling forms' free text refuses control characters through /engine-rest; the task stays open, the record unchanged")
    void formsThroughTheEngine() {
        TestApi.Answer reported = api.post("/api/incidents", report(activeServer()));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        String number = reported.json().get("number").asText();
        String pid = pid(number);
        JsonNode record = api.get("/api/incidents/" + number).json();

        Task takeCharge = task(pid, Elements.TAKE_CHARGE);
        for (String control : CONTROLS) {
            TestApi.Answer refused = complete(takeCharge, Map.of(Vars.CAUSE_CATEGORY, "SYSTEM",
                    Vars.TAKE_CHARGE_NOTES, "Disque plein" + control));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().get("message").asText()).contains(Vars.TAKE_CHARGE_NOTES
                    + " must not contain control characters other than line breaks");
        }
        TestApi.Answer tooLong = complete(takeCharge, Map.of(Vars.CAUSE_CATEGORY, "SYSTEM",
                Vars.TAKE_CHARGE_NOTES, "x".repeat(2001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("message").asText()).contains(Vars.TAKE_CHARGE_NOTES + " must be at most 2000");
        assertThat(task(pid, Elements.TAKE_CHARGE)).as("still open").isNotNull();
        assertThat(api.get("/api/incidents/" + number).json()).isEqualTo(record);

        TestApi.Answer multiLine = complete(takeCharge, Map.of(Vars.CAUSE_CATEGORY, "SYSTEM",
                Vars.TAKE_CHARGE_NOTES, "Disque plein\nlogs purgés"));
        assertThat(multiLine.status()).as(multiLine.toString()).isEqualTo(204);

        Task choose = task(pid, Elements.CHOOSE_REMEDIATION);
        TestApi.Answer description = complete(choose, Map.of(Vars.REMEDIATION_ACTION, "CLIENT_DECISION",
                Vars.DECISION_ACTION, "RESTORE_BACKUP", Vars.DECISION_DESCRIPTION, "Restaurer\u0000la sauvegarde",
                Vars.ESTIMATED_COST, 0));
        assertThat(description.status()).as(description.toString()).isEqualTo(400);
        assertThat(description.json().get("message").asText()).contains(": " + Vars.DECISION_DESCRIPTION + " must not");
        assertThat(task(pid, Elements.CHOOSE_REMEDIATION)).isNotNull();
    }

    @Test
    @DisplayName("Issue 7: a force majeure reason may span lines but holds no control character; a refused one declares nothing")
    void forceMajeure() {
        String number = api.post("/api/incidents", report(activeServer())).json().get("number").asText();
        String pid = pid(number);
        JsonNode record = api.get("/api/incidents/" + number).json();
        for (String control : CONTROLS) {
            TestApi.Answer refused = api.post("/api/incidents/" + number + "/force-majeure",
                    body("reason", "Inondation" + control));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(fields(refused)).containsExactly("reason");
        }
        assertThat(api.get("/api/incidents/" + number).json()).isEqualTo(record);
        assertThat(task(pid, Elements.LIFT_FORCE_MAJEURE)).isNull();

        TestApi.Answer declared = api.post("/api/incidents/" + number + "/force-majeure",
                body("reason", "Inondation du centre de données\nArrêté préfectoral n° 42"));
        assertThat(declared.status()).as(declared.toString()).isEqualTo(200);
        Task lift = task(pid, Elements.LIFT_FORCE_MAJEURE);
        TestApi.Answer notes = complete(lift, Map.of(Vars.FORCE_MAJEURE_NOTES, "\u001B[31mEau évacuée"));
        assertThat(notes.status()).as(notes.toString()).isEqualTo(400);
        assertThat(notes.json().get("message").asText()).contains(Vars.FORCE_MAJEURE_NOTES + " must not contain");
        assertThat(task(pid, Elements.LIFT_FORCE_MAJEURE)).as("still under force majeure").isNotNull();
        assertThat(complete(lift, Map.of(Vars.FORCE_MAJEURE_NOTES, "Eau évacuée\nreprise")).status()).isEqualTo(204);
    }
}
