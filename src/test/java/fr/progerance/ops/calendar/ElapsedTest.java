package fr.progerance.ops.calendar;

import static fr.progerance.ops.calendar.CalendarFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ages and cutoffs of backups come from calendar/ (R3.6-a, R3.6-c)")
class ElapsedTest {

    @Test
    @DisplayName("R3.6-a: an age is now minus then; exactly the limit is still within it")
    void ages() {
        assertThat(Elapsed.age(at("2026-03-09T10:00:00Z"), at("2026-03-10T12:00:00Z"))).isEqualTo(Duration.ofHours(26));
        assertThat(Elapsed.within(at("2026-03-09T10:00:00Z"), at("2026-03-10T12:00:00Z"), Duration.ofHours(26))).isTrue();
        assertThat(Elapsed.within(at("2026-03-09T09:59:59Z"), at("2026-03-10T12:00:00Z"), Duration.ofHours(26))).isFalse();
    }

    @Test
    @DisplayName("R3.6-c: 14 days back from now keeps the Paris wall-clock time across summer time")
    void periodBefore() {
        // 5 April 2026 10:00 Paris (+02:00) minus 14 days = 22 March 10:00 Paris (+01:00)
        assertThat(Elapsed.periodBefore(at("2026-04-05T08:00:00Z"), Period.ofDays(14), CalendarFixtures.PARIS))
                .isEqualTo(at("2026-03-22T09:00:00Z"));
    }

    @Test
    @DisplayName("The week index is the same Monday to Sunday and one more the next Monday")
    void weekIndex() {
        long monday = Elapsed.weekIndex(LocalDate.of(2026, 3, 9));
        assertThat(Elapsed.weekIndex(LocalDate.of(2026, 3, 15))).isEqualTo(monday);
        assertThat(Elapsed.weekIndex(LocalDate.of(2026, 3, 16))).isEqualTo(monday + 1);
        assertThat(Elapsed.weekIndex(LocalDate.of(1970, 1, 5))).isZero();
    }

    @Test
    @DisplayName("ContractClock gives the same from its own now")
    void fromTheClock() {
        ContractClock clock = new ContractClock(CalendarFixtures.fixedClock("2026-04-05T08:00:00Z"),
                CalendarFixtures.contractCalendar(), new ContractTermsProperties());
        assertThat(clock.age(at("2026-04-04T08:00:00Z"))).isEqualTo(Duration.ofDays(1));
        assertThat(clock.periodBeforeNow(Period.ofDays(14))).isEqualTo(at("2026-03-22T09:00:00Z"));
        assertThat(clock.weekIndex()).isEqualTo(Elapsed.weekIndex(LocalDate.of(2026, 4, 5)));
    }
}
