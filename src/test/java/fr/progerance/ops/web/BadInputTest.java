package fr.progerance.ops.web;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.contractBody;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.fields;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.FormRefusal;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 7, section 4: bad input is a 400 (or 403, 404, 409 for what it is), never a 500, and never
 * a huge answer, on {@code /api} and on Camunda's {@code /engine-rest}. Every request the issue
 * quotes is a case here; each answer is checked for its status and its size.
 */
@OpsSpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Issue 7 §4: bad input answers 4xx with what is wrong, bounded, never 5xx")
class BadInputTest {

    /** No error answer, whatever was sent, is longer than this. */
    static final int MAX_ERROR_BODY = 2048;
    private static final String FROM = "2026-04-07T16:00:00%2B02:00";
    private static final String LISTENER_PROCESS = "BadInputTest_";

    @LocalServerPort
    int port;

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;

    RegisterApi register;
    TestApi api;
    String deploymentId;

    @BeforeAll
    void deployListenerProcesses() {
        DeploymentBuilder deployment = repository.createDeployment().name("bad-input-test");
        for (Refusal refusal : Refusal.values()) {
            deployment.addModelInstance(LISTENER_PROCESS + refusal + ".bpmn",
                    Bpmn.createExecutableProcess(LISTENER_PROCESS + refusal).camundaHistoryTimeToLive(1)
                            .startEvent().userTask("Task_" + refusal).name(refusal.name())
                            .camundaTaskListenerClass(TaskListener.EVENTNAME_COMPLETE, RefusingListener.class)
                            .endEvent().done());
        }
        deploymentId = deployment.deploy().getId();
    }

    @AfterAll
    void removeListenerProcesses() {
        repository.deleteDeployment(deploymentId, true);
    }

    @BeforeEach
    void setUp() {
        register = new RegisterApi(port);
        api = register.api;
    }

    /** A 4xx or 5xx answer is small and shows no stack trace. */
    static TestApi.Answer bounded(TestApi.Answer answer) {
        assertThat(answer.body().length()).as("size of %s", answer.status()).isLessThanOrEqualTo(MAX_ERROR_BODY);
        assertThat(answer.body()).doesNotContain("\tat ", "\n\tat", "Caused by");
        return answer;
    }

    static TestApi.Answer status(TestApi.Answer answer, int status) {
        assertThat(answer.status()).as(shortly(answer)).isEqualTo(status);
        return bounded(answer);
    }

    private static String shortly(TestApi.Answer answer) {
        String text = answer.toString();
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    private TestApi.Answer postJson(String path, String json) {
        return api.send(api.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private TestApi.Answer putJson(String path, String json) {
        return api.send(api.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String json(Map<String, Object> body) {
        try {
            return new ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code body} as JSON with {@code field}'s value written as the literal {@code number} (an exponent stays one). */
    private static String withNumber(Map<String, Object> body, String field, String number) {
        return json(with(body, field, "@@NUMBER@@")).replace("\"@@NUMBER@@\"", number);
    }

    private static String problemMessage(TestApi.Answer answer, String field) {
        for (JsonNode p : answer.json().get("problems")) {
            if (p.get("field").asText().equals(field)) {
                return p.get("message").asText();
            }
        }
        throw new AssertionError("no problem on " + field + " in " + answer);
    }

    @Nested
    @DisplayName("/api/contracts: dates and amounts in a sane range")
    class Contracts {

        @Test
        @DisplayName("POST /api/contracts with startDate \"+999999999-12-31\" is a 400 naming startDate")
        void absurdStartDateOnCreate() {
            long clientId = register.createClient();
            TestApi.Answer answer = status(api.post("/api/contracts",
                    with(contractBody(clientId), "startDate", "+999999999-12-31")), 400);
            assertThat(fields(answer)).containsExactly("startDate");
            assertThat(problemMessage(answer, "startDate")).contains("2000-01-01", "2199-12-31");
            assertThat(api.get("/api/contracts?clientId=" + clientId).json().size()).as("nothing saved").isZero();
        }

        @Test
        @DisplayName("PUT /api/contracts/{id} with startDate \"+999999999-12-31\" is a 400 and changes nothing")
        void absurdStartDateOnUpdate() {
            long clientId = register.createClient();
            Map<String, Object> request = contractBody(clientId);
            long id = created(api.post("/api/contracts", request));
            TestApi.Answer answer = status(api.put("/api/contracts/" + id,
                    with(request, "startDate", "+999999999-12-31")), 400);
            assertThat(fields(answer)).containsExactly("startDate");
            TestApi.Answer read = status(api.get("/api/contracts/" + id), 200);
            assertThat(read.json().get("startDate").asText()).isEqualTo("2026-01-01");
        }

        @ParameterizedTest(name = "startDate {0} -> {1}")
        @CsvSource({"1999-12-31, 400", "2000-01-01, 201", "2199-12-31, 201", "2200-01-01, 400",
                "-999999999-01-01, 400", "0000-01-01, 400"})
        void startDateRange(String startDate, int expected) {
            long clientId = register.createClient();
            status(api.post("/api/contracts", with(contractBody(clientId), "startDate", startDate)), expected);
        }

        @ParameterizedTest(name = "{0} = {1} -> 400")
        @CsvSource({
                "monthlyFeeExclTax,       1e2147483647",
                "monthlyFeeExclTax,       1e-2147483647",
                "monthlyFeeExclTax,       1000000.01",
                "emergencyBudgetExclTax,  1e2147483647",
                "emergencyBudgetExclTax,  1000000.01",
                "databaseConnectionQuota, 1e2147483647",
                "databaseConnectionQuota, 100001",
                "initialTermMonths,       99999999999999999999",
                "serviceLevel,            1e20000000",
                "clientId,                -1",
                "clientId,                1e2147483647"
        })
        void absurdNumbers(String field, String number) {
            long clientId = register.createClient();
            TestApi.Answer answer = status(postJson("/api/contracts",
                    withNumber(contractBody(clientId), field, number)), 400);
            assertThat(answer.body()).contains(field);
            assertThat(api.get("/api/contracts?clientId=" + clientId).json().size()).as("nothing saved").isZero();
        }

        @Test
        @DisplayName("The largest amounts accepted are one million euros")
        void largestAmounts() {
            long clientId = register.createClient();
            TestApi.Answer answer = status(api.post("/api/contracts", with(contractBody(clientId),
                    "monthlyFeeExclTax", 1_000_000, "emergencyBudgetExclTax", 1_000_000)), 201);
            assertThat(answer.json().get("monthlyFeeExclTax").decimalValue()).isEqualByComparingTo("1000000");
        }

        @Test
        @DisplayName("A thousand bad steps are answered with twenty problems and how many more")
        void manyProblemsAreCounted() {
            long clientId = register.createClient();
            TestApi.Answer answer = status(api.post("/api/contracts", with(contractBody(clientId),
                    "emergencyProcedure", body("steps", Collections.nCopies(1000, " ")))), 400);
            JsonNode problems = answer.json().get("problems");
            assertThat(problems.size()).isEqualTo(ApiExceptionHandler.MAX_PROBLEMS + 1);
            assertThat(problems.get(ApiExceptionHandler.MAX_PROBLEMS).get("message").asText())
                    .matches("\\d+ more problems not listed");
        }

        @Test
        @DisplayName("A huge value of the wrong type is quoted by its first 40 characters")
        void hugeWrongValue() {
            long clientId = register.createClient();
            TestApi.Answer answer = status(api.post("/api/contracts", with(contractBody(clientId),
                    "serviceLevel", "9".repeat(100_000) + "x")), 400);
            assertThat(answer.body()).contains("serviceLevel").doesNotContain("9".repeat(41));
        }

        @Test
        @DisplayName("An unknown field with a huge name is named by a short prefix")
        void hugeUnknownField() {
            long clientId = register.createClient();
            TestApi.Answer answer = status(api.post("/api/contracts", with(contractBody(clientId),
                    "x".repeat(40_000), 1)), 400);
            assertThat(answer.body()).doesNotContain("x".repeat(101));
        }

        @Test
        @DisplayName("A huge id in the path is quoted by its first 40 characters")
        void hugePathId() {
            TestApi.Answer answer = status(api.get("/api/contracts/" + "9".repeat(4000)), 400);
            assertThat(answer.body()).doesNotContain("9".repeat(41));
        }
    }

    @Nested
    @DisplayName("/api/incidents: the detection in a sane range")
    class Incidents {

        @ParameterizedTest(name = "detectedAt {0} -> 400")
        @CsvSource({"+999999999-12-31T23:59:59+18:00", "-999999999-01-01T00:00:00-18:00", "1999-12-31T12:00:00Z",
                "-999999999-01-01T00:00:00+18:00", "+999999999-12-31T23:59:59-18:00"})
        void absurdDetection(String detectedAt) {
            TestApi.Answer answer = status(api.post("/api/incidents", body("serverId", 1, "category", "TROUBLESHOOTING",
                    "level", 1, "summary", "x", "source", "test", "detectedAt", detectedAt)), 400);
            assertThat(answer.body()).contains("detectedAt");
        }

        @ParameterizedTest(name = "SLA detectedAt {0} -> 400")
        @CsvSource({"-999999999-01-01T00:00:00%2B18:00", "%2B999999999-12-31T23:59:59-18:00"})
        void absurdSlaDetection(String detectedAt) {
            status(api.get("/api/sla/incident-deadlines?infrastructure=TIERCE&level=1&category=UPDATE&detectedAt="
                    + detectedAt), 400);
            status(api.get("/api/sla/business-deadline?hours=4&from=" + detectedAt), 400);
        }
    }

    @Nested
    @DisplayName("/api/sla: hours and dates read without expanding them")
    class Sla {

        @ParameterizedTest(name = "hours={0} -> 400")
        @CsvSource({"1e2147483647", "1e20000000", "1e-2147483647", "0.0000001", "-1e2147483647", "NaN", "Infinity"})
        void absurdHours(String hours) {
            TestApi.Answer answer = status(api.get("/api/sla/business-deadline?from=" + FROM + "&hours=" + hours), 400);
            assertThat(fields(answer)).containsExactly("hours");
            assertThat(problemMessage(answer, "hours")).contains(hours.length() <= 40 ? hours : hours.substring(0, 40));
        }

        @Test
        @DisplayName("hours=1e20000000 answers a few hundred bytes, not 20 MB")
        void twentyMegabytesOfZerosAreNotWritten() {
            TestApi.Answer answer = status(api.get("/api/sla/business-deadline?from=" + FROM + "&hours=1e20000000"), 400);
            assertThat(answer.body().length()).isLessThan(400);
        }

        @Test
        @DisplayName("Long parameters are quoted by their first 40 characters")
        void longParameters() {
            TestApi.Answer hours = status(api.get("/api/sla/business-deadline?from=" + FROM + "&hours="
                    + "9".repeat(5000)), 400);
            assertThat(hours.body()).doesNotContain("9".repeat(41));
            TestApi.Answer from = status(api.get("/api/sla/business-deadline?hours=4&from=" + "2".repeat(5000)), 400);
            assertThat(from.body()).doesNotContain("2".repeat(41));
            TestApi.Answer level = status(api.get("/api/sla/incident-deadlines?infrastructure=TIERCE&category=UPDATE"
                    + "&detectedAt=" + FROM + "&level=" + "1".repeat(5000)), 400);
            assertThat(level.body()).doesNotContain("1".repeat(41));
        }

        @Test
        @DisplayName("A decimal number of hours still works")
        void decimalHours() {
            TestApi.Answer answer = status(api.get("/api/sla/business-deadline?from=2026-04-07T17:00:00%2B02:00"
                    + "&hours=1.250000"), 200);
            assertThat(answer.json().get("due").asText()).isEqualTo("2026-04-08T09:15:00+02:00");
        }
    }

    @Nested
    @DisplayName("/engine-rest and /error: refusals are 4xx with the readable message")
    class EngineRest {

        @Test
        @DisplayName("A user id outside Camunda's resource-id pattern is a 400")
        void userIdOutsideThePattern() {
            TestApi.Answer answer = status(api.post("/engine-rest/user/create", body(
                    "profile", body("id", "bad id!", "firstName", "Bad", "lastName", "Id", "email", "bad@example.fr"),
                    "credentials", body("password", "a-long-enough-password-2026"))), 400);
            assertThat(answer.json().get("message").asText()).contains("not a valid resource identifier");
        }

        @Test
        @DisplayName("A huge user id is a 400 that quotes a short prefix of it")
        void hugeUserId() {
            TestApi.Answer answer = status(api.post("/engine-rest/user/create", body(
                    "profile", body("id", "u".repeat(20_000) + "!", "firstName", "B", "lastName", "I",
                            "email", "bad@example.fr"),
                    "credentials", body("password", "a-long-enough-password-2026"))), 400);
            assertThat(answer.body()).doesNotContain("u".repeat(41));
        }

        @Test
        @DisplayName("PUT /engine-rest/job/{unknown}/retries is a 404")
        void unknownJobRetries() {
            TestApi.Answer answer = status(api.put("/engine-rest/job/no-such-job/retries", body("retries", 1)), 404);
            assertThat(answer.json().get("message").asText()).contains("No job found with id 'no-such-job'");
        }

        @Test
        @DisplayName("A huge JSON value on /engine-rest is a 400 with a short message")
        void hugeJsonValue() {
            TestApi.Answer answer = status(putJson("/engine-rest/job/no-such-job/retries",
                    "{\"retries\":\"" + "r".repeat(100_000) + "\"}"), 400);
            assertThat(answer.body()).doesNotContain("r".repeat(65));
            assertThat(answer.json().get("message").asText()).contains("retries");
            TestApi.Answer broken = status(putJson("/engine-rest/job/no-such-job/retries",
                    "{\"retries\":" + "7".repeat(100_000)), 400);
            assertThat(broken.body()).doesNotContain("7".repeat(65));
            TestApi.Answer notJson = status(putJson("/engine-rest/job/no-such-job/retries", "{\"retries\":1,"
                    + "\"" + "k".repeat(100_000)), 400);
            assertThat(notJson.json().get("message").asText()).isNotBlank();
            assertThat(notJson.body()).doesNotContain("k".repeat(65));
        }

        @ParameterizedTest(name = "a completion refused by a listener with {0} -> {1}")
        @CsvSource({"FORM_REFUSAL, 400", "INVALID_INPUT, 400", "CONFLICT, 409", "NOT_FOUND, 404",
                "AUTHORIZATION, 403", "HUGE_REFUSAL, 400", "SERVER_ERROR, 500"})
        void completionRefusedByAListener(Refusal refusal, int expected) {
            String pid = runtime.startProcessInstanceByKey(LISTENER_PROCESS + refusal).getId();
            String taskId = tasks.createTaskQuery().processInstanceId(pid).singleResult().getId();
            TestApi.Answer answer = status(api.post("/engine-rest/task/" + taskId + "/complete", Map.of()), expected);
            assertThat(answer.json().get("message").asText()).contains(refusal.message().substring(0, 30));
            assertThat(tasks.createTaskQuery().taskId(taskId).count()).as("the task stays open").isEqualTo(1);
            runtime.deleteProcessInstance(pid, "test done");
        }

        @Test
        @DisplayName("Deleting or changing a variable the task does not own is a 400")
        void foreignVariableWrites() {
            String pid = runtime.startProcessInstanceByKey(LISTENER_PROCESS + Refusal.FORM_REFUSAL).getId();
            String taskId = tasks.createTaskQuery().processInstanceId(pid).singleResult().getId();
            TestApi.Answer delete = status(api.send(api.request("/engine-rest/task/" + taskId + "/variables/foreign")
                    .DELETE()), 400);
            assertThat(delete.json().get("message").asText()).contains("foreign");
            TestApi.Answer modify = status(api.post("/engine-rest/task/" + taskId + "/variables",
                    body("modifications", body("foreign", body("value", 1)))), 400);
            assertThat(modify.json().get("message").asText()).contains("foreign");
            runtime.deleteProcessInstance(pid, "test done");
        }

        @Test
        @DisplayName("GET /error is a 404, with or without credentials")
        void errorPage() {
            TestApi.Answer anonymous = status(TestApi.anonymous(port).get("/error"), 404);
            assertThat(anonymous.json().get("status").asInt()).isEqualTo(404);
            status(api.get("/error"), 404);
            status(api.send(api.request("/error").POST(HttpRequest.BodyPublishers.noBody())), 404);
        }
    }

    /** What the test listener throws when its task completes. */
    enum Refusal {
        FORM_REFUSAL("Choose a cause before completing this task"),
        INVALID_INPUT("The summary must have at most 500 characters"),
        CONFLICT("The incident is closed and no longer changes"),
        NOT_FOUND("Incident INC-2026-999999 does not exist"),
        AUTHORIZATION("Only managers may lift a force majeure here"),
        HUGE_REFUSAL("A very long refusal repeats itself: " + "blah ".repeat(20_000)),
        SERVER_ERROR("Something broke on the server side for this task");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        String message() {
            return message;
        }
    }

    /** Throws on completion what the task's name says ({@link Refusal}). */
    public static class RefusingListener implements TaskListener {

        @Override
        public void notify(DelegateTask task) {
            Refusal refusal = Refusal.valueOf(task.getName());
            String message = refusal.message();
            throw switch (refusal) {
                case FORM_REFUSAL, HUGE_REFUSAL -> new FormRefusal(message);
                case INVALID_INPUT -> new InvalidInputException("summary", message);
                case CONFLICT -> new ConflictException(message, List.of());
                case NOT_FOUND -> new NotFoundException("Incident", "INC-2026-999999");
                case AUTHORIZATION -> new AuthorizationException(message);
                case SERVER_ERROR -> new IllegalStateException(message);
            };
        }
    }
}
