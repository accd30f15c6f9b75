package fr.progerance.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.incident.flow.IncidentFlowFixture;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 7, section 8: a seeded, bounded fuzzer. It drives every {@code /api} endpoint (found from
 * Spring's own mappings, so a new endpoint is fuzzed without touching this class) and the engine
 * REST paths an ops user reaches, as that ops user, with malformed bodies (schema-aware mutations
 * of valid bodies built from the request records, and raw garbage) and parameters. It asserts no
 * 5xx, no error body over {@value #MAX_ERROR_BODY} bytes, and that refused requests saved nothing:
 * the counts of records and the fixture's records are the same before and after, but for what a
 * 2xx answer created or changed. The figures (requests by status class) are printed.
 * {@code -Dfuzz.seed=...} and {@code -Dfuzz.requests-per-endpoint=...} replay or widen a run.
 */
@OpsSpringBootTest
@DisplayName("Issue 7: a seeded fuzzer on /api and the engine REST paths ops reach: no 5xx, small errors, nothing saved by a refusal")
class RestFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final int PER_ENDPOINT = Integer.getInteger("fuzz.requests-per-endpoint", 60);
    private static final int MAX_ERROR_BODY = 4096;
    private static final String OPS = "fuzzops";
    private static final String OPS_PASSWORD = "fuzz-ops-long-password-2026";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Values that break things: wrong types, bounds, control characters, expressions, sizes. */
    private static final List<Object> NASTY = List.of("", " ", "  x  ", "\u0000", "a\u001bb", "\ud800", "x".repeat(5000),
            "${''.getClass().getName()}", "#{1+1}", "${dateTime().plusYears(100).toDate()}", "TERMINATED ", "ACTIVE ",
            "+999999999-12-31", "2026-02-30", "9999-99-99T99:99", "1e2147483647", "1e20000000", "-1", "0",
            "NaN", "Infinity", "../../etc/passwd", "169.254.169.254", "http://169.254.169.254/latest/meta-data/",
            "<script>alert(1)</script>", "'; drop table ops_client; --", "null", "true",
            1.5, -1, 0, 2147483648L, Long.MAX_VALUE, 1e308, -1e308, true, false,
            new java.math.BigDecimal("99999999999999999999999999999999999999"), 1700000000,
            List.of(), List.of(1, "a", List.of()), Map.of(), Map.of("x", Map.of("y", List.of(Map.of()))));

    private static final List<String> RAW_BODIES = List.of("", "{", "}", "[]", "null", "\"text\"", "42", "{}{}",
            "{\"a\":1} trailing", "{\"a\":", "{'single':'quotes'}", "{\"a\":1,}", "\u0000\u0001\u0002",
            "[".repeat(3000) + "]".repeat(3000), "{\"a\":" + "9".repeat(5000) + "}",
            "{\"a\":\"" + "é".repeat(3000) + "\"}", "not json at all", "<xml/>",
            "{\"orQueries\":[{\"dueAfterExpression\":\"${dateTime().plusYears(100).toDate()}\"}]}");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    IdentityService identity;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    LoginThrottle throttle;

    private final Random random = new Random(SEED);
    private final Map<String, Integer> byClass = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> successes = new TreeMap<>();
    private int requests;
    private int largestErrorBody;
    private TestApi ops;
    private Fixture fixture;

    /** Ids of real records, so that mutations reach past the 404 of an unknown id. */
    private record Fixture(long clientId, long contactId, long contractId, long serverId, String incident,
            String processInstanceId, String taskId, String definitionId) {
    }

    @Test
    @DisplayName("Every /api endpoint and the engine REST paths ops reach, thousands of malformed requests")
    void fuzz() throws Exception {
        if (identity.createUserQuery().userId(OPS).count() == 0) {
            org.camunda.bpm.engine.identity.User user = identity.newUser(OPS);
            user.setPassword(OPS_PASSWORD);
            identity.saveUser(user);
            identity.createMembership(OPS, OpsGroups.OPS);
        }
        ops = TestApi.as(port, OPS, OPS_PASSWORD);
        fixture = fixture();
        Map<String, Long> countsBefore = counts();
        Map<String, String> recordsBefore = records();
        long started = System.nanoTime();

        List<Map.Entry<RequestMappingInfo, HandlerMethod>> api = mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getKey().getPatternValues().stream().anyMatch(p -> p.startsWith("/api/")))
                .sorted(java.util.Comparator.comparing(e -> e.getKey().toString())).toList();
        assertThat(api).as("the /api endpoints found from Spring's mappings").hasSizeGreaterThan(15);
        for (var endpoint : api) {
            for (int i = 0; i < PER_ENDPOINT; i++) {
                fuzzApi(endpoint.getKey(), endpoint.getValue());
            }
        }
        for (int i = 0; i < PER_ENDPOINT * 25; i++) {
            fuzzEngine();
        }

        double seconds = (System.nanoTime() - started) / 1e9;
        throttle.liftAll();
        System.out.printf(Locale.ROOT, "fuzz (seed %d): %d requests in %.1f s on %d /api endpoints and %d engine"
                        + " paths; by status class %s; largest error body %d bytes; 2xx writes %s%n", SEED, requests,
                seconds, api.size(), ENGINE_PATHS, byClass, largestErrorBody, successes);
        assertThat(failures).as("requests answered 5xx or with an error body over %d bytes (seed %d)", MAX_ERROR_BODY,
                SEED).isEmpty();
        Map<String, Long> countsAfter = counts();
        countsBefore.forEach((name, before) -> {
            if (successes.getOrDefault(name, 0) == 0) {
                assertThat(countsAfter.get(name)).as("%s: refused requests saved nothing", name).isEqualTo(before);
            }
        });
        Map<String, String> recordsAfter = records();
        recordsBefore.forEach((path, before) -> {
            // A view shows what it belongs to (a contract shows its client's name): it may change by a
            // write that succeeded on itself or on one of them, never otherwise.
            boolean written = recordsBefore.keySet().stream().filter(path::startsWith).anyMatch(this::written)
                    || written(path) || (path.startsWith("/api/contracts") || path.startsWith("/api/servers"))
                    && (written("/api/clients/" + fixture.clientId()) || written("/api/contracts/" + fixture.contractId()));
            if (!written) {
                assertThat(recordsAfter.get(path)).as("%s unchanged by refused requests", path).isEqualTo(before);
            }
        });
    }

    // --- /api ----------------------------------------------------------------------------------------

    private void fuzzApi(RequestMappingInfo info, HandlerMethod handler) {
        String pattern = info.getPatternValues().iterator().next();
        RequestMethod method = info.getMethodsCondition().getMethods().isEmpty() ? RequestMethod.GET
                : info.getMethodsCondition().getMethods().iterator().next();
        Method m = handler.getMethod();
        String path = pattern;
        Map<String, Object> query = new LinkedHashMap<>();
        Class<?> bodyType = null;
        for (Parameter p : m.getParameters()) {
            PathVariable pv = p.getAnnotation(PathVariable.class);
            RequestParam rp = p.getAnnotation(RequestParam.class);
            if (pv != null) {
                String name = pv.value().isEmpty() ? (pv.name().isEmpty() ? p.getName() : pv.name()) : pv.value();
                path = path.replace("{" + name + "}", encode(String.valueOf(pathValue(name))));
            } else if (rp != null) {
                String name = rp.value().isEmpty() ? (rp.name().isEmpty() ? p.getName() : rp.name()) : rp.value();
                if (random.nextInt(5) > 0) {
                    query.put(name, random.nextInt(3) == 0 ? validParameter(name) : pick(NASTY));
                }
            } else if (p.getAnnotation(RequestBody.class) != null) {
                bodyType = p.getType();
            }
        }
        if (random.nextInt(4) == 0) {
            query.put(randomName(), pick(NASTY));
        }
        String url = path + queryString(query);
        String body = bodyType == null ? null : body(bodyType);
        TestApi.Answer answer = send(method.name(), url, body);
        noteWrite(method.name(), pattern, answer);
        if (!method.name().equals("GET") && answer.status() / 100 == 2) {
            successes.merge(java.net.URLDecoder.decode(path, StandardCharsets.UTF_8), 1, Integer::sum);
        }
    }

    private Object pathValue(String name) {
        int choice = random.nextInt(6);
        Object valid = switch (name) {
            case "id" -> random.nextBoolean() ? fixture.clientId() : random.nextBoolean() ? fixture.contractId()
                    : fixture.serverId();
            case "contactId" -> fixture.contactId();
            case "number" -> fixture.incident();
            default -> 1;
        };
        return choice < 3 ? valid : pick(List.of("0", "-1", "99999999999999999999", "1.5", "abc", "%00", "${1}",
                "x".repeat(300), "INC-2026-999999", "é"));
    }

    private Object validParameter(String name) {
        return switch (name) {
            case "detectedAt", "from" -> OffsetDateTime.parse("2026-03-10T10:00:00+01:00").toString();
            case "hours" -> "4";
            case "infrastructure" -> "PROGERANCE";
            case "level" -> "1";
            case "category" -> "TROUBLESHOOTING";
            case "status" -> "OPEN";
            default -> String.valueOf(fixture.clientId());
        };
    }

    /** A mutated valid body of {@code type} (a request record), or raw garbage. */
    private String body(Class<?> type) {
        if (random.nextInt(4) == 0) {
            return pick(RAW_BODIES);
        }
        Map<String, Object> valid = validBody(type);
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            int kind = random.nextInt(10);
            if (kind == 0 || valid.isEmpty()) {
                valid.put(randomName(), pick(NASTY)); // an unknown field
            } else if (kind == 1) {
                valid.remove(pick(new ArrayList<>(valid.keySet())));
            } else {
                valid.put(pick(new ArrayList<>(valid.keySet())), pick(NASTY));
            }
        }
        String text = json(valid);
        return random.nextInt(20) == 0 ? text + " {}" : text;
    }

    private Map<String, Object> validBody(Class<?> type) {
        String name = type.getSimpleName();
        Map<String, Object> body = switch (name) {
            case "ClientRequest" -> RegisterApi.clientBody();
            case "ContractRequest" -> RegisterApi.contractBody(fixture.clientId());
            case "ServerRequest" -> RegisterApi.serverBody(fixture.contractId(), "PROGERANCE");
            case "ContactRequest" -> RegisterApi.body("name", "Contact fuzz", "email", "fuzz@client.example",
                    "phone", "+33 6 12 34 56 78", "role", "SECONDARY", "secondaryOrder", 5);
            case "IncidentRequest" -> RegisterApi.body("serverId", fixture.serverId(), "category", "UPDATE", "level", 1,
                    "summary", "fuzz", "source", "fuzz", "detectedAt", "2026-03-10T10:00:00+01:00");
            case "StatusChange" -> RegisterApi.body("status", "SUSPENDED");
            case "PrerequisitesUpdate" -> RegisterApi.body("items", List.of(RegisterApi.body("item", "ROOT_ACCESS",
                    "checked", true)));
            default -> null;
        };
        if (body == null) {
            body = new LinkedHashMap<>();
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    body.put(c.getName(), c.getType() == String.class ? "fuzz" : 1);
                }
            }
        }
        return new LinkedHashMap<>(body);
    }

    // --- the engine REST paths ops reach ---------------------------------------------------------------

    private static final int ENGINE_PATHS = 24;

    private void fuzzEngine() {
        String task = encode(random.nextInt(3) == 0 ? pick(List.of("nope", "${1}", "x".repeat(200), "-1"))
                : fixture.taskId());
        String pi = random.nextInt(3) == 0 ? "nope" : fixture.processInstanceId();
        String def = fixture.definitionId();
        List<Supplier<String[]>> paths = List.of(
                () -> new String[] {"GET", "/engine-rest/task" + randomQuery(), null},
                () -> new String[] {"POST", "/engine-rest/task", jsonQuery()},
                () -> new String[] {"POST", "/engine-rest/task/count", jsonQuery()},
                () -> new String[] {"POST", "/engine-rest/task/" + task + "/complete", variables()},
                () -> new String[] {"POST", "/engine-rest/task/" + task + "/submit-form", variables()},
                () -> new String[] {"PUT", "/engine-rest/task/" + task + "/variables/" + encode(randomName()), variable()},
                () -> new String[] {"PUT", "/engine-rest/task/" + task + "/localVariables/" + encode(randomName()), variable()},
                () -> new String[] {"POST", "/engine-rest/task/" + task + "/claim", jsonQuery()},
                () -> new String[] {"GET", "/engine-rest/task/" + task + "/form-variables" + randomQuery(), null},
                () -> new String[] {"GET", "/engine-rest/process-instance" + randomQuery(), null},
                () -> new String[] {"GET", "/engine-rest/process-instance/" + pi + "/variables" + randomQuery(), null},
                () -> new String[] {"POST", "/engine-rest/process-definition/key/IncidentHandling/start", startBody()},
                () -> new String[] {"POST", "/engine-rest/process-definition/" + def + "/submit-form", variables()},
                () -> new String[] {"GET", "/engine-rest/process-definition" + randomQuery(), null},
                () -> new String[] {"POST", "/engine-rest/message", jsonQuery()},
                () -> new String[] {"POST", "/engine-rest/signal", jsonQuery()},
                () -> new String[] {"GET", "/engine-rest/history/task" + randomQuery(), null},
                () -> new String[] {"GET", "/engine-rest/history/variable-instance" + randomQuery(), null},
                () -> new String[] {"POST", "/engine-rest/filter/create", jsonQuery()},
                () -> new String[] {"GET", "/engine-rest/filter" + randomQuery(), null},
                () -> new String[] {"GET", "/engine-rest/job" + randomQuery(), null},
                () -> new String[] {"PUT", "/engine-rest/job/" + encode(randomName()) + "/retries", jsonQuery()},
                () -> new String[] {"PUT", "/engine-rest/user/" + encode(pick(List.of(OPS, "x y", "${1}", "nope")))
                        + "/credentials", jsonQuery()},
                () -> new String[] {"GET", "/engine-rest/user" + randomQuery(), null});
        String[] request = pick(paths).get();
        TestApi.Answer answer = send(request[0], request[1], request[2]);
        noteWrite(request[0], request[1].replaceAll("\\?.*", ""), answer);
        if (request[1].endsWith("/credentials")) {
            // A wrong current password is a failed login (issue 7, section 2): the fuzzer's address must
            // not end up throttled, for the rest of this run and for the test classes after it.
            throttle.liftAll();
        }
    }

    private String variables() {
        if (random.nextInt(3) == 0) {
            return pick(RAW_BODIES);
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = random.nextInt(3); i >= 0; i--) {
            vars.put(random.nextBoolean() ? randomName() : pick(List.of("causeCategory", "restored", "phoneOutcome",
                    "decisionApproved", "incidentNumber")), Map.of("value", pick(NASTY)));
        }
        return json(Map.of("variables", vars));
    }

    private String variable() {
        return random.nextInt(3) == 0 ? pick(RAW_BODIES) : json(Map.of("value", pick(NASTY),
                "type", pick(List.of("String", "Integer", "Date", "Object", "Json", "Bytes", "nope"))));
    }

    private String startBody() {
        return random.nextInt(3) == 0 ? pick(RAW_BODIES) : json(Map.of("businessKey",
                pick(List.of(fixture.incident(), "x", "${1}")), "variables", Map.of(randomName(),
                Map.of("value", pick(NASTY)))));
    }

    private String jsonQuery() {
        if (random.nextInt(3) == 0) {
            return pick(RAW_BODIES);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
            body.put(pick(List.of("maxResults", "firstResult", "sorting", "orQueries", "dueAfter", "messageName",
                    "name", "processInstanceId", "userId", "retries", "password", "authenticatedUserPassword",
                    "resourceType", "query", "candidateGroup", randomName())), pick(NASTY));
        }
        return json(body);
    }

    private String randomQuery() {
        Map<String, Object> query = new LinkedHashMap<>();
        for (int i = random.nextInt(3); i >= 0; i--) {
            query.put(pick(List.of("maxResults", "firstResult", "sortBy", "sortOrder", "dueAfter", "processInstanceId",
                    "variables", "processVariables", "nameLike", "deserializeValues", randomName())), pick(NASTY));
        }
        return queryString(query);
    }

    // --- requests and what they changed -------------------------------------------------------------

    private TestApi.Answer send(String method, String url, String body) {
        HttpRequest.Builder request = ops.request(url);
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        if (body != null) {
            request.header("Content-Type", random.nextInt(15) == 0 ? "text/plain" : "application/json");
        }
        request.method(method, publisher);
        TestApi.Answer answer;
        try {
            answer = ops.send(request);
        } catch (RuntimeException e) {
            failures.add(method + " " + shorten(url) + ": no answer (" + e.getClass().getSimpleName() + ")");
            return new TestApi.Answer(599, "", null);
        }
        requests++;
        byClass.merge(answer.status() / 100 + "xx", 1, Integer::sum);
        if (answer.status() >= 400) {
            largestErrorBody = Math.max(largestErrorBody, answer.body().length());
        }
        if (answer.status() >= 500 || (answer.status() >= 400 && answer.body().length() > MAX_ERROR_BODY)) {
            if (failures.size() < 40) {
                failures.add(answer.status() + " (" + answer.body().length() + " bytes) for " + method + " "
                        + shorten(url) + (body == null ? "" : " " + shorten(body)) + " -> " + shorten(answer.body()));
            }
        }
        return answer;
    }

    private void noteWrite(String method, String path, TestApi.Answer answer) {
        if (!method.equals("GET") && answer.status() / 100 == 2) {
            successes.merge(resource(path), 1, Integer::sum);
            successes.merge(path, 1, Integer::sum);
            if (path.startsWith("/api/incidents")) {
                successes.merge("process instances", 1, Integer::sum); // a new incident starts its process
            }
        }
    }

    private boolean written(String path) {
        return successes.getOrDefault(path, 0) > 0;
    }

    /** The count a write to {@code path} may change. */
    private static String resource(String path) {
        if (path.startsWith("/api/clients") && path.contains("contacts")) {
            return "contacts";
        }
        for (String name : List.of("clients", "contracts", "servers", "incidents")) {
            if (path.startsWith("/api/" + name)) {
                return name;
            }
        }
        if (path.contains("/start") || path.contains("submit-form")) {
            return "process instances";
        }
        if (path.startsWith("/engine-rest/filter")) {
            return "filters";
        }
        return path;
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        TestApi admin = TestApi.asAdmin(port);
        for (String name : List.of("clients", "contracts", "servers", "incidents")) {
            counts.put(name, (long) admin.get("/api/" + name).json().size());
        }
        counts.put("contacts", (long) admin.get("/api/clients/" + fixture.clientId() + "/contacts").json().size());
        counts.put("process instances", runtime.createProcessInstanceQuery().count());
        counts.put("filters", admin.get("/engine-rest/filter/count").json().get("count").asLong());
        return counts;
    }

    /** The fixture's records as the API shows them. */
    private Map<String, String> records() {
        TestApi admin = TestApi.asAdmin(port);
        Map<String, String> records = new TreeMap<>();
        for (String path : List.of("/api/clients/" + fixture.clientId(), "/api/contracts/" + fixture.contractId(),
                "/api/servers/" + fixture.serverId(), "/api/clients/" + fixture.clientId() + "/contacts/"
                        + fixture.contactId(), "/api/servers/" + fixture.serverId() + "/prerequisites")) {
            records.put(path, admin.get(path).body());
        }
        return records;
    }

    private Fixture fixture() {
        RegisterApi register = new RegisterApi(port);
        IncidentFlowFixture f = IncidentFlowFixture.create(register, new IncidentFlowFixture.Spec()
                .shopUrl("https://boutique-fuzz.example.net/"));
        long contactId = register.api.get("/api/clients/" + f.clientId() + "/contacts").json().get(0).get("id").asLong();
        JsonNode reported = register.api.post("/api/incidents", RegisterApi.body("serverId", f.serverId(), "category",
                "TROUBLESHOOTING", "level", 1, "summary", "fuzz fixture", "source", "fuzz", "detectedAt",
                OffsetDateTime.now().minusMinutes(1).toString())).json();
        String number = reported.get("number").asText();
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
        String taskId = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
        return new Fixture(f.clientId(), contactId, f.contractId(), f.serverId(), number, instance.getId(), taskId,
                instance.getProcessDefinitionId());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String randomName() {
        return pick(List.of("x", "unknownField", "status", "__proto__", "dueAfterExpression", "a.b", "${name}",
                "n".repeat(300), "é", "id"));
    }

    private static String queryString(Map<String, Object> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("?");
        query.forEach((k, v) -> s.append(s.length() > 1 ? "&" : "").append(encode(k)).append('=')
                .append(encode(String.valueOf(v))));
        return s.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }
}
