package fr.progerance.ops.backup.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The settings ops.backup.transfer.* bind, have their defaults, and refuse meaningless values. */
@DisplayName("Backup transfer settings: ops.backup.transfer (DESIGN rule 9)")
class BackupTransferSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BackupTransferProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    @DisplayName("defaults: a 4 MB pipe, tar's 'file changed as we read it' (exit 1) accepted")
    void defaults() {
        runner.run(context -> {
            BackupTransferProperties settings = context.getBean(BackupTransferProperties.class);
            assertThat(settings.pipeBufferBytes()).isEqualTo(4 * 1024 * 1024);
            assertThat(settings.isAcceptChangedFiles()).isTrue();
        });
    }

    @Test
    @DisplayName("every key binds")
    void overrides() {
        runner.withPropertyValues("ops.backup.transfer.pipe-buffer=512KB", "ops.backup.transfer.accept-changed-files=false")
                .run(context -> {
                    BackupTransferProperties settings = context.getBean(BackupTransferProperties.class);
                    assertThat(settings.pipeBufferBytes()).isEqualTo(512 * 1024);
                    assertThat(settings.isAcceptChangedFiles()).isFalse();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1KB", "0B", "300MB"})
    @DisplayName("a pipe buffer below 64 KB or above 256 MB is refused, naming the key")
    void badPipeBuffer(String value) {
        runner.withPropertyValues("ops.backup.transfer.pipe-buffer=" + value).run(context -> {
            BackupTransferProperties settings = context.getBean(BackupTransferProperties.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(settings::pipeBufferBytes)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ops.backup.transfer.pipe-buffer");
        });
    }
}
