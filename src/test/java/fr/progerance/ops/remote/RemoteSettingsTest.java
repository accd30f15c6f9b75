package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Spring wiring of the remote package: setting keys, defaults, paths and start-up behaviour. */
@DisplayName("SSH client settings: ops.remote.ssh (DESIGN rule 6)")
class RemoteSettingsTest {

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(RemoteConfiguration.class, JschRemoteExecutor.class)
                .withPropertyValues("ops.data-dir=" + dataDir);
    }

    @Test
    @DisplayName("defaults: ${ops.data-dir}/ssh/id_ed25519, no passphrase, 10 s, 60 s, 64 KiB")
    void defaults() {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RemoteExecutor.class);
            SshClientSettings settings = context.getBean(JschRemoteExecutor.class).settings();
            assertThat(settings.privateKey()).isEqualTo(dataDir.resolve("ssh/id_ed25519").toAbsolutePath());
            assertThat(settings.passphraseFile()).isNull();
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(settings.maxOutputBytes()).isEqualTo(64 * 1024);
            assertThat(settings.streamIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
            assertThat(context).hasSingleBean(RemoteStreams.class);
        });
    }

    @Test
    @DisplayName("without ops.data-dir the key is looked for under ./data")
    void defaultDataDir() {
        new ApplicationContextRunner().withUserConfiguration(RemoteConfiguration.class, JschRemoteExecutor.class)
                .run(context -> assertThat(context.getBean(JschRemoteExecutor.class).settings().privateKey())
                        .isEqualTo(Path.of("data/ssh/id_ed25519").toAbsolutePath()));
    }

    @Test
    @DisplayName("every key binds; relative paths resolve against ops.data-dir, absolute ones stay")
    void overrides() {
        runner().withPropertyValues(
                        "ops.remote.ssh.private-key=keys/engine",
                        "ops.remote.ssh.passphrase-file=keys/engine.pass",
                        "ops.remote.ssh.connect-timeout=3s",
                        "ops.remote.ssh.command-timeout=PT2M",
                        "ops.remote.ssh.max-output=1MB",
                        "ops.remote.ssh.stream-idle-timeout=90s")
                .run(context -> {
                    SshClientSettings settings = context.getBean(JschRemoteExecutor.class).settings();
                    assertThat(settings.privateKey()).isEqualTo(dataDir.resolve("keys/engine").toAbsolutePath());
                    assertThat(settings.passphraseFile())
                            .isEqualTo(dataDir.resolve("keys/engine.pass").toAbsolutePath());
                    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(settings.commandTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(settings.maxOutputBytes()).isEqualTo(1024 * 1024);
                    assertThat(settings.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(90));
                });
        runner().withPropertyValues("ops.remote.ssh.private-key=/etc/ops-engine/id_ed25519")
                .run(context -> assertThat(context.getBean(JschRemoteExecutor.class).settings().privateKey())
                        .isEqualTo(Path.of("/etc/ops-engine/id_ed25519")));
        runner().withPropertyValues("ops.remote.ssh.private-key=${ops.data-dir}/other/key")
                .run(context -> assertThat(context.getBean(JschRemoteExecutor.class).settings().privateKey())
                        .isEqualTo(dataDir.resolve("other/key").toAbsolutePath()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops.remote.ssh.connect-timeout=0s", "ops.remote.ssh.connect-timeout=-5s",
        "ops.remote.ssh.command-timeout=0s", "ops.remote.ssh.command-timeout=25h", "ops.remote.ssh.max-output=0B",
        "ops.remote.ssh.max-output=17MB", "ops.remote.ssh.private-key= ",
        "ops.remote.ssh.stream-idle-timeout=0s", "ops.remote.ssh.stream-idle-timeout=25h"})
    @DisplayName("a meaningless setting stops start-up, naming the key")
    void invalid(String setting) {
        String key = setting.substring(0, setting.indexOf('='));
        runner().withPropertyValues(setting).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining(key));
    }

    @Test
    @DisplayName("a missing key file does not stop start-up; each call then names the file and the setting")
    void missingKeyFailsTheCallNotTheStart() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            RemoteExecutor executor = context.getBean(RemoteExecutor.class);
            SshTarget target = new SshTarget("shop1.example.net", 22, "ops",
                    "SHA256:FoBLUfeF+lllumr3WsrFZw2P+ks6zk5r/k1hJdKoOCY");

            assertThatThrownBy(() -> executor.run(target, CommandTemplate.UPTIME))
                    .isExactlyInstanceOf(RemoteException.class)
                    .hasMessageContaining(dataDir.resolve("ssh/id_ed25519").toString())
                    .hasMessageContaining("ops.remote.ssh.private-key");
        });
    }

    @Test
    @DisplayName("settings built by hand are validated the same way")
    void handBuiltSettings() {
        SshClientSettings settings = SshClientSettings.withKey(dataDir.resolve("key"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> settings.withCommandTimeout(Duration.ZERO))
                .hasMessageContaining("ops.remote.ssh.command-timeout");
        assertThatThrownBy(() -> settings.withMaxOutputBytes(0)).hasMessageContaining("ops.remote.ssh.max-output");
        assertThatThrownBy(() -> settings.withPrivateKey(null)).hasMessageContaining("ops.remote.ssh.private-key");
    }
}
