package fr.progerance.ops.update.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The settings of the update processes: defaults, binding, refusals naming the setting (DESIGN rule 9). */
class UpdateProcessSettingsTest {

    @Test
    @DisplayName("Defaults: daily watch at 6:00, security first (80 over 50), a new window within 1 day, no new major quote for 90 days")
    void defaults() {
        UpdateProcessSettings s = new UpdateProcessSettings();
        s.validate();
        assertThat(s.getWatchCycle()).isEqualTo("0 0 6 * * ?");
        assertThat(s.getRetryCycle()).isEqualTo("R3/PT5M");
        assertThat(s.priority(true)).isEqualTo(80);
        assertThat(s.priority(false)).isEqualTo(50);
        assertThat(s.getProcesses().getReplanTime()).isEqualTo(Duration.ofDays(1));
        assertThat(s.getProcesses().getMajorProposalInterval()).isEqualTo(Period.ofDays(90));
        assertThat(s.getProcesses().getRecent()).isEqualTo(Period.ofDays(30));
    }

    @Test
    @DisplayName("ops.update.watch-cycle and ops.update.processes.* bind beside the other ops.update keys")
    void binds() {
        UpdateProcessSettings s = new UpdateProcessSettings();
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "ops.update.watch-cycle", "R/2026-01-01T06:00:00+01:00/P1D",
                "ops.update.minor-delay", "P7D",
                "ops.update.processes.security-priority", "90",
                "ops.update.processes.major-proposal-interval", "P30D")));
        binder.bind("ops.update", org.springframework.boot.context.properties.bind.Bindable.ofInstance(s));
        s.validate();
        assertThat(s.getWatchCycle()).isEqualTo("R/2026-01-01T06:00:00+01:00/P1D");
        assertThat(s.priority(true)).isEqualTo(90);
        assertThat(s.getProcesses().getMajorProposalInterval()).isEqualTo(Period.ofDays(30));
    }

    @Test
    @DisplayName("Refused, naming the setting: security not first, no replanning time, a zero proposal interval")
    void refusals() {
        UpdateProcessSettings s = new UpdateProcessSettings();
        s.getProcesses().setSecurityPriority(50);
        assertThatThrownBy(s::validate).hasMessageContaining("ops.update.processes.security-priority");
        UpdateProcessSettings t = new UpdateProcessSettings();
        t.getProcesses().setReplanTime(Duration.ZERO);
        assertThatThrownBy(t::validate).hasMessageContaining("ops.update.processes.replan-time");
        UpdateProcessSettings u = new UpdateProcessSettings();
        u.getProcesses().setMajorProposalInterval(Period.ZERO);
        assertThatThrownBy(u::validate).hasMessageContaining("ops.update.processes.major-proposal-interval");
    }
}
