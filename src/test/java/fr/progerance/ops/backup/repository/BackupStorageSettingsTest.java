package fr.progerance.ops.backup.repository;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.backup.restic.ProcessRestic;
import fr.progerance.ops.backup.restic.ResticConfiguration;
import fr.progerance.ops.backup.restic.ResticLocks;
import fr.progerance.ops.backup.restic.ResticProcesses;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Spring wiring of the backup storage and the restic wrapper: keys, defaults, validation. */
@DisplayName("backup settings: ops.backup.volume, ops.backup.password-dir, ops.backup.restic.* (R3.6-a, R8.2)")
class BackupStorageSettingsTest {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BackupStorageSettings.class)
    static class Wiring {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Wiring.class, ResticConfiguration.class, ResticProcesses.class,
                        ProcessRestic.class, ResticLocks.class, ClientRepositories.class)
                .withPropertyValues("ops.data-dir=" + dataDir);
    }

    @Test
    @DisplayName("defaults: repositories under ${ops.data-dir}/backups, passwords under ${ops.data-dir}/secrets/restic")
    void defaults() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            ResticRepository repository = context.getBean(ClientRepositories.class).repository(9);
            assertThat(repository.location()).isEqualTo(dataDir.resolve("backups/clients/client-9"));
            assertThat(repository.passwordFile()).isEqualTo(dataDir.resolve("secrets/restic/client-9.password"));
            ResticSettings restic = context.getBean(ProcessRestic.class).settings();
            assertThat(restic.binary()).isEqualTo("restic");
            assertThat(restic.minimumVersion()).isEqualTo("0.14.0");
            assertThat(restic.commandTimeout()).isEqualTo(Duration.ofMinutes(30));
            assertThat(restic.transferTimeout()).isEqualTo(Duration.ofHours(6));
            assertThat(restic.cacheDir()).isEqualTo(dataDir.resolve("cache/restic"));
            assertThat(restic.host()).isNull();
            assertThat(restic.staleLockAge()).isEqualTo(Duration.ofMinutes(30));
        });
    }

    @Test
    @DisplayName("every key binds; relative paths resolve against ops.data-dir")
    void overrides() {
        runner().withPropertyValues("ops.backup.volume=/srv/backup-volume", "ops.backup.password-dir=keys",
                        "ops.backup.restic.binary=/opt/restic/bin/restic", "ops.backup.restic.minimum-version=0.16.0",
                        "ops.backup.restic.command-timeout=5m", "ops.backup.restic.transfer-timeout=12h",
                        "ops.backup.restic.cache-dir=/var/cache/restic", "ops.backup.restic.host=engine-1",
                        "ops.backup.restic.stale-lock-age=45m")
                .run(context -> {
                    ResticRepository repository = context.getBean(ClientRepositories.class).repository(3);
                    assertThat(repository.location()).isEqualTo(Path.of("/srv/backup-volume/clients/client-3"));
                    assertThat(repository.passwordFile()).isEqualTo(dataDir.resolve("keys/client-3.password"));
                    ResticSettings restic = context.getBean(ProcessRestic.class).settings();
                    assertThat(restic.binary()).isEqualTo("/opt/restic/bin/restic");
                    assertThat(restic.minimumVersion()).isEqualTo("0.16.0");
                    assertThat(restic.commandTimeout()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(restic.transferTimeout()).isEqualTo(Duration.ofHours(12));
                    assertThat(restic.cacheDir()).isEqualTo(Path.of("/var/cache/restic"));
                    assertThat(restic.host()).isEqualTo("engine-1");
                    assertThat(restic.staleLockAge()).isEqualTo(Duration.ofMinutes(45));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops.backup.password-dir=backups/secrets", "ops.backup.volume= ",
        "ops.backup.restic.binary= ", "ops.backup.restic.minimum-version=latest",
        "ops.backup.restic.command-timeout=0s", "ops.backup.restic.transfer-timeout=-1h",
        "ops.backup.restic.stale-lock-age=0m", "ops.backup.restic.host=two words"})
    @DisplayName("a meaningless setting stops start-up, naming the key")
    void invalidSettingsRefused(String setting) {
        String key = setting.substring(0, setting.indexOf('='));
        runner().withPropertyValues(setting).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining(key));
    }

    @Test
    @DisplayName("the application starts without restic: nothing runs restic while the context starts")
    void startsWithoutRestic() {
        runner().withPropertyValues("ops.backup.restic.binary=" + dataDir.resolve("no-restic"))
                .run(context -> assertThat(context).hasNotFailed());
    }
}
