package fr.progerance.ops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml} is valid and wires PostgreSQL to the engine's {@code prod} profile.
 * No Docker engine runs here, but {@code docker-compose config} validates and interpolates the file
 * without one ({@code ./run-tests} installs Debian's docker-compose).
 */
class DockerComposeFileTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");

    @BeforeAll
    static void dockerComposeInstalled() {
        boolean installed = System.getenv("PATH") != null && java.util.Arrays.stream(
                System.getenv("PATH").split(File.pathSeparator)).anyMatch(d -> new File(d, "docker-compose").canExecute());
        assumeTrue(installed, "docker-compose is not installed: ./run-tests installs Debian's docker-compose package");
    }

    @Test
    @DisplayName("The compose file validates and starts the engine with the prod profile on PostgreSQL")
    void validates() throws Exception {
        Result r = config(Map.of("OPS_DB_PASSWORD", "db-secret", "OPS_ADMIN_PASSWORD", "admin-secret",
                "GRAFANA_ADMIN_PASSWORD", "grafana-secret"));
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output)
                .contains("image: postgres:15")
                .contains("SPRING_PROFILES_ACTIVE: prod")
                .contains("OPS_DB_URL: jdbc:postgresql://postgres:5432/ops")
                .contains("condition: service_healthy")
                .contains("opsdata:/opt/ops-engine/data")
                .contains("prometheus.yml:/etc/prometheus/prometheus.yml")
                .contains("dashboards:/var/lib/grafana/dashboards");
    }

    @Test
    @DisplayName("Without the secrets the compose file refuses, naming the missing variable")
    void refusesWithoutSecrets() throws Exception {
        Result r = config(Map.of("OPS_DB_PASSWORD", "db-secret", "GRAFANA_ADMIN_PASSWORD", "grafana-secret"));
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("OPS_ADMIN_PASSWORD");
    }

    private static Result config(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config")
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("OPS_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }

    private record Result(int exit, String output) {
    }
}
