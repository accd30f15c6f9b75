package fr.progerance.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ops.backup.* settings: the contract's numbers by default, nonsense refused")
class BackupSettingsTest {

    @Test
    @DisplayName("R3.6-b, R3.6-c, R8.2: defaults are the contract's values")
    void defaults() {
        BackupSettings settings = new BackupSettings();
        settings.validate();
        assertThat(settings.getRetention().getKeep()).isEqualTo(Period.ofDays(14));
        assertThat(settings.getRetention().getSuspensionHold()).isEqualTo(Period.ofDays(30));
        assertThat(settings.getFreshness().of(BackupKind.DATABASE)).isEqualTo(Duration.ofHours(26));
        assertThat(settings.getFreshness().of(BackupKind.FILES)).isEqualTo(Duration.ofDays(8));
        assertThat(settings.getFreshness().of(BackupKind.SERVER)).isEqualTo(Duration.ofDays(8));
        assertThat(settings.getSchedule().of(BackupKind.DATABASE)).isEqualTo("0 0 2 * * ?");
        assertThat(settings.getRetryCycle()).isEqualTo("R3/PT10M");
    }

    @Test
    @DisplayName("Zero retention, negative freshness, no retries, an expression as cycle and a bad address are all named")
    void refusesNonsense() {
        BackupSettings settings = new BackupSettings();
        settings.getRetention().setKeep(Period.ZERO);
        settings.getFreshness().setDatabase(Duration.ofHours(-1));
        settings.getRetry().setAttempts(0);
        settings.getSchedule().setFiles("${evil}");
        settings.setOpsAddress("nobody");
        assertThatThrownBy(settings::validate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ops.backup.retention.keep")
                .hasMessageContaining("ops.backup.freshness.database")
                .hasMessageContaining("ops.backup.retry.attempts")
                .hasMessageContaining("ops.backup.schedule.files")
                .hasMessageContaining("ops.backup.ops-address");
    }
}
