package fr.progerance.ops.billing.termination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("R8.3, R8.5: a termination notice ends the contract at the end of the current period, else the next")
class TerminationDatesTest {

    private static final Period NOTICE = Period.ofDays(30);
    private static final LocalDate START = LocalDate.of(2026, 1, 15);

    private static TerminationDates dates(boolean tacit, String notice) {
        return TerminationDates.of(START, 12, tacit, LocalDate.parse(notice), NOTICE).orElseThrow();
    }

    @ParameterizedTest(name = "{0}: letter of {1} -> effective end {2}, last invoiced month {3}")
    @CsvSource({
            // Period 2026-01-15 .. 2027-01-15 (exclusive); deadline 2027-01-15 - 30 days = 2026-12-16.
            "early in the period,            2026-02-01, 2027-01-15, 2027-01, true",
            "exactly on the deadline,        2026-12-16, 2027-01-15, 2027-01, true",
            "one day after the deadline,     2026-12-17, 2028-01-15, 2028-01, false",
            "last day of the period,         2027-01-14, 2028-01-15, 2028-01, false",
            "first day of the renewal,       2027-01-15, 2028-01-15, 2028-01, true",
            "in the first renewal too late,  2027-12-20, 2029-01-15, 2029-01, false"
    })
    void tacitRenewal(String what, String notice, LocalDate end, YearMonth lastMonth, boolean inTime) {
        TerminationDates d = dates(true, notice);
        assertThat(d.effectiveEnd()).isEqualTo(end);
        assertThat(d.lastDayOfService()).isEqualTo(end.minusDays(1));
        assertThat(d.lastInvoicedMonth()).isEqualTo(lastMonth);
        assertThat(d.inTime()).isEqualTo(inTime);
    }

    @Test
    @DisplayName("R8.3: the deadline is the period's end minus 30 days; the period is the one the letter was sent in")
    void deadline() {
        TerminationDates d = dates(true, "2026-12-17");
        assertThat(d.period().start()).isEqualTo(START);
        assertThat(d.noticeDeadline()).isEqualTo(LocalDate.of(2026, 12, 16));
        assertThat(d.endingPeriod().start()).isEqualTo(LocalDate.of(2027, 1, 15));
    }

    @Test
    @DisplayName("R8.1, R8.3: without tacit renewal the contract ends with its term, even after a late notice; after that end there is nothing to end")
    void noTacitRenewal() {
        assertThat(dates(false, "2026-12-16").effectiveEnd()).isEqualTo(LocalDate.of(2027, 1, 15));
        TerminationDates late = dates(false, "2026-12-17");
        assertThat(late.effectiveEnd()).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThat(late.inTime()).isFalse();
        assertThat(dates(false, "2027-01-14").effectiveEnd()).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThat(TerminationDates.of(START, 12, false, LocalDate.of(2027, 1, 15), NOTICE)).isEmpty();
    }

    @Test
    @DisplayName("R8.3: monthly periods that start on the 31st keep month ends; a 30-day notice ends the current month or the next")
    void monthlyFromTheThirtyFirst() {
        LocalDate start = LocalDate.of(2026, 1, 31);
        // Current period on 1 March: 28 February .. 31 March; deadline 31 March - 30 days = 1 March.
        Optional<TerminationDates> inTime = TerminationDates.of(start, 1, true, LocalDate.of(2026, 3, 1), NOTICE);
        assertThat(inTime.orElseThrow().effectiveEnd()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(inTime.orElseThrow().lastInvoicedMonth()).isEqualTo(YearMonth.of(2026, 3));
        Optional<TerminationDates> late = TerminationDates.of(start, 1, true, LocalDate.of(2026, 3, 2), NOTICE);
        assertThat(late.orElseThrow().effectiveEnd()).isEqualTo(LocalDate.of(2026, 4, 30));
    }

    @Test
    @DisplayName("R8.3: the notice is the setting ops.contract.termination-notice")
    void noticeSetting() {
        TerminationDates sixtyDays = TerminationDates.of(START, 12, true, LocalDate.of(2026, 11, 16), Period.ofDays(60))
                .orElseThrow();
        assertThat(sixtyDays.noticeDeadline()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(sixtyDays.effectiveEnd()).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThat(TerminationDates.of(START, 12, true, LocalDate.of(2026, 11, 17), Period.ofDays(60)).orElseThrow()
                .effectiveEnd()).isEqualTo(LocalDate.of(2028, 1, 15));
    }

    @Test
    @DisplayName("R8.3, R8.5: invoicing covers every month that starts before the effective end, the last one in full")
    void invoicingEnd() {
        InvoicingEnd end = contractId -> contractId == 1 ? Optional.of(LocalDate.of(2027, 1, 15)) : Optional.empty();
        assertThat(end.invoiced(1, LocalDate.of(2026, 12, 1))).isTrue();
        assertThat(end.invoiced(1, LocalDate.of(2027, 1, 1))).isTrue();
        assertThat(end.invoiced(1, LocalDate.of(2027, 2, 1))).isFalse();
        assertThat(end.invoiced(2, LocalDate.of(2099, 1, 1))).isTrue();
        InvoicingEnd monthEnd = contractId -> Optional.of(LocalDate.of(2027, 1, 1));
        assertThat(monthEnd.invoiced(1, LocalDate.of(2026, 12, 1))).isTrue();
        assertThat(monthEnd.invoiced(1, LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(TerminationDates.lastInvoicedMonth(LocalDate.of(2027, 1, 1))).isEqualTo(YearMonth.of(2026, 12));
    }
}
