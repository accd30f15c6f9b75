package fr.progerance.ops.monitoring.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R4.4-p: the part of a MANUAL window before now is fixed (plain rules, no Spring). */
class ManualWindowRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static final MaintenanceWindowSource MANUAL = MaintenanceWindowSource.MANUAL;
    private final ManualWindowRules rules = new ManualWindowRules(Duration.ofHours(24));

    private static Instant at(String hhmm) {
        return Instant.parse("2026-03-10T" + hhmm + ":00Z");
    }

    private static Interval span(String from, String to) {
        return new Interval(at(from), at(to));
    }

    @Test
    @DisplayName("R4.4-p: a new window starts now or later, ends after its start, lasts at most the setting (400 naming the field)")
    void create() {
        assertThat(rules.create(at("09:00"), at("10:00"), NOW)).isEqualTo(span("09:00", "10:00"));
        assertThat(fields(() -> rules.create(at("08:59"), at("10:00"), NOW))).containsExactly("start");
        assertThat(fields(() -> rules.create(at("10:00"), at("10:00"), NOW))).containsExactly("end");
        assertThat(fields(() -> rules.create(at("08:00"), at("07:00"), NOW))).containsExactly("start", "end");
        assertThat(fields(() -> rules.create(at("10:00"), at("10:00").plus(Duration.ofHours(24)).plusSeconds(1), NOW)))
                .containsExactly("end");
        assertThat(rules.create(at("10:00"), at("10:00").plus(Duration.ofHours(24)), NOW).duration())
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    @DisplayName("R4.4-p: a window not begun moves anywhere a new one could be, and may be cancelled")
    void futureWindow() {
        Interval future = span("12:00", "13:00");
        assertThat(rules.move(MANUAL, future, at("09:30"), at("11:00"), NOW)).isEqualTo(span("09:30", "11:00"));
        assertThat(fields(() -> rules.move(MANUAL, future, at("08:00"), at("11:00"), NOW))).containsExactly("start");
        rules.cancel(MANUAL, future, NOW);
    }

    @Test
    @DisplayName("R4.4-p: a begun window keeps its start and cannot be cancelled (409); its end moves to now or later")
    void begunWindow() {
        Interval begun = span("08:00", "10:00");
        assertThat(conflict(() -> rules.cancel(MANUAL, begun, NOW))).isEqualTo("id");
        assertThat(conflict(() -> rules.move(MANUAL, begun, at("08:30"), at("10:00"), NOW))).isEqualTo("start");
        assertThat(conflict(() -> rules.move(MANUAL, begun, at("09:30"), at("10:00"), NOW)))
                .as("not even later: the minutes since 08:00 are measured").isEqualTo("start");
        assertThat(conflict(() -> rules.move(MANUAL, begun, at("08:00"), at("08:59"), NOW))).isEqualTo("end");
        assertThat(rules.move(MANUAL, begun, at("08:00"), NOW, NOW)).as("ended early, now").isEqualTo(span("08:00", "09:00"));
        assertThat(rules.move(MANUAL, begun, at("08:00"), at("12:00"), NOW)).as("extended").isEqualTo(span("08:00", "12:00"));
        assertThat(fields(() -> rules.move(MANUAL, begun, at("08:00"), at("08:00").plus(Duration.ofHours(25)), NOW)))
                .containsExactly("end");
        assertThat(conflict(() -> rules.cancel(MANUAL, span("09:00", "10:00"), NOW)))
                .as("a window starting now has begun").isEqualTo("id");
    }

    @Test
    @DisplayName("R4.4-p: an ended window keeps its span (409); only its reason may be corrected")
    void endedWindow() {
        Interval ended = span("06:00", "07:00");
        assertThat(conflict(() -> rules.move(MANUAL, ended, at("06:00"), at("09:30"), NOW))).isEqualTo("end");
        assertThat(conflict(() -> rules.move(MANUAL, ended, at("06:00"), at("06:30"), NOW))).isEqualTo("end");
        assertThat(conflict(() -> rules.cancel(MANUAL, ended, NOW))).isEqualTo("id");
        assertThat(rules.move(MANUAL, ended, at("06:00"), at("07:00"), NOW)).isEqualTo(ended);
    }

    @Test
    @DisplayName("R4.4-p: UPDATE windows belong to their update: read-only here (409)")
    void updateWindowsAreReadOnly() {
        Interval future = span("12:00", "13:00");
        assertThat(conflict(() -> rules.move(MaintenanceWindowSource.UPDATE, future, at("12:00"), at("14:00"), NOW)))
                .isEqualTo("source");
        assertThat(conflict(() -> rules.cancel(MaintenanceWindowSource.UPDATE, future, NOW))).isEqualTo("source");
    }

    private static java.util.List<String> fields(Runnable call) {
        try {
            call.run();
        } catch (InvalidInputException e) {
            return e.problems().stream().map(FieldProblem::field).toList();
        }
        throw new AssertionError("expected a 400 (InvalidInputException)");
    }

    private static String conflict(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(ConflictException.class);
        try {
            call.run();
            return null;
        } catch (ConflictException e) {
            return e.problems().get(0).field();
        }
    }
}
