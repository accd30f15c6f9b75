package fr.progerance.ops.incident;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Asks the shop's URL for its page, as a visitor would (diagnosis and restoration check). An
 * answer below 500 means the shop answers; errors and timeouts are findings, not failures.
 */
@Component
public class ShopCheck {

    private final IncidentSettings settings;
    private final HttpClient http;

    public ShopCheck(IncidentSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.getHttpTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** What the shop answered. */
    public record Answer(String url, int status, String problem, Duration took) {

        public boolean answers() {
            return status > 0 && status < 500;
        }

        public String describe() {
            return answers() ? "HTTP " + status + " in " + took.toMillis() + " ms"
                    : status > 0 ? "HTTP " + status + " (server error) in " + took.toMillis() + " ms"
                    : "no answer: " + problem;
        }
    }

    public Answer check(String url) {
        long start = System.nanoTime();
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(settings.getHttpTimeout())
                    .header("User-Agent", "ops-engine shop check").GET().build(), HttpResponse.BodyHandlers.discarding());
            return new Answer(url, r.statusCode(), null, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(url, -1, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(url, -1, "interrupted", Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
