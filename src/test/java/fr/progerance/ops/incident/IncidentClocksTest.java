package fr.progerance.ops.incident;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.calendar.CalendarProperties;
import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.calendar.IncidentDeadlines;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.calendar.SlaDeadlines;
import fr.progerance.ops.calendar.SlaProperties;
import fr.progerance.ops.calendar.WorkingCalendar;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where an incident's clock starts, and whether the client's agreement is needed first (R4.3-t2). */
class IncidentClocksTest {

    private final IncidentClocks clocks = new IncidentClocks(new SlaDeadlines(WorkingCalendar.from(new CalendarProperties()),
            new SlaProperties(), Clock.fixed(Instant.parse("2026-04-01T08:00:00Z"), ZoneId.of("Europe/Paris"))));

    @ParameterizedTest(name = "{0}: {1} agreed in advance={2} at {3} -> needs agreement {4}")
    @CsvSource({
        "R4.3-t2, TIERCE, false, 2026-04-03T20:00:00+02:00, true",
        "R4.3-t2, TIERCE, false, 2026-04-04T10:00:00+02:00, true",
        "R4.3-t2, TIERCE, true, 2026-04-03T20:00:00+02:00, false",
        "R4.3-t1, TIERCE, false, 2026-04-03T10:00:00+02:00, false",
        "R4.3-p1, PROGERANCE, false, 2026-04-03T20:00:00+02:00, false",
        "RC-holidays, TIERCE, false, 2026-04-06T10:00:00+02:00, true"
    })
    void needsAgreement(String rule, Infrastructure infra, boolean agreedInAdvance, OffsetDateTime detectedAt,
            boolean expected) {
        assertThat(clocks.needsClientAgreement(infra, agreedInAdvance, detectedAt.toInstant())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1} agreed={2} from {3} -> intervention {4}, restoration {5}")
    @CsvSource({
        "R4.3-t2 agreed, TIERCE, true, 2026-04-03T20:00:00+02:00, 2026-04-03T20:15:00+02:00, ",
        "R4.3-t1, TIERCE, false, 2026-04-07T09:00:00+02:00, 2026-04-07T09:15:00+02:00, ",
        "R4.3-t1 agreed inside hours, TIERCE, true, 2026-04-07T10:00:00+02:00, 2026-04-07T10:15:00+02:00, ",
        "R4.3-p1, PROGERANCE, false, 2026-04-03T20:00:00+02:00, 2026-04-03T20:30:00+02:00, 2026-04-03T21:00:00+02:00"
    })
    void deadlines(String rule, Infrastructure infra, boolean agreed, OffsetDateTime clockStart, OffsetDateTime intervention,
            OffsetDateTime restoration) {
        IncidentDeadlines d = clocks.deadlines(infra, 1, IncidentCategory.TROUBLESHOOTING, clockStart.toInstant(), agreed);
        assertThat(d.guaranteed()).isTrue();
        assertThat(d.interventionDue()).isEqualTo(intervention);
        assertThat(d.restorationDue()).isEqualTo(restoration);
    }
}
