package fr.progerance.ops.incident;

import fr.progerance.ops.contract.Server;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Asks the shop's URL for its page, as a visitor would (diagnosis and R4.3 restoration check).
 * The shop answers only when the final status, after redirects, is the one expected for its server
 * (the register's, else {@code ops.incident.shop-expected-status}, 200) and, when the server has a
 * keyword, the page contains it (case-insensitive). DESIGN rule 13: a 403 or a 404 is a failure,
 * not "the shop answers". Errors and timeouts are findings, not exceptions.
 */
@Component
public class ShopCheck {

    /** How much of the page is read to look for the keyword: 1 MiB. */
    public static final int PAGE_LIMIT = 1024 * 1024;

    private static final String USER_AGENT = "ops-engine shop check";

    private final IncidentSettings settings;
    private final HttpClient http;

    public ShopCheck(IncidentSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.getHttpTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * What the shop answered.
     *
     * @param finalUrl      where the answer came from after redirects; null when it is {@code url}
     * @param status        the final HTTP status; -1 when nothing answered
     * @param keyword       the text the page had to contain, or null
     * @param keywordFound  the page (its first {@link #PAGE_LIMIT} bytes) contains the keyword
     * @param pageTruncated the page was longer than {@link #PAGE_LIMIT}: only its start was read
     * @param problem       why there is no answer, or why the page could not be read; null otherwise
     */
    public record Answer(String url, String finalUrl, int status, int expectedStatus, String keyword,
            boolean keywordFound, boolean pageTruncated, String problem, Duration took) {

        static Answer noAnswer(String url, int expectedStatus, String keyword, String problem, Duration took) {
            return new Answer(url, null, -1, expectedStatus, keyword, false, false, problem, took);
        }

        /** The expected status, the whole page when it had to be read, and the keyword on it. */
        public boolean answers() {
            return status > 0 && status == expectedStatus && problem == null && (keyword == null || keywordFound);
        }

        /** What ops read in their forms and the incident's timeline. */
        public String describe() {
            if (status <= 0) {
                return "no answer: " + problem;
            }
            String from = finalUrl == null ? "" : " from " + finalUrl;
            if (status != expectedStatus) {
                return "HTTP " + status + from + ", expected " + expectedStatus;
            }
            String http = "HTTP " + status + " in " + took.toMillis() + " ms" + from;
            if (problem != null) {
                return http + " but " + problem;
            }
            if (keyword == null) {
                return http;
            }
            return keywordFound ? http + ", the page shows '" + keyword + "'"
                    : http + " but the page lacks '" + keyword + "'"
                            + (pageTruncated ? " in its first " + PAGE_LIMIT / 1024 + " KiB" : "");
        }
    }

    /** Checks a server's shop: its URL, its expected status (or the setting's) and its keyword. */
    public Answer check(Server server) {
        Integer own = server.getShopExpectedStatus();
        return check(server.getPrestashopUrl(), own != null ? own : settings.getShopExpectedStatus(),
                server.getShopKeyword());
    }

    /**
     * Asks {@code url}; the whole check (connection, answer, page) takes at most
     * {@code ops.incident.http-timeout}.
     */
    public Answer check(String url, int expectedStatus, String keyword) {
        long start = System.nanoTime();
        Duration timeout = settings.getHttpTimeout();
        AtomicInteger headersStatus = new AtomicInteger(-1);
        CompletableFuture<HttpResponse<Page>> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("User-Agent", USER_AGENT).GET().build();
            // Only the final answer reaches the handler (redirects are followed before it).
            response = http.sendAsync(request, info -> {
                headersStatus.set(info.statusCode());
                boolean read = keyword != null && info.statusCode() == expectedStatus;
                return new PageSubscriber(read ? PAGE_LIMIT : 0, charset(info.headers()));
            });
        } catch (IllegalArgumentException e) {
            return Answer.noAnswer(url, expectedStatus, keyword, text(e), since(start));
        }
        try {
            HttpResponse<Page> r = response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            String finalUrl = r.uri().toString().equals(url) ? null : r.uri().toString();
            Page page = r.body();
            boolean found = keyword != null && page.text() != null
                    && page.text().toLowerCase(Locale.ROOT).contains(keyword.toLowerCase(Locale.ROOT));
            return new Answer(url, finalUrl, r.statusCode(), expectedStatus, keyword, found, page.truncated(), null,
                    since(start));
        } catch (ExecutionException e) {
            String problem = text(cause(e));
            return unread(url, expectedStatus, keyword, headersStatus.get(), "the page could not be read: " + problem,
                    problem, start);
        } catch (TimeoutException e) {
            response.cancel(true);
            return unread(url, expectedStatus, keyword, headersStatus.get(),
                    "the page did not arrive within " + readable(timeout), "timed out after " + readable(timeout), start);
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            return Answer.noAnswer(url, expectedStatus, keyword, "interrupted", since(start));
        }
    }

    /** The status came ({@code status} > 0) but not the page, or nothing came at all. */
    private static Answer unread(String url, int expectedStatus, String keyword, int status, String pageProblem,
            String noAnswerProblem, long start) {
        return status > 0
                ? new Answer(url, null, status, expectedStatus, keyword, false, false, pageProblem, since(start))
                : Answer.noAnswer(url, expectedStatus, keyword, noAnswerProblem, since(start));
    }

    private static Throwable cause(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String text(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String readable(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The response's charset ({@code Content-Type: text/html; charset=...}), else UTF-8. */
    static Charset charset(HttpHeaders headers) {
        return headers.firstValue("Content-Type").flatMap(ShopCheck::charsetParameter).orElse(StandardCharsets.UTF_8);
    }

    private static Optional<Charset> charsetParameter(String contentType) {
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).strip().replace("\"", "").replace("'", "");
                try {
                    return Optional.of(Charset.forName(name));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The start of the page, decoded; {@code truncated} when it was longer than the limit. */
    record Page(String text, boolean truncated) {
    }

    /** Keeps at most {@code limit} bytes of the body, then stops reading (0: reads nothing). */
    private static final class PageSubscriber implements HttpResponse.BodySubscriber<Page> {

        private final int limit;
        private final Charset charset;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Page> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        PageSubscriber(int limit, Charset charset) {
            this.limit = limit;
            this.charset = charset;
        }

        @Override
        public CompletionStage<Page> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (limit == 0) {
                s.cancel();
                result.complete(new Page(null, false));
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                int n = Math.min(limit - bytes.size(), buffer.remaining());
                byte[] chunk = new byte[n];
                buffer.get(chunk);
                bytes.write(chunk, 0, n);
                if (buffer.hasRemaining()) {
                    subscription.cancel();
                    finish(true);
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            finish(false);
        }

        private void finish(boolean truncated) {
            result.complete(new Page(new String(bytes.toByteArray(), charset), truncated));
        }
    }
}
