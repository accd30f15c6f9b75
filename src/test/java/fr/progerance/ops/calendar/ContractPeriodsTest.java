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

@DisplayName("R8.1, R8.3, R9: contract periods, termination notice, force-majeure termination")
class ContractPeriodsTest {

    @ParameterizedTest(name = "{0}: start {1}, {2} months, tacit renewal {3}, today {4} -> [{5}, {6}) after {7} renewals")
    @CsvSource({
            "R8.1 initial term,           2026-01-15, 12, true,  2026-06-01, 2026-01-15, 2027-01-15, 0",
            "R8.1 last day of term,       2026-01-15, 12, true,  2027-01-14, 2026-01-15, 2027-01-15, 0",
            "R8.1 first renewal,          2026-01-15, 12, true,  2027-01-15, 2027-01-15, 2028-01-15, 1",
            "R8.1 third renewal,          2026-01-15, 12, true,  2029-03-01, 2029-01-15, 2030-01-15, 3",
            "R8.1 no renewal,             2026-01-15, 12, false, 2029-03-01, 2026-01-15, 2027-01-15, 0",
            "R8.1 no renewal in term,     2026-01-15, 12, false, 2026-06-01, 2026-01-15, 2027-01-15, 0",
            "R8.1 before start,           2026-03-01, 36, true,  2026-01-01, 2026-03-01, 2029-03-01, 0",
            "R8.1 monthly from 31 Jan,    2026-01-31, 1,  true,  2026-02-27, 2026-01-31, 2026-02-28, 0",
            "R8.1 monthly from 31 Jan,    2026-01-31, 1,  true,  2026-02-28, 2026-02-28, 2026-03-31, 1",
            "R8.1 monthly without drift,    2026-01-31, 1,  true,  2026-04-29, 2026-03-31, 2026-04-30, 2",
            "R8.1 monthly without drift,    2026-01-31, 1,  true,  2026-04-30, 2026-04-30, 2026-05-31, 3",
            "R8.1 leap day start,         2024-02-29, 12, true,  2025-03-01, 2025-02-28, 2026-02-28, 1",
            "R8.1 leap day start,         2024-02-29, 12, true,  2028-02-29, 2028-02-29, 2029-02-28, 4",
            "R8.1 half-yearly,            2026-07-01, 6,  true,  2031-12-31, 2031-07-01, 2032-01-01, 10"
    })
    void currentPeriod(String rule, LocalDate start, int termMonths, boolean tacitRenewal, LocalDate today,
            LocalDate periodStart, LocalDate periodEnd, int renewals) {
        ContractPeriod period = ContractPeriods.currentPeriod(start, termMonths, tacitRenewal, today);
        assertThat(period).isEqualTo(new ContractPeriod(periodStart, periodEnd, renewals));
    }

    @ParameterizedTest(name = "{0}: period ending (exclusive) {1} with notice {2} -> last day to send {3}")
    @CsvSource({
            "R8.3, 2027-01-15, P30D, 2026-12-16",
            "R8.3, 2026-03-01, P30D, 2026-01-30",
            "R8.3, 2027-01-01, P30D, 2026-12-02",
            "R8.3, 2027-01-01, P0D,  2027-01-01",
            "R8.3, 2027-01-01, P2M,  2026-11-01"
    })
    void noticeDeadline(String rule, LocalDate end, Period notice, LocalDate lastDay) {
        ContractPeriod period = new ContractPeriod(end.minusYears(1), end, 0);
        assertThat(ContractPeriods.noticeDeadline(period, notice)).isEqualTo(lastDay);
    }

    @ParameterizedTest(name = "{0}: force majeure from {1} lasting beyond {2} opens termination on {3}")
    @CsvSource({
            "R9, 2026-03-01, P2M, 2026-05-01",
            "R9, 2026-12-31, P2M, 2027-02-28",
            "R9, 2026-03-01, P3M, 2026-06-01"
    })
    void forceMajeureTermination(String rule, LocalDate start, Period threshold, LocalDate from) {
        assertThat(ContractPeriods.forceMajeureTerminationFrom(start, threshold)).isEqualTo(from);
    }

    @Test
    @DisplayName("R8.1: a period knows its last day and its days")
    void periodHelpers() {
        ContractPeriod p = new ContractPeriod(LocalDate.of(2026, 1, 15), LocalDate.of(2027, 1, 15), 0);
        assertThat(p.lastDay()).isEqualTo(LocalDate.of(2027, 1, 14));
        assertThat(p.contains(LocalDate.of(2026, 1, 15))).isTrue();
        assertThat(p.contains(LocalDate.of(2027, 1, 14))).isTrue();
        assertThat(p.contains(LocalDate.of(2027, 1, 15))).isFalse();
        assertThat(p.contains(LocalDate.of(2026, 1, 14))).isFalse();
    }

    @ParameterizedTest(name = "R8.1: a term of {0} months is refused")
    @ValueSource(ints = {0, -12, 1201})
    void invalidTerm(int termMonths) {
        assertThatThrownBy(() -> ContractPeriods.currentPeriod(LocalDate.of(2026, 1, 1), termMonths, true,
                LocalDate.of(2026, 6, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("termMonths");
    }

    @Test
    @DisplayName("R8.1, R8.3, R9: inconsistent periods, negative notices and empty thresholds are refused")
    void invalidArguments() {
        assertThatThrownBy(() -> new ContractPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end after");
        assertThatThrownBy(() -> new ContractPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renewals");
        ContractPeriod p = new ContractPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), 0);
        assertThatThrownBy(() -> ContractPeriods.noticeDeadline(p, Period.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notice");
        assertThatThrownBy(() -> ContractPeriods.forceMajeureTerminationFrom(LocalDate.of(2026, 1, 1), Period.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
    }
}
