package fr.progerance.ops.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: the shop check against a real HTTP server on loopback (DESIGN rule 10), as the diagnosis
 * and the R4.3 restoration check (Task_CheckServiceAnswers) and the R3.6-d restore check use it
 * (moved from {@code incident} with the check itself, now a shared class of the register).
 */
class ShopCheckTest {

    private static final String PAGE = "<html><head><title>Boutique Dupont</title></head><body>Bienvenue</body></html>";
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    /** The test peers listen on loopback (as ops.register.allow-loopback-addresses in the test profile). */
    private static final AddressPolicy LOOPBACK = new AddressPolicy(true, List.of());
    /** Requests the shop's /secret page received: a refused check must send none. */
    private static final AtomicInteger SECRET_HITS = new AtomicInteger();

    private static HttpServer shop;
    private static ExecutorService handlers;
    private static String base;

    private ShopCheck check;

    @BeforeAll
    static void startShop() throws IOException {
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        handlers = Executors.newCachedThreadPool();
        shop.setExecutor(handlers);
        shop.createContext("/ok", ex -> send(ex, 200, "text/html; charset=UTF-8", PAGE));
        shop.createContext("/missing", ex -> send(ex, 404, "text/html", "<h1>Page introuvable</h1> Boutique Dupont"));
        shop.createContext("/forbidden", ex -> send(ex, 403, "text/html", "<h1>Forbidden</h1>"));
        shop.createContext("/error", ex -> send(ex, 503, "text/html", "<h1>Maintenance</h1>"));
        shop.createContext("/basic-auth", ex -> {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"preprod\"");
            send(ex, 401, "text/html", "<h1>Authorization Required</h1>");
        });
        shop.createContext("/moved", ex -> redirect(ex, "/ok"));
        shop.createContext("/moved-away", ex -> redirect(ex, "/missing"));
        shop.createContext("/secret", ex -> {
            SECRET_HITS.incrementAndGet();
            send(ex, 200, "text/html", PAGE);
        });
        shop.createContext("/to-metadata", ex -> redirect(ex, "http://169.254.169.254/latest/meta-data/"));
        shop.createContext("/to-unspecified", ex -> redirect(ex, "http://0.0.0.0:" + ex.getLocalAddress().getPort()
                + "/secret"));
        shop.createContext("/latin1", ex -> send(ex, 200, "text/html; charset=ISO-8859-1",
                "<title>Boutique Éléonore</title>", StandardCharsets.ISO_8859_1));
        String filler = "<p>" + "x".repeat(ShopCheck.PAGE_LIMIT) + "</p>";
        shop.createContext("/long-name-at-end", ex -> send(ex, 200, "text/html", filler + "Boutique Dupont"));
        shop.createContext("/long-name-at-start", ex -> send(ex, 200, "text/html", PAGE + filler));
        shop.createContext("/silent", ex -> {
            await();
            send(ex, 200, "text/html", PAGE);
        });
        shop.createContext("/stalled-page", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("<html><head>".getBytes(StandardCharsets.UTF_8));
            out.flush();
            await();
            ex.close();
        });
        shop.start();
        base = "http://127.0.0.1:" + shop.getAddress().getPort();
    }

    @AfterAll
    static void stopShop() {
        RELEASE.countDown();
        shop.stop(0);
        handlers.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        check = new ShopCheck(TIMEOUT, 200, LOOPBACK);
    }

    @AfterEach
    void close() throws IOException {
        check.close();
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        send(ex, status, contentType, body, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int status, String contentType, String body, Charset charset)
            throws IOException {
        byte[] bytes = body.getBytes(charset);
        ex.getResponseHeaders().add("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the check stopped reading (page limit): expected
        }
        ex.close();
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private static void await() {
        try {
            RELEASE.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ShopCheck.Answer server(String path, Integer expectedStatus, String keyword) {
        return check.check(RegisterTestData.server(base + path, expectedStatus, keyword));
    }

    @Test
    @DisplayName("R4.3 restoration check: HTTP 200 answers by default")
    void okAnswers() {
        ShopCheck.Answer answer = server("/ok", null, null);
        assertThat(answer.answers()).isTrue();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.expectedStatus()).as("ops.incident.shop-expected-status").isEqualTo(200);
        assertThat(answer.describe()).matches("HTTP 200 in \\d+ ms");
    }

    @Test
    @DisplayName("DESIGN rule 13: a 4xx answer is a failure: 404 and 403 are not 'the shop answers' by default")
    void clientErrorsDoNotAnswer() {
        ShopCheck.Answer missing = server("/missing", null, null);
        assertThat(missing.answers()).isFalse();
        assertThat(missing.describe()).isEqualTo("HTTP 404, expected 200");
        ShopCheck.Answer forbidden = server("/forbidden", null, null);
        assertThat(forbidden.answers()).isFalse();
        assertThat(forbidden.describe()).isEqualTo("HTTP 403, expected 200");
        ShopCheck.Answer unavailable = server("/error", null, null);
        assertThat(unavailable.answers()).isFalse();
        assertThat(unavailable.describe()).isEqualTo("HTTP 503, expected 200");
        ShopCheck.Answer auth = server("/basic-auth", null, null);
        assertThat(auth.answers()).as("401 is not expected unless the server says so").isFalse();
    }

    @Test
    @DisplayName("Issue 6: a shop behind basic authentication answers when its server expects HTTP 401; then a 200 does not")
    void expectedStatusPerServer() {
        ShopCheck.Answer auth = server("/basic-auth", 401, null);
        assertThat(auth.answers()).isTrue();
        assertThat(auth.describe()).startsWith("HTTP 401 in ");
        ShopCheck.Answer open = server("/ok", 401, null);
        assertThat(open.answers()).isFalse();
        assertThat(open.describe()).isEqualTo("HTTP 200, expected 401");
    }

    @Test
    @DisplayName("Issue 6: without a status of its own, a server gets the caller's default (ops.incident.shop-expected-status)")
    void settingApplies() {
        ShopCheck byDefault = new ShopCheck(TIMEOUT, 403, LOOPBACK);
        assertThat(byDefault.check(RegisterTestData.server(base + "/forbidden", null, null)).answers()).isTrue();
        assertThat(byDefault.check(RegisterTestData.server(base + "/ok", null, null)).describe())
                .isEqualTo("HTTP 200, expected 403");
        assertThat(byDefault.check(RegisterTestData.server(base + "/ok", 200, null)).answers())
                .as("the server's own status wins").isTrue();
    }

    @Test
    @DisplayName("Issue 6, R4.3 restoration check: the page must contain the server's keyword, whatever its case")
    void keyword() {
        ShopCheck.Answer present = server("/ok", null, "Boutique Dupont");
        assertThat(present.answers()).isTrue();
        assertThat(present.describe()).matches("HTTP 200 in \\d+ ms, the page shows 'Boutique Dupont'");

        assertThat(server("/ok", null, "bOUTIQUE dupont").answers()).as("case-insensitive").isTrue();

        ShopCheck.Answer absent = server("/ok", null, "Boutique Martin");
        assertThat(absent.answers()).isFalse();
        assertThat(absent.describe()).matches("HTTP 200 in \\d+ ms but the page lacks 'Boutique Martin'");

        ShopCheck.Answer errorPage = server("/missing", null, "Boutique Dupont");
        assertThat(errorPage.answers()).as("an error page naming the shop is still an error").isFalse();
        assertThat(errorPage.describe()).isEqualTo("HTTP 404, expected 200");
    }

    @Test
    @DisplayName("Issue 6: the page is decoded with the charset its answer names")
    void charset() {
        assertThat(server("/latin1", null, "boutique éléonore").answers()).isTrue();
    }

    @Test
    @DisplayName("Issue 6: the final status after redirects decides")
    void redirects() {
        ShopCheck.Answer moved = server("/moved", null, "Boutique Dupont");
        assertThat(moved.answers()).isTrue();
        assertThat(moved.finalUrl()).isEqualTo(base + "/ok");
        assertThat(moved.describe()).contains("HTTP 200 in ").contains(" from " + base + "/ok");
        ShopCheck.Answer away = server("/moved-away", null, null);
        assertThat(away.answers()).isFalse();
        assertThat(away.describe()).isEqualTo("HTTP 404 from " + base + "/missing, expected 200");
    }

    @Test
    @DisplayName("Issue 6: only the first MiB of a page is read; a keyword beyond it is not found, and says so")
    void pageLimit() {
        ShopCheck.Answer atStart = server("/long-name-at-start", null, "Boutique Dupont");
        assertThat(atStart.answers()).isTrue();
        assertThat(atStart.pageTruncated()).isTrue();

        ShopCheck.Answer atEnd = server("/long-name-at-end", null, "Boutique Dupont");
        assertThat(atEnd.answers()).isFalse();
        assertThat(atEnd.pageTruncated()).isTrue();
        assertThat(atEnd.describe()).endsWith("but the page lacks 'Boutique Dupont' in its first 1024 KiB");

        assertThat(server("/long-name-at-end", null, null).answers()).as("no keyword: the status decides").isTrue();
    }

    @Test
    @DisplayName("DESIGN rule 13, R4.3 restoration check: a refused connection is a finding, not an exception")
    void connectionRefused() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ShopCheck.Answer answer = check.check("http://127.0.0.1:" + closed + "/", 200, null);
        assertThat(answer.answers()).isFalse();
        assertThat(answer.status()).isEqualTo(-1);
        assertThat(answer.describe()).startsWith("no answer: ConnectException");
    }

    @Test
    @DisplayName("DESIGN rule 13: a shop that does not answer within the timeout is a finding")
    void silentShop() {
        long start = System.nanoTime();
        ShopCheck.Answer answer = server("/silent", null, null);
        assertThat(answer.answers()).isFalse();
        assertThat(answer.status()).isEqualTo(-1);
        assertThat(answer.describe()).startsWith("no answer: ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(3));
    }

    @Test
    @DisplayName("DESIGN rule 13: a truncated stream is a failure: a page that stalls after its status does not answer")
    void stalledPage() {
        long start = System.nanoTime();
        ShopCheck.Answer answer = server("/stalled-page", null, "Boutique Dupont");
        assertThat(answer.answers()).isFalse();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.describe()).matches("HTTP 200 in \\d+ ms but the page did not arrive within 800 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(3));
    }

    @Test
    @DisplayName("DESIGN rule 13: a truncated stream is a failure: a page cut short of its Content-Length does not answer")
    void cutPage() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (java.net.Socket client = socket.accept()) {
                    client.getInputStream().read(new byte[4096]);
                    client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                            + "Content-Length: 10000\r\n\r\n<html><title>Boutique Dupont").getBytes(StandardCharsets.UTF_8));
                    client.getOutputStream().flush();
                } catch (IOException e) {
                    // the test fails on the answer below
                }
            });
            peer.start();
            ShopCheck.Answer answer = check.check("http://127.0.0.1:" + socket.getLocalPort() + "/", 200,
                    "Boutique Dupont");
            peer.join(5_000);
            assertThat(answer.answers()).isFalse();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.describe()).matches("HTTP 200 in \\d+ ms but the page could not be read: .*");
        }
    }

    @Test
    @DisplayName("A URL the HTTP client refuses is a finding too")
    void badUrl() {
        ShopCheck.Answer answer = check.check("http://exa mple.net/", 200, null);
        assertThat(answer.answers()).isFalse();
        assertThat(answer.describe()).startsWith("no answer: IllegalArgumentException");
    }

    // ---- issue 7: the check connects only to addresses the register's policy accepts ----------------

    /** A DNS that knows only {@code answers} (name to addresses), as a name's owner may change them at will. */
    private static DnsResolver dns(Map<String, String> answers) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                String ip = answers.get(host);
                if (ip == null) {
                    throw new UnknownHostException(host);
                }
                return new InetAddress[] {InetAddress.getByName(ip)};
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }

    private String port() {
        return base.substring(base.lastIndexOf(':') + 1);
    }

    @Test
    @DisplayName("Issue 7: a shop URL on a refused address gets no request: 0.0.0.0 (which reaches this host), metadata, link-local")
    void refusedAddresses() throws IOException {
        int hits = SECRET_HITS.get();
        ShopCheck.Answer unspecified = check.check("http://0.0.0.0:" + port() + "/secret", 200, null);
        assertThat(unspecified.answers()).isFalse();
        assertThat(unspecified.describe()).isEqualTo("no answer: refused to connect: 0.0.0.0 is an unspecified address"
                + " (0.0.0.0/8, ::): never a managed server");
        assertThat(check.check("http://169.254.169.254/latest/meta-data/", 200, null).describe())
                .isEqualTo("no answer: refused to connect: 169.254.169.254 is a cloud metadata address: never a managed"
                        + " server");
        assertThat(check.check("http://[fe80::1]:" + port() + "/secret", 200, null).describe())
                .startsWith("no answer: refused to connect: fe80::1 is a link-local address");
        assertThat(check.check("http://[::ffff:169.254.169.254]/", 200, null).describe())
                .startsWith("no answer: refused to connect: ::ffff:169.254.169.254 is a cloud metadata address");
        try (ShopCheck strict = new ShopCheck(TIMEOUT, 200, AddressPolicy.STRICT)) {
            assertThat(strict.check(base + "/secret", 200, null).describe())
                    .startsWith("no answer: refused to connect: 127.0.0.1 is a loopback address");
            assertThat(strict.check("http://localhost:" + port() + "/secret", 200, null).describe())
                    .startsWith("no answer: refused to connect: localhost resolves to 127.0.0.1, which is a loopback"
                            + " address");
        }
        assertThat(SECRET_HITS.get()).as("no request reached the shop").isEqualTo(hits);
    }

    @Test
    @DisplayName("Issue 7: a redirect to a refused address is not followed")
    void refusedRedirects() {
        int hits = SECRET_HITS.get();
        ShopCheck.Answer metadata = server("/to-metadata", null, null);
        assertThat(metadata.answers()).isFalse();
        assertThat(metadata.describe()).isEqualTo("no answer: refused to connect: 169.254.169.254 is a cloud metadata"
                + " address: never a managed server");
        ShopCheck.Answer unspecified = server("/to-unspecified", null, null);
        assertThat(unspecified.describe()).startsWith("no answer: refused to connect: 0.0.0.0 is an unspecified address");
        assertThat(SECRET_HITS.get()).as("no request reached the shop").isEqualTo(hits);
    }

    @Test
    @DisplayName("Issue 7 (DNS rebinding): what a name resolves to is judged at each check, and the connection goes to that very address")
    void namesAreJudgedWhenChecked() throws IOException {
        int hits = SECRET_HITS.get();
        Map<String, String> answers = new java.util.concurrent.ConcurrentHashMap<>(Map.of(
                "shop.test.example", "127.0.0.1", "rebound.test.example", "169.254.169.254",
                "private.test.example", "10.20.1.2"));
        try (ShopCheck resolving = new ShopCheck(TIMEOUT, 200, LOOPBACK, dns(answers))) {
            ShopCheck.Answer ok = resolving.check("http://shop.test.example:" + port() + "/secret", 200,
                    "Boutique Dupont");
            assertThat(ok.answers()).as("connected to the address the check resolved: " + ok.describe()).isTrue();
            assertThat(SECRET_HITS.get()).isEqualTo(hits + 1);

            answers.put("shop.test.example", "169.254.169.254"); // the name's owner points it elsewhere
            assertThat(resolving.check("http://shop.test.example:" + port() + "/secret", 200, null).describe())
                    .isEqualTo("no answer: refused to connect: shop.test.example resolves to 169.254.169.254, which is"
                            + " a cloud metadata address: never a managed server");
            assertThat(resolving.check("http://rebound.test.example/", 200, null).describe())
                    .startsWith("no answer: refused to connect: rebound.test.example resolves to 169.254.169.254");
            assertThat(resolving.check("http://private.test.example/", 200, null).describe())
                    .startsWith("no answer: refused to connect: private.test.example resolves to 10.20.1.2, which is a"
                            + " private address (10.0.0.0/8)");
        }
        assertThat(SECRET_HITS.get()).isEqualTo(hits + 1);
        ShopCheck.GuardedResolver vpn = new ShopCheck.GuardedResolver(new AddressPolicy(false,
                List.of(IpRange.parse("10.20.0.0/16"))), dns(answers));
        assertThat(vpn.resolve("private.test.example")).as("an allowed private range")
                .containsExactly(InetAddress.getByName("10.20.1.2"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vpn.resolve("rebound.test.example"))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("cloud metadata");
    }
}
