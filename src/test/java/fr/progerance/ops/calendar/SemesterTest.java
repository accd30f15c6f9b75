package fr.progerance.ops.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("R7.5: semesters of the legal rate and calendar days of late payment")
class SemesterTest {

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
            "2025-01-01, 2025-S1",
            "2025-06-30, 2025-S1",
            "2025-07-01, 2025-S2",
            "2025-12-31, 2025-S2",
            "2024-02-29, 2024-S1"
    })
    void semesterOfADay(LocalDate day, String semester) {
        assertThat(Semester.of(day)).hasToString(semester);
        assertThat(Semester.parse(semester)).contains(Semester.of(day));
        assertThat(Semester.of(day).contains(day)).isTrue();
    }

    @Test
    @DisplayName("R7.5: a semester runs from 1 January to 30 June, or from 1 July to 31 December")
    void bounds() {
        Semester s1 = Semester.parse("2026-S1").orElseThrow();
        assertThat(s1.firstDay()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(s1.lastDay()).isEqualTo(LocalDate.of(2026, 6, 30));
        Semester s2 = Semester.parse("2026-S2").orElseThrow();
        assertThat(s2.firstDay()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(s2.lastDay()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(s1.contains(LocalDate.of(2026, 7, 1))).isFalse();
        assertThat(s1).isLessThan(s2);
        assertThat(s2).isLessThan(Semester.parse("2027-S1").orElseThrow());
    }

    @ParameterizedTest(name = "''{0}'' is not a semester")
    @ValueSource(strings = {"", "2025-S3", "2025-S0", "2025S1", "2025-s1", "25-S1", " 2025-S1", "1999-S2", "2200-S1",
            "+2025-S1"})
    void notASemester(String text) {
        assertThat(Semester.parse(text)).isEmpty();
    }

    @Test
    void outOfRange() {
        assertThat(Semester.parse(null)).isEmpty();
        assertThatThrownBy(() -> new Semester(2025, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Semester.of(LocalDate.of(1999, 12, 31))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}: {1} + {2} = {3}")
    @CsvSource({
            "R7.3 due date,             2026-12-01, P15D, 2026-12-16",
            "R7.3 across a month,       2026-01-20, P15D, 2026-02-04",
            "R7.3 across 29 February,   2024-02-20, P15D, 2024-03-06",
            "R7.3 across the year,      2026-12-20, P15D, 2027-01-04"
    })
    void plusCalendarDays(String rule, LocalDate from, Period period, LocalDate expected) {
        assertThat(CalendarDays.plus(from, period)).isEqualTo(expected);
    }

    @Test
    @DisplayName("R7.5: days late = payment date - due date, in calendar days (negative before)")
    void daysBetween() {
        assertThat(CalendarDays.between(LocalDate.of(2026, 12, 16), LocalDate.of(2026, 12, 17))).isEqualTo(1);
        assertThat(CalendarDays.between(LocalDate.of(2024, 2, 16), LocalDate.of(2024, 3, 1))).isEqualTo(14);
        assertThat(CalendarDays.between(LocalDate.of(2026, 12, 16), LocalDate.of(2026, 12, 16))).isZero();
        assertThat(CalendarDays.between(LocalDate.of(2026, 12, 16), LocalDate.of(2026, 12, 10))).isEqualTo(-6);
    }

    @Test
    @DisplayName("R8.3: the last day of service is the day before the effective end, across months and years")
    void dayBefore() {
        assertThat(CalendarDays.dayBefore(LocalDate.of(2027, 1, 1))).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(CalendarDays.dayBefore(LocalDate.of(2028, 3, 1))).isEqualTo(LocalDate.of(2028, 2, 29));
    }
}
