package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestApi.Answer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 7, section 1: no expression sent by a request is ever evaluated. Every path that reaches the
 * engine's REST resources refuses, with 400 and the offending field named, a request that carries a
 * key ending in {@code Expression} or a {@code ${} / {@code #{} anywhere (body at any depth, query
 * string, form body); only administrators write stored filters, whose identity expressions keep
 * Tasklist working. {@link ExpressionGuardCoverageTest} proves no REST resource is left out.
 */
@OpsSpringBootTest
class ExpressionGuardTest {

    /** The request of issue 7, answered 200 (and evaluated) before the guard. */
    static final String ISSUE_BODY = "{\"orQueries\":[{\"dueAfterExpression\":\"${dateTime().plusYears(100).toDate()}\"}]}";
    static final String ISSUE_BODY_MINUS = "{\"orQueries\":[{\"dueAfterExpression\":\"${dateTime().minusYears(100).toDate()}\"}]}";
    static final String METHOD_CALL = "${''.getClass().getName()}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPS = "exprguardops";
    private static final String MANAGER = "exprguardmanager";
    private static final String PASSWORD = "expression-guard-password";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identityService;

    @Autowired
    FilterService filterService;

    @Autowired
    TaskService taskService;

    private final List<String> createdFilters = new ArrayList<>();
    private final List<String> createdTasks = new ArrayList<>();

    @BeforeEach
    void users() {
        user(OPS, OpsGroups.OPS);
        user(MANAGER, OpsGroups.MANAGERS);
    }

    @AfterEach
    void cleanUp() {
        createdFilters.forEach(filterService::deleteFilter);
        createdTasks.forEach(id -> taskService.deleteTask(id, true));
    }

    // --- /engine-rest: task queries -------------------------------------------------------------

    @Test
    @DisplayName("Issue 7: POST /engine-rest/task/count with an expression in orQueries answers 400 naming "
            + "orQueries[0].dueAfterExpression, for ops and managers, plusYears and minusYears alike")
    void issueRequestRefused() {
        for (TestApi caller : List.of(ops(), manager())) {
            for (String body : List.of(ISSUE_BODY, ISSUE_BODY_MINUS)) {
                Answer a = caller.post("/engine-rest/task/count", body);
                assertRefused(a, "orQueries[0].dueAfterExpression");
            }
        }
    }

    @Test
    @DisplayName("Issue 7: ${''.getClass().getName()} in any value of a task query is refused before any method call")
    void methodCallRefused() {
        Answer a = ops().post("/engine-rest/task/count",
                "{\"orQueries\":[{\"nameLike\":\"" + METHOD_CALL + "\"}]}");
        assertRefused(a, "orQueries[0].nameLike");
        assertThat(problem(a, "orQueries[0].nameLike").get("message").asText()).contains("${");
    }

    @Test
    @DisplayName("Issue 7: POST /engine-rest/task (the task list) with an expression in orQueries answers 400")
    void taskListRefused() {
        assertRefused(ops().post("/engine-rest/task", ISSUE_BODY), "orQueries[0].dueAfterExpression");
        assertRefused(manager().post("/engine-rest/task?firstResult=0&maxResults=10", ISSUE_BODY),
                "orQueries[0].dueAfterExpression");
    }

    @Test
    @DisplayName("Issue 7: the named-engine path /engine-rest/engine/default/task/count is guarded like /engine-rest/task/count")
    void namedEnginePathRefused() {
        assertRefused(ops().post("/engine-rest/engine/default/task/count", ISSUE_BODY), "orQueries[0].dueAfterExpression");
    }

    @ParameterizedTest(name = "GET {0}")
    @DisplayName("Issue 7: expressions in the query string (names and values, URL-decoded, any case) answer 400")
    @ValueSource(strings = {
        "/engine-rest/task?dueAfterExpression=%24%7BdateTime().plusYears(100).toDate()%7D",
        "/engine-rest/task/count?dueAfterExpression=${dateTime().toDate()}",
        "/engine-rest/task?assigneeExpression=alice",
        "/engine-rest/task?DUEAFTEREXPRESSION=x",
        "/engine-rest/task?assignee=%24%7BcurrentUser()%7D",
        "/engine-rest/task?assignee=%23%7BcurrentUser()%7D",
        "/engine-rest/task?name%24%7Bx%7D=y",
        "/engine-rest/process-instance?businessKey=%24%7B''.getClass()%7D",
        "/engine-rest/task/%24%7B''.getClass()%7D",
    })
    void queryStringRefused(String path) {
        Answer a = ops().get(path.replace("${", "%24%7B").replace("}", "%7D"));
        assertThat(a.status()).as(a.toString()).isEqualTo(400);
        assertThat(a.json().get("message").asText()).isEqualTo(ExpressionGuard.REFUSED);
        assertThat(a.json().get("problems")).isNotEmpty();
    }

    @Test
    @DisplayName("Issue 7: a query-string expression names its parameter in the answer")
    void queryStringNamesTheParameter() {
        Answer a = ops().get("/engine-rest/task/count?dueAfterExpression=%24%7Bnow()%7D&assignee=%24%7Bx%7D");
        assertRefused(a, "dueAfterExpression");
        assertThat(problem(a, "assignee")).isNotNull();
    }

    @Test
    @DisplayName("Issue 7: expressions are found at any depth: nested objects, arrays, several root values, "
            + "JSON escapes, any letter case")
    void anyDepth() {
        TestApi api = ops();
        assertRefused(api.post("/engine-rest/task/count", "{\"orQueries\":[{\"candidateGroups\":[\"ops\",\"#{1+1}\"]}]}"),
                "orQueries[0].candidateGroups[1]");
        assertRefused(api.post("/engine-rest/task/count",
                "{\"processVariables\":[{\"name\":\"x\",\"operator\":\"eq\",\"value\":{\"deep\":[[\"${x}\"]]}}]}"),
                "processVariables[0].value.deep[0][0]");
        assertRefused(api.post("/engine-rest/task/count", "{\"orQueries\":[{\"dueAfterEXPRESSION\":\"2026-01-01\"}]}"),
                "orQueries[0].dueAfterEXPRESSION");
        assertRefused(api.post("/engine-rest/task/count", "{\"nameLike\":\"\\u0024{x}\"}"), "nameLike");
        assertRefused(api.post("/engine-rest/task/count", "{} {\"orQueries\":[{\"dueAfterExpression\":\"${x}\"}]}"),
                "orQueries[0].dueAfterExpression");
        assertRefused(api.post("/engine-rest/task/count", "{\"orQueries\":[{\"dueAfterExpression\":{\"a\":1}}]}"),
                "orQueries[0].dueAfterExpression");
    }

    @Test
    @DisplayName("Queries without expressions still answer 200, orQueries included; '$' and '{' apart are plain text")
    void plainQueriesStillWork() {
        TestApi api = ops();
        assertThat(api.post("/engine-rest/task/count", "{}").status()).isEqualTo(200);
        Answer or = api.post("/engine-rest/task/count", "{\"orQueries\":[{\"assignee\":\"" + OPS + "\"},{\"nameLike\":\"%$ {x}%\"}]}");
        assertThat(or.status()).as(or.toString()).isEqualTo(200);
        assertThat(api.get("/engine-rest/task?assignee=" + OPS + "&sortBy=created&sortOrder=desc").status()).isEqualTo(200);
        assertThat(api.post("/engine-rest/task", "{\"nameLike\":\"100 $ or #1\"}").status()).isEqualTo(200);
    }

    // --- /engine-rest: stored filters --------------------------------------------------------------

    @Test
    @DisplayName("Issue 7: POST /engine-rest/filter/{id}/list and /count with an expression in the extending query answer 400")
    void filterListAndCountRefused() {
        String id = filterId(IdentityBootstrap.FILTER_MY_TASKS);
        TestApi api = ops();
        assertRefused(api.post("/engine-rest/filter/" + id + "/list", ISSUE_BODY), "orQueries[0].dueAfterExpression");
        assertRefused(api.post("/engine-rest/filter/" + id + "/count", ISSUE_BODY), "orQueries[0].dueAfterExpression");
        assertRefused(manager().post("/engine-rest/filter/" + id + "/count",
                "{\"dueAfterExpression\":\"${dateTime().plusYears(100).toDate()}\"}"), "dueAfterExpression");
        assertRefused(api.get("/engine-rest/filter/" + id + "/list?dueAfterExpression=%24%7Bnow()%7D"), "dueAfterExpression");
        assertThat(api.post("/engine-rest/filter/" + id + "/count", "{}").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Issue 7: a stored filter's own expressions stay evaluated: ops list 'My tasks' and get the task assigned to them")
    void storedFilterExpressionsStillWork() {
        Task task = taskService.newTask();
        task.setName("Expression guard: assigned to ops");
        task.setAssignee(OPS);
        taskService.saveTask(task);
        createdTasks.add(task.getId());
        String id = filterId(IdentityBootstrap.FILTER_MY_TASKS);

        Answer list = ops().post("/engine-rest/filter/" + id + "/list", "{}");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json()).extracting(t -> t.get("id").asText()).containsExactly(task.getId());
        Answer other = manager().post("/engine-rest/filter/" + id + "/count", "{}");
        assertThat(other.json().get("count").asLong()).as("${currentUser()} is the caller").isZero();
    }

    @Test
    @DisplayName("Issue 7: only administrators create, change or delete stored filters; ops and managers get 403")
    void onlyAdministratorsWriteFilters() {
        String id = filterId(IdentityBootstrap.FILTER_MY_TASKS);
        String plainFilter = "{\"resourceType\":\"Task\",\"name\":\"sneaky\",\"query\":{\"assignee\":\"x\"}}";
        for (TestApi caller : List.of(ops(), manager())) {
            assertThat(caller.post("/engine-rest/filter/create", plainFilter).status()).isEqualTo(403);
            assertThat(caller.put("/engine-rest/filter/" + id, plainFilter).status()).isEqualTo(403);
            assertThat(caller.send(caller.request("/engine-rest/filter/" + id).DELETE()).status()).isEqualTo(403);
        }
        assertThat(filterService.createFilterQuery().filterName("sneaky").count()).isZero();
        Filter mine = filterService.getFilter(id);
        assertThat(mine.getName()).isEqualTo(IdentityBootstrap.FILTER_MY_TASKS);
        assertThat(mine.getOwner()).isNull();
    }

    @Test
    @DisplayName("Issue 7: an administrator may store Tasklist's identity expressions ${currentUser()} and "
            + "${currentUserGroups()} in a filter (Tasklist's filter dialog), and nothing else")
    void administratorStoresIdentityExpressionsOnly() {
        TestApi admin = TestApi.asAdmin(port);
        Answer created = admin.post("/engine-rest/filter/create", "{\"resourceType\":\"Task\",\"name\":\"expr-guard-mine\","
                + "\"query\":{\"assigneeExpression\":\"${currentUser()}\",\"orQueries\":[{\"candidateGroupsExpression\":"
                + "\"${currentUserGroups()}\"}]},\"properties\":{\"priority\":50}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().get("id").asText();
        createdFilters.add(id);
        Answer updated = admin.put("/engine-rest/filter/" + id, "{\"resourceType\":\"Task\",\"name\":\"expr-guard-renamed\","
                + "\"query\":{\"candidateGroupsExpression\":\"${currentUserGroups()}\"}}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(204);

        assertRefused(admin.put("/engine-rest/filter/" + id, "{\"resourceType\":\"Task\",\"name\":\"x\","
                + "\"query\":{\"dueAfterExpression\":\"${dateTime().plusYears(100).toDate()}\"}}"), "query.dueAfterExpression");
        assertRefused(admin.post("/engine-rest/filter/create", "{\"resourceType\":\"Task\",\"name\":\"x\","
                + "\"query\":{\"assigneeExpression\":\"" + METHOD_CALL + "\"}}"), "query.assigneeExpression");
        assertRefused(admin.post("/engine-rest/filter/create", "{\"resourceType\":\"Task\",\"name\":\"${currentUser()}\","
                + "\"query\":{}}"), "name");
        assertThat(filterService.createFilterQuery().filterName("x").count()).isZero();
        // The allowance is for a stored filter's definition only: the same expression in a query is refused.
        assertRefused(admin.post("/engine-rest/task/count", "{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\"}]}"),
                "orQueries[0].assigneeExpression");
        assertRefused(admin.post("/engine-rest/filter/" + id + "/list", "{\"query\":{\"assigneeExpression\":\"${currentUser()}\"}}"),
                "query.assigneeExpression");
    }

    // --- the webapps' engine API -----------------------------------------------------------------

    @Test
    @DisplayName("Issue 7: the webapps' engine API (/camunda/api/engine/...) refuses the issue's request from a "
            + "logged-in Tasklist session with its CSRF token, and answers the same request without expression")
    void webappEngineApiRefused() {
        WebappSession tasklist = WebappSession.loggedIn(port, OPS, PASSWORD);
        assertThat(tasklist.csrfToken()).isNotBlank();
        String base = "/camunda/api/engine/engine/default";

        HttpResponse<String> refused = tasklist.postJson(base + "/task/count", ISSUE_BODY);
        assertRefused(refused.statusCode(), refused.body(), "orQueries[0].dueAfterExpression");
        HttpResponse<String> plain = tasklist.postJson(base + "/task/count", "{}");
        assertThat(plain.statusCode()).as("the same session and token without an expression: " + plain.body()).isEqualTo(200);

        String id = filterId(IdentityBootstrap.FILTER_GROUP_TASKS);
        HttpResponse<String> filterList = tasklist.postJson(base + "/filter/" + id + "/list?firstResult=0&maxResults=15", ISSUE_BODY);
        assertRefused(filterList.statusCode(), filterList.body(), "orQueries[0].dueAfterExpression");
        HttpResponse<String> query = tasklist.get(base + "/task?dueAfterExpression=%24%7Bnow()%7D");
        assertRefused(query.statusCode(), query.body(), "dueAfterExpression");
    }

    @Test
    @DisplayName("Tasklist's own requests pass: filters with their counts, a filter's list with Tasklist's body, the task list")
    void tasklistRequestsPass() {
        WebappSession tasklist = WebappSession.loggedIn(port, OPS, PASSWORD);
        String base = "/camunda/api/engine/engine/default";
        HttpResponse<String> filters = tasklist.get(base + "/filter?resourceType=Task&itemCount=true");
        assertThat(filters.statusCode()).as(filters.body()).isEqualTo(200);
        assertThat(filters.body()).contains(IdentityBootstrap.FILTER_MY_TASKS);
        String id = filterId(IdentityBootstrap.FILTER_GROUP_TASKS);
        HttpResponse<String> list = tasklist.postJson(base + "/filter/" + id + "/list?firstResult=0&maxResults=15",
                "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
                        + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true}");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("Issue 7: a form body is checked too: a webapp login whose fields carry an expression answers 400")
    void formBodyRefused() {
        WebappSession session = WebappSession.open(port);
        HttpResponse<String> r = session.send(session.login("${''.getClass()}", PASSWORD));
        assertRefused(r.statusCode(), r.body(), "username");
        HttpResponse<String> ok = session.send(session.login(OPS, PASSWORD));
        assertThat(ok.statusCode()).as("the form parameters still reach the login: " + ok.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("Issue 7: the Cockpit, Tasklist and Admin plugin APIs under /camunda/api are guarded as well")
    void pluginApisRefused() {
        WebappSession session = WebappSession.loggedIn(port, TestApi.ADMIN, TestApi.ADMIN_PASSWORD);
        for (String path : List.of("/camunda/api/cockpit/plugin/base/default/process-instance/count",
                "/camunda/api/tasklist/plugin/x/static/y", "/camunda/api/admin/plugin/adminPlugins/static/y")) {
            HttpResponse<String> r = session.postJson(path, ISSUE_BODY);
            assertRefused(r.statusCode(), r.body(), "orQueries[0].dueAfterExpression");
        }
        HttpResponse<String> count = session.postJson("/camunda/api/cockpit/plugin/base/default/process-instance/count", "{}");
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
    }

    // --- reading the body ------------------------------------------------------------------------

    @Test
    @DisplayName("Issue 7: a body over ops.http.max-body-size (1 MB) is refused with 413, declared or chunked, "
            + "and a body that says JSON but is not answers 400")
    void bodyLimits() {
        TestApi api = ops();
        String big = "{\"nameLike\":\"" + "a".repeat(1_100_000) + "\"}";
        Answer declared = api.post("/engine-rest/task/count", big);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("error").asText()).isEqualTo("Payload Too Large");
        Answer chunked = api.send(api.request("/engine-rest/task/count").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertThat(chunked.status()).isEqualTo(413);
        Answer justUnder = api.post("/engine-rest/task/count", "{\"nameLike\":\"" + "a".repeat(900_000) + "\"}");
        assertThat(justUnder.status()).isEqualTo(200);

        Answer broken = api.post("/engine-rest/task/count", "{\"orQueries\":[{\"dueAfterExpr");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("message").asText()).isEqualTo(ExpressionGuard.UNREADABLE);
        Answer text = api.send(api.request("/engine-rest/task/count").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("not json but ${x}")));
        assertRefused(text, "(body)");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private TestApi ops() {
        return TestApi.as(port, OPS, PASSWORD);
    }

    private TestApi manager() {
        return TestApi.as(port, MANAGER, PASSWORD);
    }

    private String filterId(String name) {
        return filterService.createFilterQuery().filterName(name).singleResult().getId();
    }

    private static void assertRefused(Answer a, String field) {
        assertRefused(a.status(), a.body(), field);
    }

    static void assertRefused(int status, String body, String field) {
        assertThat(status).as(body).isEqualTo(400);
        JsonNode json = read(body);
        assertThat(json.get("status").asInt()).isEqualTo(400);
        assertThat(json.get("error").asText()).isEqualTo("Bad Request");
        assertThat(json.get("message").asText()).isEqualTo(ExpressionGuard.REFUSED);
        assertThat(json.get("problems")).extracting(p -> p.get("field").asText()).as(body).contains(field);
    }

    private static JsonNode problem(Answer a, String field) {
        for (JsonNode p : a.json().get("problems")) {
            if (p.get("field").asText().equals(field)) {
                return p;
            }
        }
        return null;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }

    private void user(String id, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User u = identityService.newUser(id);
            u.setPassword(PASSWORD);
            identityService.saveUser(u);
            identityService.createMembership(id, group);
        }
    }
}
