package fr.progerance.ops.calendar;

import static fr.progerance.ops.calendar.CalendarFixtures.PARIS;
import static fr.progerance.ops.calendar.CalendarFixtures.at;
import static fr.progerance.ops.calendar.CalendarFixtures.expected;
import static fr.progerance.ops.calendar.CalendarFixtures.iso;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("RC-business, RC-n2, RC-support: half-open working windows in Europe/Paris")
class WorkingWindowTest {

    private final WorkingCalendar calendar = CalendarFixtures.contractCalendar();
    private final WorkingCalendar alsace = CalendarFixtures.alsaceMoselleCalendar();

    /** Every day 00:00-06:00, to put the daylight-saving switch inside a window. */
    private final WorkingWindow night = new WorkingWindow("night", EnumSet.allOf(DayOfWeek.class),
            LocalTime.MIDNIGHT, LocalTime.of(6, 0), false, PARIS, new FrenchHolidays(false));

    private WorkingWindow window(String rule) {
        return switch (rule) {
            case "RC-business" -> calendar.business();
            case "RC-n2" -> calendar.n2();
            case "RC-support" -> calendar.support();
            default -> throw new IllegalArgumentException(rule);
        };
    }

    @ParameterizedTest(name = "{0}: {1} is inside = {2}")
    @CsvSource({
            "RC-business, 2026-04-07T08:59:59+02:00, false",
            "RC-business, 2026-04-07T09:00:00+02:00, true",
            "RC-business, 2026-04-07T17:59:59+02:00, true",
            "RC-business, 2026-04-07T18:00:00+02:00, false",
            "RC-business, 2026-04-07T07:00:00Z,      true",
            "RC-business, 2026-04-04T10:00:00+02:00, false",
            "RC-business, 2026-04-05T10:00:00+02:00, false",
            "RC-business, 2026-04-06T10:00:00+02:00, false",
            "RC-business, 2026-04-03T10:00:00+02:00, true",
            "RC-business, 2026-05-14T10:00:00+02:00, false",
            "RC-business, 2026-05-25T10:00:00+02:00, false",
            "RC-business, 2026-07-14T10:00:00+02:00, false",
            "RC-business, 2026-11-11T10:00:00+01:00, false",
            "RC-business, 2026-12-24T17:59:59+01:00, true",
            "RC-business, 2026-12-25T10:00:00+01:00, false",
            "RC-business, 2026-12-28T09:00:00+01:00, true",
            "RC-business, 2027-01-01T10:00:00+01:00, false",
            "RC-business, 2026-03-30T08:59:59+02:00, false",
            "RC-business, 2026-03-30T08:00:00+01:00, true",
            "RC-business, 2026-10-26T08:59:59+01:00, false",
            "RC-business, 2026-10-26T09:00:00+01:00, true",
            "RC-n2,       2026-04-07T06:59:00+02:00, false",
            "RC-n2,       2026-04-07T06:59:59+02:00, false",
            "RC-n2,       2026-04-07T07:00:00+02:00, true",
            "RC-n2,       2026-04-07T17:59:59+02:00, true",
            "RC-n2,       2026-04-07T18:00:00+02:00, false",
            "RC-n2,       2026-04-11T10:00:00+02:00, false",
            "RC-n2,       2026-05-14T07:00:00+02:00, false",
            "RC-support,  2026-04-04T08:59:59+02:00, false",
            "RC-support,  2026-04-04T09:00:00+02:00, true",
            "RC-support,  2026-04-04T20:59:59+02:00, true",
            "RC-support,  2026-04-04T21:00:00+02:00, false",
            "RC-support,  2026-04-07T18:30:00+02:00, true",
            "RC-support,  2026-04-05T10:00:00+02:00, false",
            "RC-support,  2026-05-01T10:00:00+02:00, true",
            "RC-support,  2026-08-15T10:00:00+02:00, true",
            "RC-support,  2026-12-25T10:00:00+01:00, true"
    })
    void contains(String rule, String instant, boolean inside) {
        assertThat(window(rule).contains(at(instant))).isEqualTo(inside);
    }

    @ParameterizedTest(name = "{0}: next opening at or after {1} is {2}")
    @CsvSource({
            "RC-business, 2026-04-07T08:00:00+02:00, 2026-04-07T09:00:00+02:00",
            "RC-business, 2026-04-07T09:00:00+02:00, 2026-04-07T09:00:00+02:00",
            "RC-business, 2026-04-07T10:00:00+02:00, 2026-04-08T09:00:00+02:00",
            "RC-business, 2026-04-07T18:00:00+02:00, 2026-04-08T09:00:00+02:00",
            "RC-business, 2026-04-10T18:00:00+02:00, 2026-04-13T09:00:00+02:00",
            "RC-business, 2026-04-02T18:30:00+02:00, 2026-04-03T09:00:00+02:00",
            "RC-business, 2026-04-03T18:00:00+02:00, 2026-04-07T09:00:00+02:00",
            "RC-business, 2026-03-27T18:00:00+01:00, 2026-03-30T09:00:00+02:00",
            "RC-business, 2026-10-23T18:00:00+02:00, 2026-10-26T09:00:00+01:00",
            "RC-business, 2026-12-24T18:00:00+01:00, 2026-12-28T09:00:00+01:00",
            "RC-business, 2026-12-31T18:00:00+01:00, 2027-01-04T09:00:00+01:00",
            "RC-n2,       2026-04-10T18:00:00+02:00, 2026-04-13T07:00:00+02:00",
            "RC-n2,       2026-05-13T18:00:00+02:00, 2026-05-15T07:00:00+02:00",
            "RC-support,  2026-04-04T21:00:00+02:00, 2026-04-06T09:00:00+02:00"
    })
    void nextOpening(String rule, String from, String opening) {
        assertThat(iso(window(rule).nextOpening(at(from)))).isEqualTo(expected(opening));
    }

    @Test
    @DisplayName("RC-business: inside the window the next working instant is now, outside the next opening")
    void nextWorkingInstant() {
        assertThat(iso(calendar.business().nextWorkingInstant(at("2026-04-07T10:00:00+02:00"))))
                .isEqualTo("2026-04-07T10:00:00+02:00");
        assertThat(iso(calendar.business().nextWorkingInstant(at("2026-04-07T18:00:00+02:00"))))
                .isEqualTo("2026-04-08T09:00:00+02:00");
    }

    @Test
    @DisplayName("RC-holidays: with Alsace-Moselle, Good Friday closes business hours (next opening after Easter Monday)")
    void alsaceMoselleGoodFriday() {
        assertThat(alsace.business().contains(at("2026-04-03T10:00:00+02:00"))).isFalse();
        assertThat(iso(alsace.business().nextOpening(at("2026-04-02T18:30:00+02:00"))))
                .isEqualTo("2026-04-07T09:00:00+02:00");
    }

    @ParameterizedTest(name = "{0}: {1} + {2} of window time = {3}")
    @CsvSource({
            "RC-business, 2026-04-07T10:00:00+02:00, PT4H,  2026-04-07T14:00:00+02:00",
            "RC-business, 2026-04-07T14:00:00+02:00, PT4H,  2026-04-07T18:00:00+02:00",
            "RC-business, 2026-04-07T14:00:01+02:00, PT4H,  2026-04-08T09:00:01+02:00",
            "RC-business, 2026-04-07T17:00:00+02:00, PT4H,  2026-04-08T12:00:00+02:00",
            "RC-business, 2026-04-07T20:00:00+02:00, PT4H,  2026-04-08T13:00:00+02:00",
            "RC-business, 2026-04-07T18:00:00+02:00, PT1H,  2026-04-08T10:00:00+02:00",
            "RC-business, 2026-04-07T09:00:00+02:00, PT9H,  2026-04-07T18:00:00+02:00",
            "RC-business, 2026-04-07T09:00:00+02:00, PT18H, 2026-04-08T18:00:00+02:00",
            "RC-business, 2026-04-10T16:00:00+02:00, PT4H,  2026-04-13T11:00:00+02:00",
            "RC-business, 2026-05-13T16:00:00+02:00, PT4H,  2026-05-15T11:00:00+02:00",
            "RC-business, 2026-05-22T16:00:00+02:00, PT4H,  2026-05-26T11:00:00+02:00",
            "RC-business, 2026-03-27T16:00:00+01:00, PT4H,  2026-03-30T11:00:00+02:00",
            "RC-business, 2026-10-23T16:00:00+02:00, PT4H,  2026-10-26T11:00:00+01:00",
            "RC-business, 2026-12-24T16:00:00+01:00, PT4H,  2026-12-28T11:00:00+01:00",
            "RC-business, 2026-12-31T15:00:00+01:00, PT4H,  2027-01-04T10:00:00+01:00",
            "RC-business, 2026-04-11T10:00:00+02:00, PT0S,  2026-04-13T09:00:00+02:00",
            "RC-business, 2026-04-07T10:00:00+02:00, PT0S,  2026-04-07T10:00:00+02:00",
            "RC-business, 2026-04-07T10:00:00+02:00, PT0.5S, 2026-04-07T10:00:00.5+02:00",
            "RC-n2,       2026-04-10T17:30:00+02:00, PT1H,  2026-04-13T07:30:00+02:00",
            "RC-n2,       2026-03-27T17:30:00+01:00, PT1H,  2026-03-30T07:30:00+02:00",
            "RC-n2,       2026-10-23T17:30:00+02:00, PT2H,  2026-10-26T08:30:00+01:00",
            "RC-n2,       2026-04-07T06:59:00+02:00, PT1H,  2026-04-07T08:00:00+02:00",
            "RC-n2,       2026-04-07T17:00:00+02:00, PT1H,  2026-04-07T18:00:00+02:00",
            "RC-support,  2026-04-04T20:30:00+02:00, PT1H,  2026-04-06T09:30:00+02:00"
    })
    void addWorkingTime(String rule, String from, Duration amount, String due) {
        assertThat(iso(window(rule).addWorkingTime(at(from), amount))).isEqualTo(expected(due));
    }

    @ParameterizedTest(name = "{0}: a window across the DST switch on {1} lasts {2}")
    @CsvSource({
            "DST spring forward, 2026-03-29T00:00:00+01:00, 2026-03-30T00:00:00+02:00, PT5H, 2026-03-29T06:00:00+02:00",
            "DST fall back,      2026-10-25T00:00:00+02:00, 2026-10-26T00:00:00+01:00, PT7H, 2026-10-25T06:00:00+01:00"
    })
    void windowLengthOnDstDays(String rule, String midnight, String nextMidnight, Duration length, String end) {
        assertThat(night.workingTimeBetween(at(midnight), at(nextMidnight))).isEqualTo(length);
        assertThat(iso(night.addWorkingTime(at(midnight), length))).isEqualTo(expected(end));
        assertThat(night.contains(at(end))).isFalse();
    }

    @ParameterizedTest(name = "{0}: working time from {1} to {2} is {3}")
    @CsvSource({
            "RC-business, 2026-04-07T10:00:00+02:00, 2026-04-08T10:00:00+02:00, PT9H",
            "RC-business, 2026-04-10T17:00:00+02:00, 2026-04-13T10:00:00+02:00, PT2H",
            "RC-business, 2026-12-24T17:00:00+01:00, 2026-12-28T09:30:00+01:00, PT1H30M",
            "RC-business, 2026-04-08T10:00:00+02:00, 2026-04-07T10:00:00+02:00, PT0S",
            "RC-n2,       2026-04-10T17:30:00+02:00, 2026-04-13T07:30:00+02:00, PT1H"
    })
    void workingTimeBetween(String rule, String from, String to, Duration time) {
        assertThat(window(rule).workingTimeBetween(at(from), at(to))).isEqualTo(time);
    }

    @Test
    @DisplayName("RC-business: the sanity cap on working time is accepted, one second more is refused")
    void cap() {
        assertThat(calendar.business().addWorkingTime(at("2026-04-07T10:00:00+02:00"), WorkingWindow.MAX_WORKING_TIME))
                .isAfter(at("2029-01-01T00:00:00+01:00"));
        assertThatThrownBy(() -> calendar.business().addWorkingTime(at("2026-04-07T10:00:00+02:00"),
                WorkingWindow.MAX_WORKING_TIME.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 8784 h");
    }

    @Test
    @DisplayName("RC-business: negative time, absurd years and broken windows are refused")
    void invalidArguments() {
        WorkingWindow business = calendar.business();
        assertThatThrownBy(() -> business.addWorkingTime(at("2026-04-07T10:00:00+02:00"), Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> business.contains(at("2250-01-01T10:00:00+01:00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2250");
        assertThatThrownBy(() -> business.nextOpening(at("1970-01-01T10:00:00+01:00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1970");
        assertThatThrownBy(() -> business.addWorkingTime(at("2200-12-31T17:00:00+01:00"), Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2201");
        FrenchHolidays holidays = new FrenchHolidays(false);
        assertThatThrownBy(() -> new WorkingWindow("empty", Set.of(), LocalTime.of(9, 0), LocalTime.of(18, 0), true,
                PARIS, holidays))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one day");
        assertThatThrownBy(() -> new WorkingWindow("inverted", EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(18, 0),
                LocalTime.of(9, 0), true, PARIS, holidays))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be before");
        assertThatThrownBy(() -> new WorkingWindow("empty-day", EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(9, 0),
                LocalTime.of(9, 0), true, PARIS, holidays))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("RC-business, RC-n2, RC-support: the contract's windows as configured by default")
    void defaults() {
        assertThat(calendar.zone()).isEqualTo(PARIS);
        assertThat(calendar.business().days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(calendar.business().opens()).isEqualTo(LocalTime.of(9, 0));
        assertThat(calendar.business().closes()).isEqualTo(LocalTime.of(18, 0));
        assertThat(calendar.business().excludesHolidays()).isTrue();
        assertThat(calendar.n2().opens()).isEqualTo(LocalTime.of(7, 0));
        assertThat(calendar.n2().closes()).isEqualTo(LocalTime.of(18, 0));
        assertThat(calendar.n2().excludesHolidays()).isTrue();
        assertThat(calendar.support().days()).hasSize(6).doesNotContain(DayOfWeek.SUNDAY);
        assertThat(calendar.support().closes()).isEqualTo(LocalTime.of(21, 0));
        assertThat(calendar.support().excludesHolidays()).isFalse();
    }
}
