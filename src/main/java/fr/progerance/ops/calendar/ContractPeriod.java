package fr.progerance.ops.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One period of a contract (R8.1): the initial term or one of its identical tacit renewals.
 *
 * @param start    first day of the period (inclusive)
 * @param end      day after the period's last day (exclusive), i.e. the next period's first day
 * @param renewals how many tacit renewals came before this period (0 for the initial term)
 */
public record ContractPeriod(LocalDate start, LocalDate end, int renewals) {

    public ContractPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("A contract period must end after it starts: " + start + " - " + end);
        }
        if (renewals < 0) {
            throw new IllegalArgumentException("renewals must not be negative, got " + renewals);
        }
    }

    /** The period's last day (inclusive): {@code end - 1 day}. */
    public LocalDate lastDay() {
        return end.minusDays(1);
    }

    /** Whether {@code date} falls in this period. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(end);
    }
}
