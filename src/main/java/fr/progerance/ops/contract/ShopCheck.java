package fr.progerance.ops.contract;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.protocol.RedirectLocations;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Asks the shop's URL for its page, as a visitor would (incident diagnosis and R4.3 restoration
 * check, R3.6-d restore check). The shop answers only when the final status, after redirects, is
 * the one expected for its server (the register's, else the caller's default, e.g.
 * {@code ops.incident.shop-expected-status}, 200) and, when the server has a
 * keyword, the page contains it (case-insensitive). DESIGN rule 13: a 403 or a 404 is a failure,
 * not "the shop answers". Errors and timeouts are findings, not exceptions.
 *
 * <p>Issue 7: the check connects only to addresses the register's {@link AddressPolicy} accepts.
 * Its own DNS resolver judges what every host name resolves to now, at each request and each
 * redirect, and the connection goes to exactly those checked addresses: a name registered while it
 * resolved to a public address and later pointed at {@code 169.254.169.254} (DNS rebinding), or a
 * shop that redirects there, gets no request. No proxy is used (it would resolve names itself).
 *
 * <p>A shared class of the register (a server's shop is register data), not a bean: each obligation
 * that checks shops builds its own with its own settings (incident: {@code ops.incident.http-timeout}
 * and {@code shop-expected-status}; restore: {@code ops.backup.restore.shop-check-*}) and closes it.
 */
public class ShopCheck implements AutoCloseable {

    /** How much of the page is read to look for the keyword: 1 MiB. */
    public static final int PAGE_LIMIT = 1024 * 1024;

    /** Redirects followed at most (each one judged by the policy). */
    static final int MAX_REDIRECTS = 10;

    private static final String USER_AGENT = "ops-engine shop check";

    private final Duration timeout;
    private final int defaultExpectedStatus;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;

    /**
     * @param timeout the whole check's time-out (connection, answer and, with a keyword, the page)
     * @param defaultExpectedStatus the status a shop must answer when its server names none
     * @param policy the register's address policy (Issue 7)
     */
    public ShopCheck(Duration timeout, int defaultExpectedStatus, AddressPolicy policy) {
        this(timeout, defaultExpectedStatus, policy, SystemDefaultDnsResolver.INSTANCE);
    }

    /** With {@code dns} resolving host names (tests give names the answers they need). */
    ShopCheck(Duration timeout, int defaultExpectedStatus, AddressPolicy policy, DnsResolver dns) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The shop check's time-out must be a positive duration");
        }
        if (defaultExpectedStatus < 100 || defaultExpectedStatus > 599) {
            throw new IllegalArgumentException("The shop check's expected status must be an HTTP status from 100 to 599,"
                    + " got " + defaultExpectedStatus);
        }
        this.timeout = timeout;
        this.defaultExpectedStatus = defaultExpectedStatus;
        Timeout connect = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedResolver(policy, dns))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(connect).build())
                        .setMaxConnTotal(50).setMaxConnPerRoute(10)
                        .build())
                // a fresh connection for every check: nothing read from one shop reaches the next check
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableAutomaticRetries().disableCookieManagement().disableAuthCaching().disableContentCompression()
                .setUserAgent(USER_AGENT)
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "shop-check-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }

    /** A host name, or the address it names, that the policy refuses. */
    public static final class RefusedAddressException extends UnknownHostException {

        private static final long serialVersionUID = 1L;

        RefusedAddressException(String message) {
            super(message);
        }
    }

    /**
     * Resolves a host name and refuses it when any of its addresses is one the policy refuses;
     * the connection then goes to these very addresses, resolved once.
     */
    public static final class GuardedResolver implements DnsResolver {

        private final AddressPolicy policy;
        private final DnsResolver dns;

        public GuardedResolver(AddressPolicy policy, DnsResolver dns) {
            this.policy = policy;
            this.dns = dns;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            InetAddress[] addresses = dns.resolve(name);
            for (InetAddress address : addresses) {
                Optional<String> problem = policy.problem(address);
                if (problem.isPresent()) {
                    boolean literal = name.contains(":") || name.matches("[0-9.]+");
                    throw new RefusedAddressException(literal ? name + " " + problem.get()
                            : name + " resolves to " + address.getHostAddress() + ", which " + problem.get());
                }
            }
            return addresses;
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            List<InetSocketAddress> out = new ArrayList<>();
            for (InetAddress address : resolve(host)) {
                out.add(new InetSocketAddress(address, port));
            }
            return out;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return dns.resolveCanonicalHostname(host);
        }
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

        /** Nothing answered (or the URL was unusable): {@code problem} says why. */
        public static Answer noAnswer(String url, int expectedStatus, String keyword, String problem, Duration took) {
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
        return check(server.getPrestashopUrl(), own != null ? own : defaultExpectedStatus,
                server.getShopKeyword());
    }

    /**
     * Asks {@code url}; the whole check (connection, answer, page) takes at most
     * the time-out given at construction.
     */
    public Answer check(String url, int expectedStatus, String keyword) {
        long start = System.nanoTime();
        HttpGet get;
        try {
            get = new HttpGet(URI.create(url));
        } catch (IllegalArgumentException e) {
            return Answer.noAnswer(url, expectedStatus, keyword, text(e), since(start));
        }
        get.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout)).setRedirectsEnabled(true)
                .setMaxRedirects(MAX_REDIRECTS).build());
        HttpClientContext context = HttpClientContext.create();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            get.cancel();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        int status = -1;
        ClassicHttpResponse r = null;
        try {
            r = http.executeOpen(null, get, context);
            status = r.getCode();
            String finalUrl = finalUrl(url, context);
            boolean read = keyword != null && status == expectedStatus && r.getEntity() != null;
            Page page = read ? read(r.getEntity(), charset(r.getFirstHeader("Content-Type"))) : new Page(null, false);
            boolean found = keyword != null && page.text() != null
                    && page.text().toLowerCase(Locale.ROOT).contains(keyword.toLowerCase(Locale.ROOT));
            return new Answer(url, finalUrl, status, expectedStatus, keyword, found, page.truncated(), null,
                    since(start));
        } catch (IOException | RuntimeException e) {
            if (expired.get() || cause(e, SocketTimeoutException.class) != null) {
                return unread(url, expectedStatus, keyword, status, "the page did not arrive within "
                        + readable(timeout), "timed out after " + readable(timeout), start);
            }
            String problem = text(e);
            return unread(url, expectedStatus, keyword, status, "the page could not be read: " + problem, problem,
                    start);
        } finally {
            deadline.cancel(false);
            get.cancel(); // the rest of the page is never read: the connection is dropped, not drained
            closeQuietly(r);
        }
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException | RuntimeException e) {
                // the connection was dropped on purpose
            }
        }
    }

    /** The start of the page, at most {@link #PAGE_LIMIT} bytes; the rest is not read. */
    private static Page read(HttpEntity entity, Charset charset) throws IOException {
        InputStream in = entity.getContent();
        byte[] bytes = in.readNBytes(PAGE_LIMIT);
        boolean truncated = bytes.length == PAGE_LIMIT && in.read() != -1;
        return new Page(new String(bytes, charset), truncated);
    }

    /** Where the answer came from after redirects; null when it is {@code url} itself. */
    private static String finalUrl(String url, HttpClientContext context) {
        RedirectLocations redirects = context.getRedirectLocations();
        if (redirects == null || redirects.size() == 0) {
            return null;
        }
        String last = redirects.get(redirects.size() - 1).toString();
        return last.equals(url) ? null : last;
    }

    /** The status came ({@code status} > 0) but not the page, or nothing came at all. */
    private static Answer unread(String url, int expectedStatus, String keyword, int status, String pageProblem,
            String noAnswerProblem, long start) {
        return status > 0
                ? new Answer(url, null, status, expectedStatus, keyword, false, false, pageProblem, since(start))
                : Answer.noAnswer(url, expectedStatus, keyword, noAnswerProblem, since(start));
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String text(Throwable e) {
        RefusedAddressException refused = cause(e, RefusedAddressException.class);
        if (refused != null) {
            return "refused to connect: " + refused.getMessage();
        }
        // the client's HttpHostConnectException says which address refused; it is a ConnectException
        String name = e instanceof ConnectException ? "ConnectException" : e.getClass().getSimpleName();
        return name + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String readable(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The response's charset ({@code Content-Type: text/html; charset=...}), else UTF-8. */
    static Charset charset(Header contentType) {
        return contentType == null ? StandardCharsets.UTF_8
                : charsetParameter(contentType.getValue()).orElse(StandardCharsets.UTF_8);
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
}
