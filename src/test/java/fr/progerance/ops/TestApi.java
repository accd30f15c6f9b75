package fr.progerance.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A plain HTTP client for tests against the running application (real HTTP, real filters).
 * Bodies are JSON; answers keep status and parsed body so tests assert what a caller sees.
 */
public final class TestApi {

    public static final String ADMIN = "testadmin";
    public static final String ADMIN_PASSWORD = "test-admin-secret";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    private TestApi(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** Authenticated as the test administrator. */
    public static TestApi asAdmin(int port) {
        return as(port, ADMIN, ADMIN_PASSWORD);
    }

    public static TestApi as(int port, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new TestApi("http://localhost:" + port, "Basic " + token);
    }

    /** Without credentials. */
    public static TestApi anonymous(int port) {
        return new TestApi("http://localhost:" + port, null);
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(publisher(body)));
    }

    public Answer put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").PUT(publisher(body)));
    }

    public Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return HttpRequest.BodyPublishers.ofString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the server answered. */
    public record Answer(int status, String body, HttpResponse<String> response) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
