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

    private void assertTasklistLogin(int port, String user, String password) throws Exception {
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
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The jar did not become healthy; its log:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
