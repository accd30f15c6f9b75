package fr.progerance.ops.calendar;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Contract periods and the dates that hang on them (R8.1, R8.3, R9). Pure functions of their
 * arguments; {@link ContractClock} supplies "today" and the settings.
 */
public final class ContractPeriods {

    /** Longest initial term accepted: a sanity guard against absurd inputs, not a contract number. */
    public static final int MAX_TERM_MONTHS = 1200;

    private ContractPeriods() {
    }

    /**
     * The contract period that contains {@code today} (R8.1): the initial term of
     * {@code termMonths} from {@code start}, then identical periods while tacit renewal applies.
     * Each period's bounds are computed from {@code start} ({@code start + k * termMonths}), so a
     * contract that starts on 31 January keeps month ends and never drifts. Without tacit
     * renewal the answer is always the initial term (which may already have ended). Before
     * {@code start} the answer is the initial term too.
     *
     * @throws IllegalArgumentException if {@code termMonths} is not 1-{@value #MAX_TERM_MONTHS}
     */
    public static ContractPeriod currentPeriod(LocalDate start, int termMonths, boolean tacitRenewal,
            LocalDate today) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(today, "today");
        if (termMonths < 1 || termMonths > MAX_TERM_MONTHS) {
            throw new IllegalArgumentException("termMonths must be between 1 and " + MAX_TERM_MONTHS + ", got "
                    + termMonths);
        }
        if (!tacitRenewal || today.isBefore(start)) {
            return period(start, termMonths, 0);
        }
        long renewals = ChronoUnit.MONTHS.between(start, today) / termMonths;
        while (renewals > 0 && periodStart(start, termMonths, renewals).isAfter(today)) {
            renewals--;
        }
        while (!periodStart(start, termMonths, renewals + 1).isAfter(today)) {
            renewals++;
        }
        return period(start, termMonths, Math.toIntExact(renewals));
    }

    /**
     * The last day on which a termination notice can be sent for {@code period} (R8.3): the
     * period's end minus {@code notice}. With a 30-day notice and a period ending (exclusive)
     * 2027-01-15, the last day is 2026-12-16: thirty full days remain before the period's end.
     */
    public static LocalDate noticeDeadline(ContractPeriod period, Period notice) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(notice, "notice");
        if (notice.isNegative()) {
            throw new IllegalArgumentException("notice must not be negative, got " + notice);
        }
        return period.end().minus(notice);
    }

    /**
     * The first day on which either party may terminate because force majeure that began on
     * {@code forceMajeureStart} still lasts (R9: "beyond 2 months"): {@code forceMajeureStart +
     * threshold}. Force majeure from 1 March lasting beyond two months opens termination on 1 May.
     */
    public static LocalDate forceMajeureTerminationFrom(LocalDate forceMajeureStart, Period threshold) {
        Objects.requireNonNull(forceMajeureStart, "forceMajeureStart");
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("threshold must be positive, got " + threshold);
        }
        return forceMajeureStart.plus(threshold);
    }

    private static ContractPeriod period(LocalDate start, int termMonths, int renewals) {
        return new ContractPeriod(periodStart(start, termMonths, renewals), periodStart(start, termMonths, renewals + 1L),
                renewals);
    }

    private static LocalDate periodStart(LocalDate start, int termMonths, long index) {
        return start.plusMonths(index * termMonths);
    }
}
