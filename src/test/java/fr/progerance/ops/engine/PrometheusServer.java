package fr.progerance.ops.engine;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code prometheus} binary as a child process of the tests, scraping the engine every
 * second with the monitoring account. It listens on 127.0.0.1 only, on a free port, with a
 * temporary configuration, password file and storage that {@link #close()} removes.
 */
final class PrometheusServer implements AutoCloseable {

    static final String JOB = "ops-engine";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path directory;
    private final Path log;
    private final String base;
    private final Thread killOnExit;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path directory, Path log, int port) {
        this.process = process;
        this.directory = directory;
        this.log = log;
        this.base = "http://127.0.0.1:" + port;
        this.killOnExit = new Thread(process::destroyForcibly, "prometheus-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts Prometheus scraping {@code /actuator/prometheus} on 127.0.0.1:{@code appPort}; waits until it is ready. */
    static PrometheusServer scraping(int appPort, String username, String password) throws IOException {
        Path binary = binary();
        Path directory = Files.createTempDirectory("ops-prometheus-");
        Path passwordFile = directory.resolve("monitoring-password");
        Files.writeString(passwordFile, password);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        Path config = directory.resolve("prometheus.yml");
        // JSON strings are valid YAML scalars: the values are quoted whatever they hold.
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "  evaluation_interval: 1s",
                "scrape_configs:",
                "  - job_name: " + JOB,
                "    metrics_path: /actuator/prometheus",
                "    basic_auth:",
                "      username: " + JSON.writeValueAsString(username),
                "      password_file: " + JSON.writeValueAsString(passwordFile.toString()),
                "    static_configs:",
                "      - targets: [\"127.0.0.1:" + appPort + "\"]",
                ""));
        int port = freeLoopbackPort();
        Path log = directory.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, directory, log, port);
        try {
            server.awaitReady();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The binary on the PATH; without it the tests fail and say how to get it. */
    static Path binary() {
        List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(
                File.pathSeparator)));
        directories.add("/usr/bin");
        for (String d : directories) {
            if (!d.isBlank() && Files.isExecutable(Path.of(d, "prometheus"))) {
                return Path.of(d, "prometheus");
            }
        }
        throw new AssertionError("The prometheus binary is missing (Debian package 'prometheus'): run ./run-tests, "
                + "which installs it, or apt-get install prometheus");
    }

    private void awaitReady() {
        await("Prometheus ready on " + base).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Prometheus exited with status " + process.exitValue()
                                + ":\n" + logTail());
                    }
                    try {
                        return get("/-/ready").statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** Waits until the engine has been scraped successfully (the target is up). */
    void awaitScrape() {
        await("a successful scrape of the engine").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    if (query("up{job=\"" + JOB + "\"} == 1").path("result").isEmpty()) {
                        throw new AssertionError("target not up; Prometheus says: " + targetErrors());
                    }
                });
    }

    /**
     * The {@code data} of an instant query's answer ({@code resultType}, {@code result}). A query
     * Prometheus refuses (syntax, unknown function) throws with its message.
     */
    JsonNode query(String promql) throws IOException {
        HttpResponse<String> answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(answer.body());
        if (answer.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IllegalArgumentException("Prometheus refused the query " + promql + ": HTTP "
                    + answer.statusCode() + " " + body.path("errorType").asText() + ": " + body.path("error").asText());
        }
        return body.get("data");
    }

    /** The value of a query that yields one sample, or NaN when it yields none. */
    double value(String promql) throws IOException {
        JsonNode data = query(promql);
        JsonNode result = data.path("result");
        return switch (data.path("resultType").asText()) {
            case "scalar" -> result.get(1).asDouble();
            case "vector" -> result.isEmpty() ? Double.NaN : result.get(0).path("value").get(1).asDouble();
            default -> throw new IllegalArgumentException(promql + " is not a scalar or vector query");
        };
    }

    /** Whether an instant query's data holds anything (a scalar or string always does). */
    static boolean hasData(JsonNode data) {
        return switch (data.path("resultType").asText()) {
            case "scalar", "string" -> true;
            default -> !data.path("result").isEmpty();
        };
    }

    private String targetErrors() {
        try {
            List<String> states = new ArrayList<>();
            for (JsonNode t : JSON.readTree(get("/api/v1/targets").body()).at("/data/activeTargets")) {
                states.add(t.path("scrapeUrl").asText() + " " + t.path("health").asText() + " "
                        + t.path("lastError").asText());
            }
            return states.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
