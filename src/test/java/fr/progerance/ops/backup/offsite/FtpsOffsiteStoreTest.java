package fr.progerance.ops.backup.offsite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.progerance.ops.backup.offsite.OffsiteSettings.TlsMode;
import fr.progerance.ops.backup.offsite.OffsiteStore.MirrorReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * R3.6-a over explicit FTPS: the client verifies the server's certificate against the configured
 * trust store only (a self-signed certificate generated for the test), checks that it names the
 * host, and protects the data connections ({@code PROT P}).
 */
class FtpsOffsiteStoreTest {

    /** One server and repository for the class (certificate generation and restic init take seconds). */
    @TempDir
    static Path shared;

    private static EmbeddedFtpServer ftps;
    private static ResticTestRepository repo;

    @TempDir
    Path dir;

    /** Each test its own remote copy. */
    private String copy;

    @BeforeAll
    static void startServer() {
        ftps = EmbeddedFtpServer.explicitFtps(shared.resolve("ftp"));
        repo = ResticTestRepository.init(shared.resolve("local"));
        repo.backup(200_000, 7);
    }

    @AfterAll
    static void stopServer() {
        ftps.close();
    }

    @BeforeEach
    void setUp(TestInfo test) {
        copy = test.getTestMethod().orElseThrow().getName();
        ftps.clearCommands();
    }

    @Test
    void explicitFtpsWithTheTrustedCertificateMirrorsAndFetchesOverProtectedData_R3_6_a() {
        FtpOffsiteStore store = new FtpOffsiteStore(ftps.clientSettings()); // PEM trust: exactly that certificate

        MirrorReport mirrored = store.mirror(repo.path(), copy);
        MirrorReport fetched = store.fetch(copy, dir.resolve("restored"));

        assertThat(mirrored.filesTransferred()).isEqualTo(ResticTestRepository.files(repo.path()).size());
        assertThat(ResticTestRepository.files(ftps.home().resolve(copy)))
                .isEqualTo(ResticTestRepository.files(repo.path()));
        assertThat(fetched.filesTransferred()).isEqualTo(mirrored.filesTransferred());
        assertThat(repo.at(dir.resolve("restored")).snapshotIds()).isEqualTo(repo.snapshotIds());
        assertThat(ftps.commands()).contains("AUTH TLS", "PROT P");
        assertThat(store.check(repo.path(), copy, 0, 1).sound()).isTrue();
    }

    @Test
    void pkcs12TrustStoreWithItsPasswordFileIsAccepted_R3_6_a() {
        Path[] trust = ftps.trustStorePkcs12();
        FtpOffsiteStore store = new FtpOffsiteStore(ftps.clientSettings()
                .withTls(TlsMode.EXPLICIT, trust[0], "PKCS12").withTrustStorePasswordFile(trust[1]));

        MirrorReport mirrored = store.mirror(repo.path(), copy);

        assertThat(mirrored.filesTransferred()).isPositive();
    }

    @Test
    void certificateMissingFromTheTrustStoreIsNotRetryable_R3_6_a() {
        Path other = EmbeddedFtpServer.otherCertificatePem(dir);
        FtpOffsiteStore store = new FtpOffsiteStore(ftps.clientSettings().withTls(TlsMode.EXPLICIT, other, "PEM"));

        OffsiteException e = catchThrowableOfType(() -> store.mirror(repo.path(), copy), OffsiteException.class);

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("TLS certificate of 127.0.0.1").contains("not trusted")
                .contains(other.toString()).contains("ops.backup.offsite.trust-store")
                .doesNotContain(EmbeddedFtpServer.PASSWORD);
        assertThat(ftps.commands()).doesNotContain("PROT P"); // stopped at the handshake, before any login
    }

    @Test
    void certificateThatDoesNotNameTheHostIsRefused_R3_6_a() {
        // The certificate names 127.0.0.1 only; "localhost" reaches the same server but is not in it.
        OffsiteSettings viaName = new OffsiteSettings("localhost", ftps.port(), EmbeddedFtpServer.USER,
                ftps.passwordFile(EmbeddedFtpServer.PASSWORD).toString(), "", TlsMode.EXPLICIT,
                ftps.trustedCertificatePem().toString(), "PEM", null, true, null, null, 0);

        OffsiteException e = catchThrowableOfType(() -> new FtpOffsiteStore(viaName).mirror(repo.path(), copy),
                OffsiteException.class);

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("does not name the host");
    }

    @Test
    void defaultSettingsUseFtpsAndTrustOnlyTheJvmCaCertificates_R3_6_a() {
        // Default settings are explicit FTPS: a store built from the defaults never sends the password in clear.
        OffsiteSettings defaults = OffsiteSettings.of("127.0.0.1", ftps.port(), EmbeddedFtpServer.USER,
                ftps.passwordFile(EmbeddedFtpServer.PASSWORD));

        assertThat(defaults.tls()).isEqualTo(TlsMode.EXPLICIT);
        OffsiteException e = catchThrowableOfType(() -> new FtpOffsiteStore(defaults).mirror(repo.path(), copy),
                OffsiteException.class);
        // The JVM's CA certificates do not vouch for the test's self-signed certificate.
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("not trusted").contains("JVM's default CA certificates");
        assertThat(List.copyOf(ftps.commands())).contains("AUTH TLS").doesNotContain("PROT P");
    }
}
