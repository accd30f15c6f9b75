package fr.progerance.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started as an operator would: {@code java -jar target/ops-engine.jar
 * --server.port=P --ops.data-dir=D} with the administrator in the environment. Runs after
 * {@code package} (Failsafe), against the real jar, over real HTTP.
 */
class PackagedJarIT {

    private static final String ADMIN = "itadmin";
    private static final String ADMIN_PASSWORD = "it-admin-password";

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    @DisplayName("The jar starts on H2 in the data directory and answers the SLA endpoints with the admin's credentials")
    void startsOnH2AndAnswersSla() throws Exception {
        int port = freePort();
        Path log = logs.resolve("jar.log");
        start(log, Map.of("OPS_ADMIN_USERNAME", ADMIN, "OPS_ADMIN_PASSWORD", ADMIN_PASSWORD),
                "--server.port=" + port, "--ops.data-dir=" + dataDir);
        awaitHealthy(port, log);

        assertThat(dataDir.resolve("ops-engine.mv.db")).exists();
        TestApi admin = TestApi.as(port, ADMIN, ADMIN_PASSWORD);

        // R4.3-p2: Friday 3 April 2026 17:30, level 2 troubleshooting; Monday 6 April is Easter Monday.
        TestApi.Answer deadlines = admin.get("/api/sla/incident-deadlines?infrastructure=PROGERANCE&level=2"
                + "&category=TROUBLESHOOTING&detectedAt=2026-04-03T17:30:00%2B02:00");
        assertThat(deadlines.status()).as(deadlines.toString()).isEqualTo(200);
        JsonNode d = deadlines.json();
        assertThat(d.get("guaranteed").asBoolean()).isTrue();
        assertThat(d.get("interventionDue").asText()).isEqualTo("2026-04-07T07:30:00+02:00");
        assertThat(d.get("restorationDue").asText()).isEqualTo("2026-04-07T07:30:00+02:00");
        assertThat(d.get("rule").asText()).isEqualTo("R4.3-p2");

        // RC-business: 4 business hours from Christmas Eve 16:00 end on Monday 28 December 11:00.
        TestApi.Answer business = admin.get("/api/sla/business-deadline?from=2026-12-24T16:00:00%2B01:00&hours=4");
        assertThat(business.status()).as(business.toString()).isEqualTo(200);
        assertThat(business.json().get("due").asText()).isEqualTo("2026-12-28T11:00:00+01:00");

        TestApi.Answer missing = admin.get("/api/sla/business-deadline?hours=4");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("from");

        assertThat(TestApi.anonymous(port).get("/api/sla/business-deadline?from=2026-12-24T16:00:00%2B01:00&hours=4")
                .status()).isEqualTo(401);

        TestApi.Answer metrics = admin.send(admin.request("/actuator/prometheus").setHeader("Accept", "text/plain").GET());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");

        assertTasklistLogin(port, ADMIN, ADMIN_PASSWORD);
        assertThat(Files.readString(log)).as("Spring Boot generated no default user")
                .doesNotContain("generated security password");
    }

    @Test
    @DisplayName("R4.3-p1: an incident started through the API of the running jar puts the take-charge task in Tasklist, due at the intervention deadline")
    void incidentReachesTasklist() throws Exception {
        int port = freePort();
        Path log = logs.resolve("incident.log");
        start(log, Map.of("OPS_ADMIN_USERNAME", ADMIN, "OPS_ADMIN_PASSWORD", ADMIN_PASSWORD),
                "--server.port=" + port, "--ops.data-dir=" + dataDir,
                // the server below is this machine's loopback: no traffic leaves it
                "--ops.register.allow-loopback-addresses=true");
        awaitHealthy(port, log);
        TestApi admin = TestApi.as(port, ADMIN, ADMIN_PASSWORD);

        // An ops person, created as an administrator would in the Admin webapp.
        TestApi.Answer user = admin.post("/engine-rest/user/create", Map.of(
                "profile", Map.of("id", "opsit", "firstName", "Ops", "lastName", "Person", "email", "ops@progerance.example"),
                "credentials", Map.of("password", "ops-it-password")));
        assertThat(user.status()).as(user.toString()).isEqualTo(204);
        TestApi.Answer member = admin.send(admin.request("/engine-rest/group/ops/members/opsit")
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(member.status()).as(member.toString()).isEqualTo(204);

        long clientId = admin.post("/api/clients", Map.of("companyName", "Boutique Jar SARL",
                "billingAddress", Map.of("line1", "3 quai du Port", "postalCode", "13002", "city", "Marseille",
                        "country", "FR"), "vatNumber", "FR40303265045")).json().get("id").asLong();
        assertThat(admin.post("/api/clients/" + clientId + "/contacts", Map.of("name", "Claire Martin",
                "email", "claire@boutique.example", "phone", "+33 6 11 22 33 44", "role", "PRIMARY",
                "mayAuthorise", true)).status()).isEqualTo(201);
        long contractId = admin.post("/api/contracts", Map.of("clientId", clientId, "reference", "PG-JAR-1",
                "serviceLevel", 1, "monthlyFeeExclTax", 290.00, "startDate", "2026-01-01", "initialTermMonths", 12,
                "databaseConnectionQuota", 100)).json().get("id").asLong();
        int closedPort = freePort();
        TestApi.Answer server = admin.post("/api/servers", Map.of("contractId", contractId, "name", "jar-web",
                "address", "127.0.0.1", "sshPort", closedPort, "sshUser", "ops",
                "hostKeyFingerprint", "SHA256:wCaPWU2z/Ojowy76wdXINnbShxM8kt3oP5DG5jhYqQY",
                "infrastructure", "PROGERANCE", "prestashopUrl", "http://127.0.0.1:" + closedPort + "/",
                "installPath", "/var/www/prestashop", "databaseName", "prestashop"));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        long serverId = server.json().get("id").asLong();
        assertThat(admin.put("/api/contracts/" + contractId + "/status", Map.of("status", "ACTIVE")).status())
                .isEqualTo(200);

        TestApi ops = TestApi.as(port, "opsit", "ops-it-password");
        String detectedAt = java.time.OffsetDateTime.now().minusMinutes(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        TestApi.Answer incident = ops.post("/api/incidents", Map.of("serverId", serverId, "category", "TROUBLESHOOTING",
                "level", 1, "summary", "Plus de réponse HTTP", "source", "monitoring", "detectedAt", detectedAt));
        assertThat(incident.status()).as(incident.toString()).isEqualTo(201);
        String number = incident.json().get("number").asText();
        java.time.Instant due = java.time.OffsetDateTime.parse(incident.json().at("/sla/interventionDue").asText())
                .toInstant();
        assertThat(due).isEqualTo(java.time.OffsetDateTime.parse(detectedAt).toInstant().plus(
                java.time.Duration.ofMinutes(isBusinessHours(admin, detectedAt) ? 10 : 30)));

        // What ops see in Tasklist: the filter of their group lists the task, due at the deadline.
        Session tasklist = assertTasklistLogin(port, "opsit", "ops-it-password");
        JsonNode filters = JSON.readTree(tasklist.get("/camunda/api/engine/engine/default/filter?resourceType=Task")
                .body());
        String filterId = null;
        for (JsonNode f : filters) {
            if (f.get("name").asText().equals("Tasks for my groups")) {
                filterId = f.get("id").asText();
            }
        }
        assertThat(filterId).isNotNull();
        HttpResponse<String> listed = tasklist.postJson("/camunda/api/engine/engine/default/filter/" + filterId
                + "/list?firstResult=0&maxResults=50", "{}");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode takeCharge = null;
        for (JsonNode t : JSON.readTree(listed.body())) {
            if (t.get("taskDefinitionKey").asText().equals("Task_TakeCharge")) {
                takeCharge = t;
            }
        }
        assertThat(takeCharge).as(listed.body()).isNotNull();
        assertThat(java.time.OffsetDateTime.parse(takeCharge.get("due").asText(), CAMUNDA_DATE).toInstant())
                .isEqualTo(due);
        HttpResponse<String> form = tasklist.get("/camunda/api/engine/engine/default/task/" + takeCharge.get("id").asText()
                + "/deployed-form");
        assertThat(form.statusCode()).as("the take-charge task has its Camunda Form").isEqualTo(200);
        assertThat(form.body()).contains("causeCategory");
        assertThat(admin.get("/api/incidents/" + number).json().get("status").asText()).isEqualTo("OPEN");
    }

    private static final java.time.format.DateTimeFormatter CAMUNDA_DATE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** R4.3-p1 depends on whether the detection is inside business hours: asked of the engine itself. */
    private static boolean isBusinessHours(TestApi api, String at) {
        JsonNode d = api.get("/api/sla/incident-deadlines?infrastructure=TIERCE&level=1&category=TROUBLESHOOTING"
                + "&detectedAt=" + at.replace("+", "%2B")).json();
        return d.get("guaranteed").asBoolean();
    }

    @Test
    @DisplayName("The demo profile loads the demo register and its documented login opens Tasklist")
    void demoProfile() throws Exception {
        int port = freePort();
        Path log = logs.resolve("demo.log");
        start(log, Map.of(), "--spring.profiles.active=demo", "--server.port=" + port, "--ops.data-dir=" + dataDir);
        awaitHealthy(port, log);

        TestApi demo = TestApi.as(port, "demo", "demo");
        TestApi.Answer clients = demo.get("/api/clients");
        assertThat(clients.status()).as(clients.toString()).isEqualTo(200);
        assertThat(clients.body()).isNotEqualTo("[]");
        assertTasklistLogin(port, "demo", "demo");
        assertTasklistLogin(port, "alice", "alice");
        // BPMN and forms of processes/ are deployed from the classpath.
        TestApi.Answer definitions = demo.get("/engine-rest/process-definition?key=IncidentHandling");
        assertThat(definitions.json()).hasSize(1);
        assertThat(demo.get("/engine-rest/process-definition/key/IncidentHandling/xml").body())
                .contains("BPMNDiagram");
    }

    @Test
    @DisplayName("Without an administrator password the jar refuses to start and says why")
    void refusesWithoutPassword() throws Exception {
        Path log = logs.resolve("refused.log");
        Process p = start(log, Map.of(), "--server.port=" + freePort(), "--ops.data-dir=" + dataDir);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("OPS_ADMIN_PASSWORD").contains("no built-in default password");
        assertThat(dataDir.resolve("ops-engine.mv.db")).doesNotExist();
    }

    /** Logs in to Tasklist as a browser does (CSRF token, session cookie); returns the session and its token. */
    private Session assertTasklistLogin(int port, String user, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .build();
        String base = "http://localhost:" + port;
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Tasklist");
        String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        String form = "username=" + user + "&password=" + password;
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
                        URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> tasks = browser.send(HttpRequest.newBuilder(
                URI.create(base + "/camunda/api/engine/engine/default/task/count")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(tasks.body()).contains("count");
        // The login starts a new session with its own CSRF token.
        return new Session(browser, base, tasks.headers().firstValue("X-XSRF-TOKEN")
                .or(() -> login.headers().firstValue("X-XSRF-TOKEN")).orElse(token));
    }

    private record Session(HttpClient browser, String base, String xsrfToken) {

        HttpResponse<String> get(String path) throws Exception {
            return browser.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postJson(String path, String json) throws Exception {
            return browser.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                    .header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrfToken)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private Process start(Path log, Map<String, String> env, String... args) throws IOException {
        String jar = System.getProperty("ops.jar", "target/ops-engine.jar");
        assertThat(Path.of(jar)).as("run `./mvnw package` first").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("OPS_ADMIN_USERNAME");
        pb.environment().remove("OPS_ADMIN_PASSWORD");
        pb.environment().remove("SPRING_PROFILES_ACTIVE");
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static void awaitHealthy(int port, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/actuator/health")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        return r.statusCode() == 200 && r.body().contains("UP");
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("The jar did not become healthy; its log:\n" + Files.readString(log), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
