package fr.progerance.ops.calendar;

import static fr.progerance.ops.calendar.CalendarFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("R7.2: monthly invoicing dates in Europe/Paris")
class MonthlyDatesTest {

    private final ContractClock clock = new ContractClock(CalendarFixtures.fixedClock("2026-03-10T10:00:00Z"),
            CalendarFixtures.contractCalendar(), new ContractTermsProperties());

    @Test
    @DisplayName("R7.2: a month's start, the next and previous months' starts and its last day, across a year end and a leap February")
    void monthBounds() {
        assertThat(clock.monthStart(LocalDate.of(2026, 3, 17))).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(clock.nextMonthStart(LocalDate.of(2026, 12, 31))).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(clock.nextMonthStart(LocalDate.of(2026, 1, 31))).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(clock.previousMonthStart(LocalDate.of(2026, 1, 15))).isEqualTo(LocalDate.of(2025, 12, 1));
        assertThat(clock.previousMonthStart(LocalDate.of(2026, 3, 31))).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(clock.monthEnd(LocalDate.of(2028, 2, 3))).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(clock.monthEnd(LocalDate.of(2026, 2, 3))).isEqualTo(LocalDate.of(2026, 2, 28));
    }

    @Test
    @DisplayName("R7.2: an issue day beyond a short month's end is its last day; 0 and 32 are refused")
    void dayOfMonth() {
        assertThat(clock.dayOfMonth(LocalDate.of(2026, 4, 1), 1)).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(clock.dayOfMonth(LocalDate.of(2026, 4, 1), 31)).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(clock.dayOfMonth(LocalDate.of(2026, 2, 1), 30)).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThatThrownBy(() -> clock.dayOfMonth(LocalDate.of(2026, 2, 1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.dayOfMonth(LocalDate.of(2026, 2, 1), 32)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}: first issue on or after {1} (day {2}) is in the month of {3}")
    @CsvSource({
            "mid-month: the next month,                      2026-03-10T10:00:00Z,      1, 2026-04-01",
            "exactly the 1st 00:00 Paris (winter): that month, 2026-02-28T23:00:00Z,    1, 2026-03-01",
            "a second after it: the next month,              2026-02-28T23:00:01Z,      1, 2026-04-01",
            "31 March 23:30 Paris (summer time): April,      2026-03-31T21:30:00Z,      1, 2026-04-01",
            "1 April 00:00 Paris is 31 March 22:00 UTC,      2026-03-31T22:00:00Z,      1, 2026-04-01",
            "New Year's Eve 23:30 Paris: January,            2026-12-31T22:30:00Z,      1, 2027-01-01",
            "an issue day of 5: still this month,            2026-03-03T10:00:00Z,      5, 2026-03-01"
    })
    void firstMonthOnOrAfter(String what, String from, int day, LocalDate month) {
        assertThat(clock.firstMonthOnOrAfter(at(from), day)).as(what).isEqualTo(month);
    }
}
