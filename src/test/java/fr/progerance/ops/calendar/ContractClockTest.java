package fr.progerance.ops.calendar;

import static fr.progerance.ops.calendar.CalendarFixtures.at;
import static fr.progerance.ops.calendar.CalendarFixtures.expected;
import static fr.progerance.ops.calendar.CalendarFixtures.iso;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Time has one source: now, today and calendar days in Europe/Paris (R7.3, R8.1, R8.3, R9)")
class ContractClockTest {

    /** 23:30 UTC on New Year's Eve is already 1 January in Paris. */
    private final ContractClock clock = clock("2026-12-31T23:30:00Z", new ContractTermsProperties());

    private static ContractClock clock(String now, ContractTermsProperties terms) {
        return new ContractClock(CalendarFixtures.fixedClock(now), CalendarFixtures.contractCalendar(), terms);
    }

    @Test
    @DisplayName("RULES 'Calendars': now and today are read in Europe/Paris from the injected clock")
    void nowAndToday() {
        assertThat(clock.today()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(iso(clock.now())).isEqualTo("2027-01-01T00:30:00+01:00");
        assertThat(clock.instant()).isEqualTo(at("2026-12-31T23:30:00Z"));
        assertThat(clock.zone()).isEqualTo(CalendarFixtures.PARIS);
        assertThat(iso(clock.atZone(at("2026-07-01T12:00:00Z")))).isEqualTo("2026-07-01T14:00:00+02:00");
    }

    @ParameterizedTest(name = "{0}: {1} + {2} calendar time = {3}")
    @CsvSource({
            "R7.3 invoice 1 December,   2026-12-01T00:00:00+01:00, P15D, 2026-12-16T00:00:00+01:00",
            "R7.3 across summer time,   2026-03-20T00:00:00+01:00, P15D, 2026-04-04T00:00:00+02:00",
            "R7.3 across winter time,   2026-10-20T00:00:00+02:00, P15D, 2026-11-04T00:00:00+01:00",
            "R7.6 contest window,       2026-02-01T00:00:00+01:00, P8D,  2026-02-09T00:00:00+01:00",
            "R8.2 data kept one month,  2026-03-16T10:00:00+01:00, P30D, 2026-04-15T10:00:00+02:00",
            "R5.7 one year,             2026-03-29T01:30:00+01:00, P1Y,  2027-03-29T01:30:00+02:00"
    })
    void plusCalendarPeriod(String rule, String from, Period period, String due) {
        assertThat(iso(clock.plusCalendarPeriod(at(from), period))).isEqualTo(expected(due));
    }

    @Test
    @DisplayName("R3.6-d: elapsed continuous time (how long a restore ran), across summer time; never negative")
    void elapsed() {
        assertThat(clock.elapsed(at("2026-03-29T01:30:00+01:00"), at("2026-03-29T03:30:00+02:00")))
                .isEqualTo(java.time.Duration.ofHours(1));
        assertThat(clock.elapsed(at("2026-03-10T10:00:00Z"), at("2026-03-10T09:00:00Z")))
                .isEqualTo(java.time.Duration.ZERO);
    }

    @Test
    @DisplayName("RULES 'Calendars': a day starts at local midnight, whatever the offset")
    void startOfDay() {
        assertThat(iso(clock.startOfDay(LocalDate.of(2026, 3, 29)))).isEqualTo("2026-03-29T00:00:00+01:00");
        assertThat(iso(clock.startOfDay(LocalDate.of(2026, 3, 30)))).isEqualTo("2026-03-30T00:00:00+02:00");
    }

    @Test
    @DisplayName("R8.1, R8.3: the current period comes from today, the notice from ops.contract.termination-notice")
    void currentPeriodAndNotice() {
        ContractPeriod period = clock.currentPeriod(LocalDate.of(2026, 1, 15), 12, true);
        assertThat(period).isEqualTo(new ContractPeriod(LocalDate.of(2026, 1, 15), LocalDate.of(2027, 1, 15), 0));
        assertThat(clock.terminationNotice()).isEqualTo(Period.ofDays(30));
        assertThat(clock.noticeDeadline(period)).isEqualTo(LocalDate.of(2026, 12, 16));

        ContractTermsProperties longer = new ContractTermsProperties();
        longer.setTerminationNotice(Period.ofDays(60));
        assertThat(clock("2026-12-31T23:30:00Z", longer).noticeDeadline(period)).isEqualTo(LocalDate.of(2026, 11, 16));
    }

    @Test
    @DisplayName("R9: termination opens beyond ops.contract.force-majeure-termination-after (2 months)")
    void forceMajeure() {
        assertThat(clock.forceMajeureTerminationFrom(LocalDate.of(2026, 3, 1))).isEqualTo(LocalDate.of(2026, 5, 1));
    }

    @Test
    @DisplayName("R8.3, R9: meaningless ops.contract settings fail at start-up, naming the key")
    void invalidSettings() {
        ContractTermsProperties negative = new ContractTermsProperties();
        negative.setTerminationNotice(Period.ofDays(-1));
        assertThatThrownBy(() -> clock("2026-06-01T10:00:00Z", negative))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ops.contract.termination-notice");
        ContractTermsProperties zero = new ContractTermsProperties();
        zero.setForceMajeureTerminationAfter(Period.ZERO);
        assertThatThrownBy(() -> clock("2026-06-01T10:00:00Z", zero))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ops.contract.force-majeure-termination-after");
    }
}
