package fr.progerance.ops.calendar;

import static fr.progerance.ops.calendar.CalendarFixtures.at;
import static fr.progerance.ops.calendar.CalendarFixtures.expected;
import static fr.progerance.ops.calendar.CalendarFixtures.iso;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Art. 4 and R3.6-d: SLA deadlines in Europe/Paris")
class SlaDeadlinesTest {

    private static final String NOW = "2026-04-07T10:00:00+02:00";

    private final SlaDeadlines deadlines = CalendarFixtures.deadlines(CalendarFixtures.contractCalendar(), NOW);
    private final SlaDeadlines alsace = CalendarFixtures.deadlines(CalendarFixtures.alsaceMoselleCalendar(), NOW);

    @ParameterizedTest(name = "{0}: {1} level {2} {3} detected {4} -> guaranteed {5}, GTI {6}, GTR {7}")
    @CsvSource({
            // R4.3-p1: 10 min inside RC-business, 30 min otherwise; GTR = GTI + 30 min; continuous.
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-04-07T10:00:00+02:00, true, 2026-04-07T10:10:00+02:00, 2026-04-07T10:40:00+02:00",
            "R4.3-p1, PROGERANCE, 1, UPDATE,          2026-04-07T10:00:00+02:00, true, 2026-04-07T10:10:00+02:00, 2026-04-07T10:40:00+02:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-04-07T08:59:59+02:00, true, 2026-04-07T09:29:59+02:00, 2026-04-07T09:59:59+02:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-04-07T09:00:00+02:00, true, 2026-04-07T09:10:00+02:00, 2026-04-07T09:40:00+02:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-04-07T17:59:59+02:00, true, 2026-04-07T18:09:59+02:00, 2026-04-07T18:39:59+02:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-04-07T18:00:00+02:00, true, 2026-04-07T18:30:00+02:00, 2026-04-07T19:00:00+02:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-04-10T18:30:00+02:00, true, 2026-04-10T19:00:00+02:00, 2026-04-10T19:30:00+02:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-04-11T10:00:00+02:00, true, 2026-04-11T10:30:00+02:00, 2026-04-11T11:00:00+02:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-04-06T10:00:00+02:00, true, 2026-04-06T10:30:00+02:00, 2026-04-06T11:00:00+02:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-04-03T10:00:00+02:00, true, 2026-04-03T10:10:00+02:00, 2026-04-03T10:40:00+02:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-12-24T10:00:00+01:00, true, 2026-12-24T10:10:00+01:00, 2026-12-24T10:40:00+01:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-12-25T10:00:00+01:00, true, 2026-12-25T10:30:00+01:00, 2026-12-25T11:00:00+01:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2027-01-01T10:00:00+01:00, true, 2027-01-01T10:30:00+01:00, 2027-01-01T11:00:00+01:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-03-29T01:50:00+01:00, true, 2026-03-29T03:20:00+02:00, 2026-03-29T03:50:00+02:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-10-25T02:50:00+02:00, true, 2026-10-25T02:20:00+01:00, 2026-10-25T02:50:00+01:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-03-30T09:00:00+02:00, true, 2026-03-30T09:10:00+02:00, 2026-03-30T09:40:00+02:00",
            "R4.3-p1, PROGERANCE, 1, TROUBLESHOOTING, 2026-03-30T07:00:00Z,      true, 2026-03-30T09:10:00+02:00, 2026-03-30T09:40:00+02:00",
            // R4.3-p2: 1 h troubleshooting / 2 h update of RC-n2 time (7h-18h on business days).
            "R4.3-p2, PROGERANCE, 2, TROUBLESHOOTING, 2026-04-10T17:30:00+02:00, true, 2026-04-13T07:30:00+02:00, 2026-04-13T07:30:00+02:00",
            "R4.3-p2, PROGERANCE, 2, UPDATE,          2026-04-10T17:30:00+02:00, true, 2026-04-13T08:30:00+02:00, 2026-04-13T08:30:00+02:00",
            "R4.3-p2, PROGERANCE, 2, TROUBLESHOOTING, 2026-04-07T06:59:00+02:00, true, 2026-04-07T08:00:00+02:00, 2026-04-07T08:00:00+02:00",
            "R4.3-p2, PROGERANCE, 2, TROUBLESHOOTING, 2026-04-07T07:00:00+02:00, true, 2026-04-07T08:00:00+02:00, 2026-04-07T08:00:00+02:00",
            "R4.3-p2, PROGERANCE, 2, TROUBLESHOOTING, 2026-04-07T17:00:00+02:00, true, 2026-04-07T18:00:00+02:00, 2026-04-07T18:00:00+02:00",
            "R4.3-p2, PROGERANCE, 2, UPDATE,          2026-04-07T17:00:00+02:00, true, 2026-04-08T08:00:00+02:00, 2026-04-08T08:00:00+02:00",
            "R4.3-p2, PROGERANCE, 2, TROUBLESHOOTING, 2026-04-07T18:00:00+02:00, true, 2026-04-08T08:00:00+02:00, 2026-04-08T08:00:00+02:00",
            "R4.3-p2, PROGERANCE, 2, TROUBLESHOOTING, 2026-03-27T17:30:00+01:00, true, 2026-03-30T07:30:00+02:00, 2026-03-30T07:30:00+02:00",
            "R4.3-p2, PROGERANCE, 2, TROUBLESHOOTING, 2026-03-29T01:50:00+01:00, true, 2026-03-30T08:00:00+02:00, 2026-03-30T08:00:00+02:00",
            "R4.3-p2, PROGERANCE, 2, UPDATE,          2026-10-23T17:30:00+02:00, true, 2026-10-26T08:30:00+01:00, 2026-10-26T08:30:00+01:00",
            "R4.3-p2, PROGERANCE, 2, TROUBLESHOOTING, 2026-12-24T17:30:00+01:00, true, 2026-12-28T07:30:00+01:00, 2026-12-28T07:30:00+01:00",
            "R4.3-p2, PROGERANCE, 2, UPDATE,          2026-12-31T17:30:00+01:00, true, 2027-01-04T08:30:00+01:00, 2027-01-04T08:30:00+01:00",
            "R4.3-p2, PROGERANCE, 2, TROUBLESHOOTING, 2026-05-13T17:30:00+02:00, true, 2026-05-15T07:30:00+02:00, 2026-05-15T07:30:00+02:00",
            // R4.3-t1: TIERCE inside RC-business, 15 min continuous, GTR best effort.
            "R4.3-t1, TIERCE,     1, TROUBLESHOOTING, 2026-04-07T10:00:00+02:00, true, 2026-04-07T10:15:00+02:00, ",
            "R4.3-t1, TIERCE,     2, UPDATE,          2026-04-07T09:00:00+02:00, true, 2026-04-07T09:15:00+02:00, ",
            "R4.3-t1, TIERCE,     1, TROUBLESHOOTING, 2026-04-07T17:59:59+02:00, true, 2026-04-07T18:14:59+02:00, ",
            "R4.3-t1, TIERCE,     1, TROUBLESHOOTING, 2026-12-24T17:50:00+01:00, true, 2026-12-24T18:05:00+01:00, ",
            "R4.3-t1, TIERCE,     1, TROUBLESHOOTING, 2026-04-03T10:00:00+02:00, true, 2026-04-03T10:15:00+02:00, ",
            // R4.3-t2: TIERCE outside RC-business, nothing guaranteed.
            "R4.3-t2, TIERCE,     1, TROUBLESHOOTING, 2026-04-07T08:59:59+02:00, false, , ",
            "R4.3-t2, TIERCE,     2, TROUBLESHOOTING, 2026-04-07T18:00:00+02:00, false, , ",
            "R4.3-t2, TIERCE,     1, TROUBLESHOOTING, 2026-04-10T19:00:00+02:00, false, , ",
            "R4.3-t2, TIERCE,     1, UPDATE,          2026-04-11T10:00:00+02:00, false, , ",
            "R4.3-t2, TIERCE,     1, TROUBLESHOOTING, 2026-12-25T10:00:00+01:00, false, , ",
            "R4.3-t2, TIERCE,     2, TROUBLESHOOTING, 2026-05-25T10:00:00+02:00, false, , "
    })
    void incidentDeadlines(String rule, Infrastructure infrastructure, int level, IncidentCategory category,
            String detectedAt, boolean guaranteed, String interventionDue, String restorationDue) {
        IncidentDeadlines d = deadlines.incidentDeadlines(infrastructure, level, category,
                OffsetDateTime.parse(detectedAt));
        assertThat(d.rule()).isEqualTo(rule);
        assertThat(d.guaranteed()).isEqualTo(guaranteed);
        assertThat(iso(d.interventionDue())).isEqualTo(expected(interventionDue));
        assertThat(iso(d.restorationDue())).isEqualTo(expected(restorationDue));
    }

    @ParameterizedTest(name = "{0}: with Alsace-Moselle, {1} level {2} detected {3} -> {4} (national: {5})")
    @CsvSource({
            "R4.3-p1, PROGERANCE, 1, 2026-04-03T10:00:00+02:00, 2026-04-03T10:30:00+02:00, 2026-04-03T10:10:00+02:00",
            "R4.3-p2, PROGERANCE, 2, 2026-04-02T17:30:00+02:00, 2026-04-07T07:30:00+02:00, 2026-04-03T07:30:00+02:00",
            "R4.3-t2, TIERCE,     1, 2026-04-03T10:00:00+02:00, ,                          2026-04-03T10:15:00+02:00"
    })
    void goodFridayInAlsaceMoselle(String rule, Infrastructure infrastructure, int level, String detectedAt,
            String alsaceDue, String nationalDue) {
        IncidentDeadlines inAlsace = alsace.incidentDeadlines(infrastructure, level, IncidentCategory.TROUBLESHOOTING,
                at(detectedAt));
        assertThat(inAlsace.rule()).isEqualTo(rule);
        assertThat(iso(inAlsace.interventionDue())).isEqualTo(expected(alsaceDue));
        assertThat(iso(deadlines.incidentDeadlines(infrastructure, level, IncidentCategory.TROUBLESHOOTING,
                at(detectedAt)).interventionDue())).isEqualTo(expected(nationalDue));
    }

    @ParameterizedTest(name = "{0}: {1} + {2} business time = {3}")
    @CsvSource({
            "R3.6-d night,         2026-04-07T16:00:00+02:00, PT4H, 2026-04-08T11:00:00+02:00",
            "R3.6-d weekend,       2026-04-10T15:00:00+02:00, PT4H, 2026-04-13T10:00:00+02:00",
            "R3.6-d Whit Monday,   2026-05-22T16:00:00+02:00, PT4H, 2026-05-26T11:00:00+02:00",
            "R3.6-d Ascension,     2026-05-13T17:00:00+02:00, PT4H, 2026-05-15T12:00:00+02:00",
            "R3.6-d Easter Monday, 2026-04-03T17:00:00+02:00, PT4H, 2026-04-07T12:00:00+02:00",
            "R3.6-d Christmas,     2026-12-24T16:00:00+01:00, PT4H, 2026-12-28T11:00:00+01:00",
            "R3.6-d New Year,      2026-12-31T15:00:00+01:00, PT4H, 2027-01-04T10:00:00+01:00",
            "R3.6-d summer time,   2026-03-27T16:00:00+01:00, PT4H, 2026-03-30T11:00:00+02:00",
            "R3.6-d winter time,   2026-10-23T16:00:00+02:00, PT4H, 2026-10-26T11:00:00+01:00",
            "R3.6-d at night,      2026-04-07T23:00:00+02:00, PT4H, 2026-04-08T13:00:00+02:00",
            "R3.6-d exact end,     2026-04-07T14:00:00+02:00, PT4H, 2026-04-07T18:00:00+02:00",
            "RC-business decimal,  2026-04-07T10:00:00+02:00, PT1H15M, 2026-04-07T11:15:00+02:00"
    })
    void businessDeadline(String rule, String from, Duration businessTime, String due) {
        assertThat(iso(deadlines.businessDeadline(OffsetDateTime.parse(from), businessTime))).isEqualTo(expected(due));
        if (businessTime.equals(Duration.ofHours(4))) {
            assertThat(iso(deadlines.restoreDeadline(at(from)))).isEqualTo(expected(due));
        }
    }

    @Test
    @DisplayName("R3.6-d: with Alsace-Moselle, Good Friday adds a closed day")
    void restoreAcrossGoodFridayInAlsaceMoselle() {
        assertThat(iso(alsace.restoreDeadline(at("2026-04-02T16:00:00+02:00")))).isEqualTo("2026-04-07T11:00:00+02:00");
        assertThat(iso(deadlines.restoreDeadline(at("2026-04-02T16:00:00+02:00")))).isEqualTo("2026-04-03T11:00:00+02:00");
    }

    @ParameterizedTest(name = "{0}: {1} business hours = {2}, support hours = {3}, level-2 window = {4}")
    @CsvSource({
            "RC-business, 2026-04-07T08:59:59+02:00, false, false, true",
            "RC-business, 2026-04-07T09:00:00+02:00, true,  true,  true",
            "RC-business, 2026-04-07T17:59:59+02:00, true,  true,  true",
            "RC-business, 2026-04-07T18:00:00+02:00, false, true,  false",
            "RC-n2,       2026-04-07T06:59:00+02:00, false, false, false",
            "RC-n2,       2026-04-07T07:00:00+02:00, false, false, true",
            "RC-support,  2026-04-11T20:59:59+02:00, false, true,  false",
            "RC-support,  2026-04-11T21:00:00+02:00, false, false, false",
            "RC-support,  2026-04-12T10:00:00+02:00, false, false, false",
            "RC-support,  2026-12-25T10:00:00+01:00, false, true,  false"
    })
    void windows(String rule, String instant, boolean business, boolean support, boolean level2) {
        assertThat(deadlines.isBusinessHours(at(instant))).isEqualTo(business);
        assertThat(deadlines.isSupportHours(at(instant))).isEqualTo(support);
        assertThat(deadlines.isLevel2Window(at(instant))).isEqualTo(level2);
    }

    @ParameterizedTest(name = "{0}: next business opening after {1} is {2}")
    @CsvSource({
            "R4.3-t2 Friday evening, 2026-04-10T19:00:00+02:00, 2026-04-13T09:00:00+02:00",
            "R4.3-t2 early morning,  2026-04-07T08:59:59+02:00, 2026-04-07T09:00:00+02:00",
            "R4.3-t2 at opening,     2026-04-07T09:00:00+02:00, 2026-04-07T09:00:00+02:00",
            "R4.3-t2 Christmas,      2026-12-24T18:00:00+01:00, 2026-12-28T09:00:00+01:00",
            "R4.3-t2 New Year,       2026-12-31T18:00:00+01:00, 2027-01-04T09:00:00+01:00",
            "R4.3-t2 summer time,    2026-03-28T10:00:00+01:00, 2026-03-30T09:00:00+02:00",
            "R4.3-t2 winter time,    2026-10-24T10:00:00+02:00, 2026-10-26T09:00:00+01:00"
    })
    void nextBusinessOpening(String rule, String from, String opening) {
        assertThat(iso(deadlines.nextBusinessOpening(at(from)))).isEqualTo(expected(opening));
        assertThat(iso(deadlines.nextBusinessInstant(at(from)))).isEqualTo(expected(opening));
    }

    @Test
    @DisplayName("RC-business, RC-support: next opening and next working instant differ inside the window")
    void nextOpeningInsideWindow() {
        assertThat(iso(deadlines.nextBusinessOpening(at("2026-04-07T10:00:00+02:00"))))
                .isEqualTo("2026-04-08T09:00:00+02:00");
        assertThat(iso(deadlines.nextBusinessInstant(at("2026-04-07T10:00:00+02:00"))))
                .isEqualTo("2026-04-07T10:00:00+02:00");
        assertThat(iso(deadlines.nextSupportOpening(at("2026-04-11T21:00:00+02:00"))))
                .isEqualTo("2026-04-13T09:00:00+02:00");
        assertThat(deadlines.businessTimeBetween(at("2026-04-10T17:00:00+02:00"), at("2026-04-13T10:00:00+02:00")))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    @DisplayName("R4.3-p1, RC-business, RC-support: 'now' comes from the injected clock")
    void nowFromInjectedClock() {
        assertThat(deadlines.isBusinessHoursNow()).isTrue();
        assertThat(deadlines.isSupportHoursNow()).isTrue();
        IncidentDeadlines d = deadlines.incidentDeadlines(Infrastructure.PROGERANCE, 1, IncidentCategory.UPDATE);
        assertThat(iso(d.interventionDue())).isEqualTo("2026-04-07T10:10:00+02:00");
        SlaDeadlines sunday = CalendarFixtures.deadlines(CalendarFixtures.contractCalendar(), "2026-04-12T10:00:00+02:00");
        assertThat(sunday.isBusinessHoursNow()).isFalse();
        assertThat(sunday.isSupportHoursNow()).isFalse();
    }

    @Test
    @DisplayName("R4.3-p1, R4.3-p2, R4.3-t1, R3.6-d: every delay follows its ops.sla setting")
    void settingsAreHonoured() {
        SlaProperties sla = new SlaProperties();
        sla.setN1InterventionInBusinessHours(Duration.ofMinutes(5));
        sla.setN1InterventionOutsideBusinessHours(Duration.ofMinutes(20));
        sla.setN1RestorationAfterIntervention(Duration.ofMinutes(60));
        sla.setN2Troubleshooting(Duration.ofMinutes(90));
        sla.setN2Update(Duration.ofHours(3));
        sla.setTierceIntervention(Duration.ofMinutes(20));
        sla.setRestore(Duration.ofHours(2));
        SlaDeadlines custom = new SlaDeadlines(CalendarFixtures.contractCalendar(), sla,
                CalendarFixtures.fixedClock(NOW));
        IncidentDeadlines n1 = custom.incidentDeadlines(Infrastructure.PROGERANCE, 1, IncidentCategory.UPDATE, at(NOW));
        assertThat(iso(n1.interventionDue())).isEqualTo("2026-04-07T10:05:00+02:00");
        assertThat(iso(n1.restorationDue())).isEqualTo("2026-04-07T11:05:00+02:00");
        assertThat(iso(custom.incidentDeadlines(Infrastructure.PROGERANCE, 1, IncidentCategory.UPDATE,
                at("2026-04-07T20:00:00+02:00")).interventionDue())).isEqualTo("2026-04-07T20:20:00+02:00");
        assertThat(iso(custom.incidentDeadlines(Infrastructure.PROGERANCE, 2, IncidentCategory.TROUBLESHOOTING,
                at(NOW)).interventionDue())).isEqualTo("2026-04-07T11:30:00+02:00");
        assertThat(iso(custom.incidentDeadlines(Infrastructure.PROGERANCE, 2, IncidentCategory.UPDATE,
                at(NOW)).interventionDue())).isEqualTo("2026-04-07T13:00:00+02:00");
        assertThat(iso(custom.incidentDeadlines(Infrastructure.TIERCE, 1, IncidentCategory.UPDATE,
                at(NOW)).interventionDue())).isEqualTo("2026-04-07T10:20:00+02:00");
        assertThat(iso(custom.restoreDeadline(at("2026-04-07T17:00:00+02:00")))).isEqualTo("2026-04-08T10:00:00+02:00");
    }

    @Test
    @DisplayName("R4.3-p1, R4.3-p2, R3.6-d: meaningless ops.sla settings fail at start-up, naming the key")
    void invalidSettings() {
        SlaProperties zero = new SlaProperties();
        zero.setN2Update(Duration.ZERO);
        assertThatThrownBy(() -> new SlaDeadlines(CalendarFixtures.contractCalendar(), zero,
                CalendarFixtures.fixedClock(NOW)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ops.sla.n2-update");
        SlaProperties negative = new SlaProperties();
        negative.setN1RestorationAfterIntervention(Duration.ofMinutes(-1));
        assertThatThrownBy(() -> new SlaDeadlines(CalendarFixtures.contractCalendar(), negative,
                CalendarFixtures.fixedClock(NOW)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ops.sla.n1-restoration-after-intervention");
        SlaProperties missing = new SlaProperties();
        missing.setRestore(null);
        assertThatThrownBy(() -> new SlaDeadlines(CalendarFixtures.contractCalendar(), missing,
                CalendarFixtures.fixedClock(NOW)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ops.sla.restore");
    }

    @ParameterizedTest(name = "R4.3-p1/p2: level {0} is refused")
    @ValueSource(ints = {0, 3, -1, 99})
    void invalidLevel(int level) {
        assertThatThrownBy(() -> deadlines.incidentDeadlines(Infrastructure.PROGERANCE, level,
                IncidentCategory.TROUBLESHOOTING, at(NOW)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level must be 1 or 2");
        assertThatThrownBy(() -> deadlines.incidentDeadlines(Infrastructure.TIERCE, level,
                IncidentCategory.TROUBLESHOOTING, at(NOW)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level must be 1 or 2");
    }

    @Test
    @DisplayName("Art. 4, R3.6-d: missing arguments, negative or absurd business time are refused")
    void invalidArguments() {
        assertThatThrownBy(() -> deadlines.incidentDeadlines(null, 1, IncidentCategory.UPDATE, at(NOW)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("infrastructure");
        assertThatThrownBy(() -> deadlines.incidentDeadlines(Infrastructure.TIERCE, 1, null, at(NOW)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("category");
        assertThatThrownBy(() -> deadlines.incidentDeadlines(Infrastructure.TIERCE, 1, IncidentCategory.UPDATE,
                (OffsetDateTime) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detectedAt");
        assertThatThrownBy(() -> deadlines.businessDeadline(at(NOW), Duration.ofHours(-4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> deadlines.businessDeadline(at(NOW), Duration.ofDays(10_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> deadlines.businessDeadline(at(NOW), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("businessTime");
        assertThatThrownBy(() -> deadlines.isBusinessHours(at("3000-01-01T10:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3000");
    }

    @Nested
    @DisplayName("R9: force majeure suspends SLA clocks and they resume with the time left")
    class ForceMajeure {

        @Test
        @DisplayName("R9 + R4.3-p1: continuous clocks move by the suspension's length")
        void continuous() {
            IncidentDeadlines d = deadlines.incidentDeadlines(Infrastructure.PROGERANCE, 1,
                    IncidentCategory.TROUBLESHOOTING, at("2026-04-07T10:00:00+02:00"));
            IncidentDeadlines resumed = deadlines.resumeAfterSuspension(d, at("2026-04-07T10:05:00+02:00"),
                    at("2026-04-07T12:05:00+02:00"));
            assertThat(iso(resumed.interventionDue())).isEqualTo("2026-04-07T12:10:00+02:00");
            assertThat(iso(resumed.restorationDue())).isEqualTo("2026-04-07T12:40:00+02:00");
            assertThat(resumed.rule()).isEqualTo(SlaRule.PROGERANCE_N1);
        }

        @Test
        @DisplayName("R9 + R4.3-p1: a deadline passed before the suspension stays, a later one moves")
        void partlyPassed() {
            IncidentDeadlines d = deadlines.incidentDeadlines(Infrastructure.PROGERANCE, 1,
                    IncidentCategory.TROUBLESHOOTING, at("2026-04-07T10:00:00+02:00"));
            IncidentDeadlines resumed = deadlines.resumeAfterSuspension(d, at("2026-04-07T10:20:00+02:00"),
                    at("2026-04-07T11:20:00+02:00"));
            assertThat(iso(resumed.interventionDue())).isEqualTo("2026-04-07T10:10:00+02:00");
            assertThat(iso(resumed.restorationDue())).isEqualTo("2026-04-07T11:40:00+02:00");
        }

        @Test
        @DisplayName("R9 + R4.3-p2: level-2 window time left at the suspension runs from the resumption")
        void level2Window() {
            IncidentDeadlines d = deadlines.incidentDeadlines(Infrastructure.PROGERANCE, 2,
                    IncidentCategory.TROUBLESHOOTING, at("2026-04-10T17:30:00+02:00"));
            assertThat(iso(d.interventionDue())).isEqualTo("2026-04-13T07:30:00+02:00");
            IncidentDeadlines resumed = deadlines.resumeAfterSuspension(d, at("2026-04-10T17:45:00+02:00"),
                    at("2026-04-13T10:00:00+02:00"));
            assertThat(iso(resumed.interventionDue())).isEqualTo("2026-04-13T10:45:00+02:00");
            assertThat(iso(resumed.restorationDue())).isEqualTo("2026-04-13T10:45:00+02:00");
        }

        @Test
        @DisplayName("R9 + R3.6-d: business time left at the suspension runs from the resumption")
        void businessHours() {
            OffsetDateTime due = deadlines.restoreDeadline(at("2026-04-07T16:00:00+02:00"));
            assertThat(iso(due)).isEqualTo("2026-04-08T11:00:00+02:00");
            assertThat(iso(deadlines.resumeAfterSuspension(SlaClock.BUSINESS_HOURS, due,
                    at("2026-04-07T17:00:00+02:00"), at("2026-04-08T09:30:00+02:00"))))
                    .isEqualTo("2026-04-08T12:30:00+02:00");
        }

        @Test
        @DisplayName("R9 + R4.3-t1/t2: no deadline, nothing to move")
        void nothingToMove() {
            IncidentDeadlines t2 = deadlines.incidentDeadlines(Infrastructure.TIERCE, 1,
                    IncidentCategory.TROUBLESHOOTING, at("2026-04-07T20:00:00+02:00"));
            assertThat(deadlines.resumeAfterSuspension(t2, at("2026-04-07T20:05:00+02:00"),
                    at("2026-04-07T21:05:00+02:00"))).isEqualTo(t2);
            IncidentDeadlines t1 = deadlines.incidentDeadlines(Infrastructure.TIERCE, 1,
                    IncidentCategory.TROUBLESHOOTING, at("2026-04-07T10:00:00+02:00"));
            IncidentDeadlines resumed = deadlines.resumeAfterSuspension(t1, at("2026-04-07T10:05:00+02:00"),
                    at("2026-04-07T10:35:00+02:00"));
            assertThat(iso(resumed.interventionDue())).isEqualTo("2026-04-07T10:45:00+02:00");
            assertThat(resumed.restorationDue()).isNull();
        }

        @Test
        @DisplayName("R9: a resumption before the suspension is refused")
        void invalidSuspension() {
            assertThatThrownBy(() -> deadlines.resumeAfterSuspension(SlaClock.CONTINUOUS,
                    OffsetDateTime.parse("2026-04-07T10:10:00+02:00"), at("2026-04-07T10:05:00+02:00"),
                    at("2026-04-07T10:00:00+02:00")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resumedAt");
        }
    }
}
