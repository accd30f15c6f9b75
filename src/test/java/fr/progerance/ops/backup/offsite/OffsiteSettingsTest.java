package fr.progerance.ops.backup.offsite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.backup.offsite.OffsiteSettings.TlsMode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** R3.6-a: the off-site settings as application.yaml documents them, and their validation. */
class OffsiteSettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer()) // reads application.yaml
            .withUserConfiguration(OffsiteConfiguration.class, FtpOffsiteStore.class)
            .withPropertyValues("ops.data-dir=/var/lib/ops");

    @Test
    void applicationYamlLeavesTheOffsiteCopyNotConfiguredWithSafeDefaults_R3_6_a() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            OffsiteSettings settings = context.getBean(FtpOffsiteStore.class).settings();
            assertThat(settings.configured()).isFalse();
            assertThat(settings.tls()).isEqualTo(TlsMode.EXPLICIT);
            assertThat(settings.effectivePort()).isEqualTo(21);
            assertThat(settings.passwordFile()).isEqualTo("/var/lib/ops/secrets/offsite-ftp.password");
            assertThat(settings.trustStore()).isNull();
            assertThat(settings.trustStoreType()).isEqualTo("PKCS12");
            assertThat(settings.passive()).isTrue();
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(15));
            assertThat(settings.dataTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(settings.fileRetries()).isZero();
            assertThat(settings.baseDirectory()).isEmpty();
        });
    }

    @Test
    void configuredHostBindsWithRelativePathsUnderTheDataDirectory_R3_6_a() {
        runner.withPropertyValues("ops.backup.offsite.host=backup.other-site.example", "ops.backup.offsite.user=ops",
                "ops.backup.offsite.tls=IMPLICIT", "ops.backup.offsite.trust-store=ftp/ca.pem",
                "ops.backup.offsite.trust-store-type=pem", "ops.backup.offsite.base-directory=/restic")
                .run(context -> {
                    OffsiteSettings settings = context.getBean(FtpOffsiteStore.class).settings();
                    assertThat(settings.configured()).isTrue();
                    assertThat(settings.describe()).isEqualTo("backup.other-site.example:990");
                    assertThat(settings.trustStore()).isEqualTo("/var/lib/ops/ftp/ca.pem");
                    assertThat(settings.trustStoreType()).isEqualTo("PEM");
                    assertThat(settings.baseDirectory()).isEqualTo("/restic");
                });
    }

    @Test
    void invalidSettingsStopTheStartWithTheSettingsName_R3_6_a() {
        runner.withPropertyValues("ops.backup.offsite.host=ftp.example", "ops.backup.offsite.user=ops",
                "ops.backup.offsite.base-directory=../elsewhere").run(context -> assertThat(context).getFailure()
                        .rootCause().hasMessageContaining("ops.backup.offsite.base-directory"));
        runner.withPropertyValues("ops.backup.offsite.host=ftp.example").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("ops.backup.offsite.user is required"));
    }

    @Test
    void settingsRefuseOutOfRangeValues_R3_6_a() {
        Path password = Path.of("/x");
        OffsiteSettings ok = OffsiteSettings.of("ftp.example", 0, "ops", password);
        assertThatThrownBy(() -> OffsiteSettings.of("ftp.example", 70000, "ops", password))
                .hasMessageContaining("ops.backup.offsite.port");
        assertThatThrownBy(() -> ok.withFileRetries(-1)).hasMessageContaining("ops.backup.offsite.file-retries");
        assertThatThrownBy(() -> ok.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("ops.backup.offsite.connect-timeout");
        assertThatThrownBy(() -> ok.withTls(TlsMode.EXPLICIT, Path.of("/t"), "BKS"))
                .hasMessageContaining("ops.backup.offsite.trust-store-type");
        assertThatThrownBy(() -> OffsiteSettings.of("ftp example; rm", 21, "ops", password))
                .hasMessageContaining("ops.backup.offsite.host");
    }
}
