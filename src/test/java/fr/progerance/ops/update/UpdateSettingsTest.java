package fr.progerance.ops.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The {@code ops.update} settings of the records and of ApplyUpdate (DESIGN rule 9). */
class UpdateSettingsTest {

    private static UpdateSettings bind(Map<String, String> values) {
        UpdateSettings settings = new UpdateSettings();
        new Binder(new MapConfigurationPropertySource(values)).bind("ops.update", Bindable.ofInstance(settings));
        return settings;
    }

    @Test
    @DisplayName("R4.0-b, R4.3-p2: the defaults are the contract's: minor updates within 7 days, 2 h of level-2 window time; security releases in 2 days")
    void contractDefaults() {
        UpdateSettings s = new UpdateSettings();
        s.validate();
        assertThat(s.getMinorDelay()).isEqualTo(Period.ofDays(7));
        assertThat(s.getSecurityDelay()).isEqualTo(Period.ofDays(2));
        assertThat(s.getWindowTimeLimit()).isEqualTo(Duration.ofHours(2));
        assertThat(s.getApply().getBackupWait()).isEqualTo(Duration.ofHours(1));
        assertThat(s.getApply().getRun().getAttempts()).isEqualTo(2);
        assertThat(s.getApply().getRollback().getAttempts()).isEqualTo(3);
    }

    @Test
    @DisplayName("The application.yaml spellings bind (P7D, PT2H, apply.run.attempts ...)")
    void binds() {
        UpdateSettings s = bind(Map.of("ops.update.minor-delay", "P10D", "ops.update.security-delay", "P1D",
                "ops.update.window-time-limit", "PT3H", "ops.update.apply.backup-wait", "PT30M",
                "ops.update.apply.run.attempts", "4", "ops.update.apply.rollback.lock-duration", "PT1H",
                "ops.update.apply.retry-cycle", "R5/PT1M", "ops.update.apply.ops-address", "ops@example.org"));
        s.validate();
        assertThat(s.getMinorDelay()).isEqualTo(Period.ofDays(10));
        assertThat(s.getWindowTimeLimit()).isEqualTo(Duration.ofHours(3));
        assertThat(s.getApply().getRun().getAttempts()).isEqualTo(4);
        assertThat(s.getApply().getRollback().getLockDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(s.getApply().getRetryCycle()).isEqualTo("R5/PT1M");
        assertThat(s.getApply().getOpsAddress()).isEqualTo("ops@example.org");
    }

    @Test
    @DisplayName("Meaningless settings stop the start naming the setting: security slower than minor, zero or negative durations, no attempt")
    void refusals() {
        assertThatThrownBy(() -> bind(Map.of("ops.update.security-delay", "P8D")).validate())
                .hasMessageContaining("ops.update.security-delay (P8D) must not be longer than ops.update.minor-delay");
        assertThatThrownBy(() -> bind(Map.of("ops.update.minor-delay", "P0D")).validate())
                .hasMessageContaining("ops.update.minor-delay");
        assertThatThrownBy(() -> bind(Map.of("ops.update.window-time-limit", "PT0S")).validate())
                .hasMessageContaining("ops.update.window-time-limit must be a positive duration");
        assertThatThrownBy(() -> bind(Map.of("ops.update.apply.rollback.retry-timeout", "-PT1M")).validate())
                .hasMessageContaining("ops.update.apply.rollback.retry-timeout");
        assertThatThrownBy(() -> bind(Map.of("ops.update.apply.run.attempts", "0")).validate())
                .hasMessageContaining("attempts must be at least 1");
    }
}
