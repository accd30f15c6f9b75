package fr.progerance.ops.monitoring.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** ops.probe.detection: the contract's and the numbers by default, the same in application.yaml, bad values refused at start. */
@DisplayName("Detection settings: ops.probe.detection (DESIGN rule 9)")
class DetectionSettingsTest {

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                        ValidationAutoConfiguration.class))
                .withUserConfiguration(DetectionSettings.class);
    }

    @Test
    @DisplayName("defaults: N = 3, flapping over 4 changes in 30 min settled after 10 min, restart on, R3.7 once a day, R5.7 one year")
    void defaults() {
        DetectionSettings d = new DetectionSettings();
        assertThat(d.getConfirmations()).isEqualTo(3);
        assertThat(d.getFlapping().getChanges()).isEqualTo(4);
        assertThat(d.getFlapping().getWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.getFlapping().getSettle()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.isAutoRestart()).isTrue();
        assertThat(d.getConnectionWarningPeriod()).isEqualTo(Duration.ofDays(1));
        assertThat(d.getRetention()).isEqualTo(Period.ofYears(1));
    }

    @Test
    @DisplayName("application.yaml says the same as the defaults, and every key binds")
    void applicationYaml() {
        runner().withInitializer(new ConfigDataApplicationContextInitializer()).run(context -> {
            assertThat(context).hasNotFailed();
            DetectionSettings d = context.getBean(DetectionSettings.class);
            DetectionSettings defaults = new DetectionSettings();
            assertThat(d).usingRecursiveComparison().isEqualTo(defaults);
        });
        runner().withPropertyValues("ops.probe.detection.confirmations=5", "ops.probe.detection.flapping.changes=8",
                "ops.probe.detection.flapping.window=1h", "ops.probe.detection.flapping.settle=PT20M",
                "ops.probe.detection.auto-restart=false", "ops.probe.detection.connection-warning-period=PT12H",
                "ops.probe.detection.retention=P6M").run(context -> {
                    DetectionSettings d = context.getBean(DetectionSettings.class);
                    assertThat(d.getConfirmations()).isEqualTo(5);
                    assertThat(d.getFlapping().getChanges()).isEqualTo(8);
                    assertThat(d.getFlapping().getWindow()).isEqualTo(Duration.ofHours(1));
                    assertThat(d.getFlapping().getSettle()).isEqualTo(Duration.ofMinutes(20));
                    assertThat(d.isAutoRestart()).isFalse();
                    assertThat(d.getConnectionWarningPeriod()).isEqualTo(Duration.ofHours(12));
                    assertThat(d.getRetention()).isEqualTo(Period.ofMonths(6));
                    assertThat(ConnectionWarnings.french(d.getConnectionWarningPeriod())).isEqualTo("12 heures");
                });
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"ops.probe.detection.confirmations=0", "ops.probe.detection.flapping.changes=0",
            "ops.probe.detection.flapping.window=0s", "ops.probe.detection.flapping.settle=-1m",
            "ops.probe.detection.connection-warning-period=0s", "ops.probe.detection.retention=P2Y"})
    void refused(String property) {
        runner().withPropertyValues(property).run(context -> assertThat(context).hasFailed());
    }

    @Test
    @DisplayName("R3.7: the period in the client's mail, in French words")
    void periodInFrench() {
        assertThat(ConnectionWarnings.french(Duration.ofDays(1))).isEqualTo("1 jour");
        assertThat(ConnectionWarnings.french(Duration.ofDays(2))).isEqualTo("2 jours");
        assertThat(ConnectionWarnings.french(Duration.ofHours(1))).isEqualTo("1 heure");
        assertThat(ConnectionWarnings.french(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    }
}
