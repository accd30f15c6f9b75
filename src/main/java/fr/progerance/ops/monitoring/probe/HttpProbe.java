package fr.progerance.ops.monitoring.probe;

import fr.progerance.ops.contract.AddressPolicy;
import fr.progerance.ops.contract.ShopCheck;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.util.Timeout;

/**
 * The shop over HTTP(S), as a visitor sees it (R4.1 N1, R4.2 N1): one GET of the server's URL
 * (redirects followed) gives up to four results: {@link CheckKind#HTTP_STATUS} (the expected
 * status), {@link CheckKind#HTTP_KEYWORD} (when the server has a keyword: the page's first MiB contains
 * it, case-insensitive), {@link CheckKind#HTTP_RESPONSE_TIME} (WARNING above the threshold) and, for
 * {@code https} URLs, {@link CheckKind#CERTIFICATE_EXPIRY} (WARNING when the server's certificate
 * expires within the warning period; FAILED when expired or not trusted).
 *
 * <p>TLS trusts the JVM's trust store or the configured one, and checks the host name: never
 * "trust everything" (a shop whose certificate the visitors' browsers refuse is down for them). As
 * the register's shop check does (Issue 7), every host name is resolved by a resolver that refuses
 * the addresses the register's {@link AddressPolicy} refuses, at each request and redirect.
 */
public class HttpProbe implements AutoCloseable {

    /** How much of the page is read to look for the keyword: 1 MiB. */
    public static final int PAGE_LIMIT = 1024 * 1024;

    private static final String USER_AGENT = "ops-engine probe";

    private final Duration timeout;
    private final Duration responseTimeWarning;
    private final Duration certificateWarning;
    private final Clock clock;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;

    /**
     * @param trust the TLS context (its trust managers decide which certificates are trusted); see
     *              {@link #sslContext(String, String, String)}
     */
    public HttpProbe(Duration timeout, Duration responseTimeWarning, Duration certificateWarning, SSLContext trust,
            AddressPolicy policy, Clock clock, int maxConnections) {
        this.timeout = timeout;
        this.responseTimeWarning = responseTimeWarning;
        this.certificateWarning = certificateWarning;
        this.clock = clock;
        Timeout connect = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new ShopCheck.GuardedResolver(policy, SystemDefaultDnsResolver.INSTANCE))
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(trust))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(connect).build())
                        .setMaxConnTotal(Math.max(2, maxConnections)).setMaxConnPerRoute(Math.max(2, maxConnections))
                        .build())
                // a fresh connection (and TLS handshake: the certificate is seen) for every check
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableAutomaticRetries().disableCookieManagement().disableAuthCaching().disableContentCompression()
                .setUserAgent(USER_AGENT)
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "probe-http-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The TLS context trusting {@code trustStore} (a PKCS12 or JKS file, its password read from the
     * first line of {@code passwordFile}, blank: none), or the JVM's trust store when
     * {@code trustStore} is blank.
     */
    public static SSLContext sslContext(String trustStore, String type, String passwordFile) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (trustStore == null || trustStore.isBlank()) {
                factory.init((KeyStore) null);
            } else {
                char[] password = null;
                if (passwordFile != null && !passwordFile.isBlank()) {
                    password = Files.readAllLines(Path.of(passwordFile), StandardCharsets.UTF_8).stream().findFirst()
                            .orElse("").strip().toCharArray();
                }
                KeyStore store = KeyStore.getInstance(type == null || type.isBlank() ? "PKCS12" : type);
                try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
                    store.load(in, password);
                }
                factory.init(store);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("ops.probe.trust-store " + trustStore + " cannot be used: " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }

    /** The results of one GET of {@code url}; never throws for what the shop does. */
    public List<CheckResult> check(String url, int expectedStatus, String keyword) {
        Instant checkedAt = clock.instant();
        long start = System.nanoTime();
        URI uri;
        HttpGet get;
        try {
            uri = URI.create(url);
            get = new HttpGet(uri);
        } catch (IllegalArgumentException e) {
            return failedAll(url, null, keyword, "unusable URL: " + e.getMessage(), Duration.ZERO, checkedAt);
        }
        String host = uri.getHost() == null ? url : uri.getHost();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        get.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout)).setRedirectsEnabled(true).setMaxRedirects(10).build());
        HttpClientContext context = HttpClientContext.create();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            get.cancel();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        try {
            response = http.executeOpen(null, get, context);
            int status = response.getCode();
            X509Certificate certificate = https ? certificate(context.getSSLSession()) : null;
            boolean found = false;
            if (keyword != null && status == expectedStatus && response.getEntity() != null) {
                InputStream in = response.getEntity().getContent();
                String page = new String(in.readNBytes(PAGE_LIMIT), StandardCharsets.UTF_8);
                found = page.toLowerCase(Locale.ROOT).contains(keyword.toLowerCase(Locale.ROOT));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            List<CheckResult> results = new ArrayList<>();
            boolean statusOk = status == expectedStatus;
            results.add(new CheckResult(CheckKind.HTTP_STATUS, host, statusOk ? CheckStatus.OK : CheckStatus.FAILED,
                    "HTTP " + status + (statusOk ? "" : ", expected " + expectedStatus), (double) status, took,
                    checkedAt));
            if (keyword != null) {
                CheckStatus s = statusOk && found ? CheckStatus.OK : CheckStatus.FAILED;
                String detail = !statusOk ? "not read: HTTP " + status
                        : found ? "the page shows '" + keyword + "'" : "the page lacks '" + keyword + "'";
                results.add(new CheckResult(CheckKind.HTTP_KEYWORD, host, s, detail, null, took, checkedAt));
            }
            boolean slow = took.compareTo(responseTimeWarning) > 0;
            results.add(new CheckResult(CheckKind.HTTP_RESPONSE_TIME, host, slow ? CheckStatus.WARNING : CheckStatus.OK,
                    took.toMillis() + " ms" + (slow ? ", above " + responseTimeWarning.toMillis() + " ms" : ""),
                    (double) took.toMillis(), took, checkedAt));
            if (https) {
                results.add(certificateResult(host, certificate, took, checkedAt));
            }
            return results;
        } catch (IOException | RuntimeException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String problem = expired.get() || cause(e, java.net.SocketTimeoutException.class) != null
                    ? "no answer within " + timeout.toMillis() + " ms" : describe(e);
            List<CheckResult> results = failedAll(url, host, keyword, problem, took, checkedAt);
            if (https) {
                results.removeIf(r -> r.kind() == CheckKind.CERTIFICATE_EXPIRY);
                results.add(certificateFailure(host, e, problem, took, checkedAt));
            }
            return results;
        } finally {
            deadline.cancel(false);
            get.cancel();
            if (response != null) {
                try {
                    response.close();
                } catch (IOException | RuntimeException ignored) {
                    // dropped on purpose: the rest of the page is never read
                }
            }
        }
    }

    private CheckResult certificateResult(String host, X509Certificate certificate, Duration took, Instant now) {
        if (certificate == null) {
            return new CheckResult(CheckKind.CERTIFICATE_EXPIRY, host, CheckStatus.FAILED, "no certificate seen",
                    null, took, now);
        }
        Instant notAfter = certificate.getNotAfter().toInstant();
        double daysLeft = Duration.between(now, notAfter).toMinutes() / 1440.0;
        double rounded = Math.floor(daysLeft * 10) / 10;
        if (!notAfter.isAfter(now)) {
            return new CheckResult(CheckKind.CERTIFICATE_EXPIRY, host, CheckStatus.FAILED,
                    "certificate expired on " + notAfter, rounded, took, now);
        }
        boolean soon = notAfter.isBefore(now.plus(certificateWarning));
        return new CheckResult(CheckKind.CERTIFICATE_EXPIRY, host, soon ? CheckStatus.WARNING : CheckStatus.OK,
                "certificate valid until " + notAfter + " (" + rounded + " days)", rounded, took, now);
    }

    private static CheckResult certificateFailure(String host, Throwable e, String problem, Duration took,
            Instant now) {
        String detail;
        if (cause(e, CertificateExpiredException.class) != null) {
            detail = "certificate expired: " + cause(e, CertificateExpiredException.class).getMessage();
        } else if (cause(e, SSLException.class) != null) {
            detail = "TLS refused: " + cause(e, SSLException.class).getMessage();
        } else {
            detail = "no TLS session: " + problem;
        }
        return new CheckResult(CheckKind.CERTIFICATE_EXPIRY, host, CheckStatus.FAILED, shorten(detail), null, took,
                now);
    }

    private List<CheckResult> failedAll(String url, String host, String keyword, String problem, Duration took,
            Instant at) {
        String target = host == null ? url : host;
        String detail = shorten("no answer: " + problem);
        List<CheckResult> results = new ArrayList<>();
        results.add(new CheckResult(CheckKind.HTTP_STATUS, target, CheckStatus.FAILED, detail, null, took, at));
        if (keyword != null) {
            results.add(new CheckResult(CheckKind.HTTP_KEYWORD, target, CheckStatus.FAILED, detail, null, took, at));
        }
        results.add(new CheckResult(CheckKind.HTTP_RESPONSE_TIME, target, CheckStatus.FAILED, detail, null, took, at));
        if (url.regionMatches(true, 0, "https:", 0, 6)) {
            results.add(new CheckResult(CheckKind.CERTIFICATE_EXPIRY, target, CheckStatus.FAILED, detail, null, took,
                    at));
        }
        return results;
    }

    private static X509Certificate certificate(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static String describe(Throwable e) {
        UnknownHostException refused = cause(e, UnknownHostException.class);
        if (refused instanceof ShopCheck.RefusedAddressException) {
            return "refused to connect: " + refused.getMessage();
        }
        if (refused != null) {
            return refused.getMessage() == null ? "unknown host" : refused.getMessage();
        }
        String name = e instanceof java.net.ConnectException ? "ConnectException" : e.getClass().getSimpleName();
        return name + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static String shorten(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() > 480 ? oneLine.substring(0, 477) + "..." : oneLine;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
