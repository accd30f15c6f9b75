package fr.progerance.ops.update.process;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.calendar.CalendarProperties;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.calendar.WorkingCalendar;
import fr.progerance.ops.calendar.WorkingWindow;
import fr.progerance.ops.update.process.WindowRules.Window;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules of a maintenance window for an update (R4.3-p2, RC-n2, R4.0-b), without an engine. Times
 * are Europe/Paris; the expected answers are worked out by hand from RULES.md.
 */
class WindowRulesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final WorkingWindow N2 = WorkingCalendar.from(new CalendarProperties()).n2();
    /** Monday 16 March 2026, 10:00. */
    private static final Instant NOW = paris("2026-03-16T10:00");

    private static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    private static Optional<String> judge(String start, String end, Infrastructure infrastructure, Instant dueAt,
            String lateReason) {
        return WindowRules.problem(new Window(paris(start), paris(end)), NOW, dueAt, infrastructure, N2, lateReason);
    }

    @Test
    @DisplayName("R4.3-p2: a PROGERANCE window inside 7h-18h of one business day is accepted, from the opening to the closing")
    void progeranceInsideTheLevel2Window() {
        assertThat(judge("2026-03-17T07:00", "2026-03-17T09:00", Infrastructure.PROGERANCE, null, null)).isEmpty();
        assertThat(judge("2026-03-17T16:00", "2026-03-17T18:00", Infrastructure.PROGERANCE, null, null)).isEmpty();
    }

    @Test
    @DisplayName("R4.3-p2, RC-n2: before 7h, after 18h, across the night, on a Saturday or on Easter Monday 2026 is refused on PROGERANCE")
    void progeranceOutsideTheLevel2Window() {
        assertThat(judge("2026-03-17T06:30", "2026-03-17T08:00", Infrastructure.PROGERANCE, null, null))
                .get().asString().contains("R4.3-p2");
        assertThat(judge("2026-03-17T17:00", "2026-03-17T18:30", Infrastructure.PROGERANCE, null, null)).isPresent();
        assertThat(judge("2026-03-17T17:00", "2026-03-18T08:00", Infrastructure.PROGERANCE, null, null)).isPresent();
        assertThat(judge("2026-03-21T09:00", "2026-03-21T11:00", Infrastructure.PROGERANCE, null, null)).isPresent();
        // RC-holidays: Easter Monday 6 April 2026.
        assertThat(judge("2026-04-06T09:00", "2026-04-06T11:00", Infrastructure.PROGERANCE, null, null)).isPresent();
        assertThat(judge("2026-03-17T07:00", "2026-03-19T18:00", Infrastructure.PROGERANCE, null, null)).isPresent();
    }

    @Test
    @DisplayName("R4.3-p2 binds PROGERANCE only: a TIERCE window at night or on a Saturday is accepted")
    void tierceAnyTime() {
        assertThat(judge("2026-03-21T22:00", "2026-03-22T01:00", Infrastructure.TIERCE, null, null)).isEmpty();
    }

    @Test
    @DisplayName("A window in the past, starting now, or ending before it starts is refused")
    void futureAndOrdered() {
        assertThat(judge("2026-03-16T09:00", "2026-03-16T11:00", Infrastructure.TIERCE, null, null))
                .get().asString().contains("future");
        assertThat(judge("2026-03-16T10:00", "2026-03-16T11:00", Infrastructure.TIERCE, null, null)).isPresent();
        assertThat(judge("2026-03-17T11:00", "2026-03-17T11:00", Infrastructure.TIERCE, null, null))
                .get().asString().contains("end after it starts");
        assertThat(judge("2026-03-17T11:00", "2026-03-17T10:00", Infrastructure.TIERCE, null, null)).isPresent();
    }

    @Test
    @DisplayName("R4.0-b: a window ending after the due date needs a reason; ending exactly at it does not")
    void dueDate() {
        Instant due = paris("2026-03-18T00:00");
        assertThat(judge("2026-03-17T09:00", "2026-03-17T11:00", Infrastructure.PROGERANCE, due, null)).isEmpty();
        assertThat(judge("2026-03-17T22:00", "2026-03-18T00:00", Infrastructure.TIERCE, due, null)).isEmpty();
        assertThat(judge("2026-03-18T09:00", "2026-03-18T11:00", Infrastructure.PROGERANCE, due, null))
                .get().asString().contains("R4.0-b").contains("lateWindowReason");
        assertThat(judge("2026-03-18T09:00", "2026-03-18T11:00", Infrastructure.PROGERANCE, due, "  ")).isPresent();
        assertThat(judge("2026-03-18T09:00", "2026-03-18T11:00", Infrastructure.PROGERANCE, due,
                "Le client ferme la boutique mercredi seulement")).isEmpty();
    }
}
