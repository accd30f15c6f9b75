package fr.progerance.ops.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.contract.AddressPolicy;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R4.1 N1, R4.2 N1: the HTTP(S) probe against real shops on loopback (the JDK's HTTP and HTTPS
 * servers, self-signed certificates made by keytool and trusted through a test trust store), and a
 * closed port. Never "trust everything": the JVM's trust store refuses the self-signed shop.
 */
class HttpProbeTest {

    private static final AddressPolicy LOOPBACK = new AddressPolicy(true, List.of());
    private static TestShopServer plain;
    private static TestShopServer tls;
    private static TestShopServer expiring;
    private static TestShopServer expired;

    @BeforeAll
    static void shops() {
        plain = TestShopServer.http();
        tls = TestShopServer.https("valid", 0, 365);
        expiring = TestShopServer.https("expiring", -30, 35);
        expired = TestShopServer.https("expired", -40, 30);
    }

    @AfterAll
    static void close() {
        plain.close();
        tls.close();
        expiring.close();
        expired.close();
    }

    private static HttpProbe probe(Path trustStore) {
        Path passwordFile = null;
        if (trustStore != null) {
            try {
                passwordFile = trustStore.resolveSibling("password.txt");
                Files.writeString(passwordFile, TestShopServer.PASSWORD + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new HttpProbe(Duration.ofSeconds(3), Duration.ofMillis(1000), Duration.ofDays(14),
                HttpProbe.sslContext(trustStore == null ? "" : trustStore.toString(), "PKCS12",
                        passwordFile == null ? "" : passwordFile.toString()), LOOPBACK, Clock.systemUTC(), 8);
    }

    private static Map<CheckKind, CheckResult> byKind(List<CheckResult> results) {
        return results.stream().collect(Collectors.toMap(CheckResult::kind, Function.identity()));
    }

    @Test
    @DisplayName("R4.1: a shop answering 200 with its keyword is OK on status, keyword and response time; no certificate check over http")
    void healthyShop() throws IOException {
        try (HttpProbe probe = probe(null)) {
            Map<CheckKind, CheckResult> r = byKind(probe.check(plain.url("/"), 200, "boutique LAVANDE"));
            assertThat(r).containsOnlyKeys(CheckKind.HTTP_STATUS, CheckKind.HTTP_KEYWORD, CheckKind.HTTP_RESPONSE_TIME);
            assertThat(r.values()).allMatch(c -> c.status() == CheckStatus.OK);
            assertThat(r.get(CheckKind.HTTP_STATUS).detail()).isEqualTo("HTTP 200");
            assertThat(r.get(CheckKind.HTTP_STATUS).target()).isEqualTo("127.0.0.1");
            assertThat(r.get(CheckKind.HTTP_KEYWORD).detail()).contains("boutique LAVANDE");
        }
    }

    @Test
    @DisplayName("R4.1: a 503, a missing keyword and a redirect to the page: status and keyword FAILED or OK as the visitor sees it")
    void statusAndKeyword() throws IOException {
        try (HttpProbe probe = probe(null)) {
            Map<CheckKind, CheckResult> down = byKind(probe.check(plain.url("/down"), 200, "Lavande"));
            assertThat(down.get(CheckKind.HTTP_STATUS).status()).isEqualTo(CheckStatus.FAILED);
            assertThat(down.get(CheckKind.HTTP_STATUS).detail()).isEqualTo("HTTP 503, expected 200");
            assertThat(down.get(CheckKind.HTTP_KEYWORD).status()).isEqualTo(CheckStatus.FAILED);

            Map<CheckKind, CheckResult> lacks = byKind(probe.check(plain.url("/"), 200, "Tournesol"));
            assertThat(lacks.get(CheckKind.HTTP_STATUS).status()).isEqualTo(CheckStatus.OK);
            assertThat(lacks.get(CheckKind.HTTP_KEYWORD).status()).isEqualTo(CheckStatus.FAILED);
            assertThat(lacks.get(CheckKind.HTTP_KEYWORD).detail()).isEqualTo("the page lacks 'Tournesol'");

            Map<CheckKind, CheckResult> moved = byKind(probe.check(plain.url("/moved"), 200, "Lavande"));
            assertThat(moved.get(CheckKind.HTTP_STATUS).status()).isEqualTo(CheckStatus.OK);
            assertThat(moved.get(CheckKind.HTTP_KEYWORD).status()).isEqualTo(CheckStatus.OK);

            Map<CheckKind, CheckResult> expected503 = byKind(probe.check(plain.url("/down"), 503, null));
            assertThat(expected503).doesNotContainKey(CheckKind.HTTP_KEYWORD);
            assertThat(expected503.get(CheckKind.HTTP_STATUS).status()).isEqualTo(CheckStatus.OK);
        }
    }

    @Test
    @DisplayName("R4.1: an answer slower than the threshold is a WARNING on response time, with the milliseconds")
    void slowAnswer() throws IOException {
        try (HttpProbe probe = probe(null)) {
            Map<CheckKind, CheckResult> r = byKind(probe.check(plain.url("/slow"), 200, null));
            assertThat(r.get(CheckKind.HTTP_STATUS).status()).isEqualTo(CheckStatus.OK);
            assertThat(r.get(CheckKind.HTTP_RESPONSE_TIME).status()).isEqualTo(CheckStatus.WARNING);
            assertThat(r.get(CheckKind.HTTP_RESPONSE_TIME).value()).isGreaterThanOrEqualTo(1300.0);
            assertThat(r.get(CheckKind.HTTP_RESPONSE_TIME).detail()).endsWith("above 1000 ms");
        }
    }

    @Test
    @DisplayName("R4.1: a closed port answers nothing: every HTTP check FAILED, naming the refusal")
    void closedPort() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (HttpProbe probe = probe(null)) {
            List<CheckResult> r = probe.check("http://127.0.0.1:" + closed + "/", 200, "Lavande");
            assertThat(r).extracting(CheckResult::kind).containsExactly(CheckKind.HTTP_STATUS, CheckKind.HTTP_KEYWORD,
                    CheckKind.HTTP_RESPONSE_TIME);
            assertThat(r).allMatch(CheckResult::failed);
            assertThat(r.get(0).detail()).startsWith("no answer: ").contains("onnect");
        }
    }

    @Test
    @DisplayName("R4.1: no answer within the time-out is FAILED, and the check ends at the time-out")
    void timeout() throws IOException {
        try (HttpProbe probe = new HttpProbe(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofDays(14),
                HttpProbe.sslContext("", "PKCS12", ""), LOOPBACK, Clock.systemUTC(), 4)) {
            plain.slowDelay = Duration.ofSeconds(3);
            long start = System.nanoTime();
            Map<CheckKind, CheckResult> r = byKind(probe.check(plain.url("/slow"), 200, null));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            assertThat(r.get(CheckKind.HTTP_STATUS).status()).isEqualTo(CheckStatus.FAILED);
            assertThat(r.get(CheckKind.HTTP_STATUS).detail()).contains("no answer within 300 ms");
        } finally {
            plain.slowDelay = Duration.ofMillis(1300);
        }
    }

    @Test
    @DisplayName("HTTPS with a certificate from the configured trust store, valid for a year: certificate OK with its days left")
    void trustedCertificate() throws IOException {
        try (HttpProbe probe = probe(tls.trustStore())) {
            Map<CheckKind, CheckResult> r = byKind(probe.check(tls.url("/"), 200, "Lavande"));
            assertThat(r).containsOnlyKeys(CheckKind.HTTP_STATUS, CheckKind.HTTP_KEYWORD, CheckKind.HTTP_RESPONSE_TIME,
                    CheckKind.CERTIFICATE_EXPIRY);
            assertThat(r.values()).allMatch(c -> c.status() == CheckStatus.OK);
            assertThat(r.get(CheckKind.CERTIFICATE_EXPIRY).value()).isBetween(363.0, 366.0);
        }
    }

    @Test
    @DisplayName("HTTPS: a certificate expiring within the warning period (14 days) is a WARNING, the shop still answers")
    void expiringCertificate() throws IOException {
        try (HttpProbe probe = probe(expiring.trustStore())) {
            Map<CheckKind, CheckResult> r = byKind(probe.check(expiring.url("/"), 200, null));
            assertThat(r.get(CheckKind.HTTP_STATUS).status()).isEqualTo(CheckStatus.OK);
            assertThat(r.get(CheckKind.CERTIFICATE_EXPIRY).status()).isEqualTo(CheckStatus.WARNING);
            assertThat(r.get(CheckKind.CERTIFICATE_EXPIRY).value()).isBetween(3.0, 6.0);
            assertThat(r.get(CheckKind.CERTIFICATE_EXPIRY).detail()).startsWith("certificate valid until ");
        }
    }

    @Test
    @DisplayName("HTTPS: an expired certificate is FAILED (the visitors' browsers refuse the shop)")
    void expiredCertificate() throws IOException {
        try (HttpProbe probe = probe(expired.trustStore())) {
            Map<CheckKind, CheckResult> r = byKind(probe.check(expired.url("/"), 200, null));
            assertThat(r.get(CheckKind.CERTIFICATE_EXPIRY).status()).isEqualTo(CheckStatus.FAILED);
            assertThat(r.get(CheckKind.CERTIFICATE_EXPIRY).detail()).containsIgnoringCase("expired");
        }
    }

    @Test
    @DisplayName("HTTPS: the JVM's trust store does not trust the self-signed shop: FAILED, never trust-all")
    void untrustedCertificate() throws IOException {
        try (HttpProbe probe = probe(null)) {
            Map<CheckKind, CheckResult> r = byKind(probe.check(tls.url("/"), 200, null));
            assertThat(r.get(CheckKind.HTTP_STATUS).status()).isEqualTo(CheckStatus.FAILED);
            assertThat(r.get(CheckKind.CERTIFICATE_EXPIRY).status()).isEqualTo(CheckStatus.FAILED);
            assertThat(r.get(CheckKind.CERTIFICATE_EXPIRY).detail()).startsWith("TLS refused");
        }
    }

    @Test
    @DisplayName("Issue 7: an address the register's policy refuses gets no request")
    void policyRefusesLoopback() throws IOException {
        try (HttpProbe probe = new HttpProbe(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofDays(14),
                HttpProbe.sslContext("", "PKCS12", ""), AddressPolicy.STRICT, Clock.systemUTC(), 2)) {
            List<CheckResult> r = probe.check(plain.url("/"), 200, null);
            assertThat(r).allMatch(CheckResult::failed);
            assertThat(r.get(0).detail()).contains("refused to connect");
        }
    }
}
