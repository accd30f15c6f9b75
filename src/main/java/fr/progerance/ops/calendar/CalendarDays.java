package fr.progerance.ops.calendar;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Calendar-day arithmetic on dates (no time of day), for the rules stated in days: the due date
 * of an invoice (R7.3: issue + 15 days) and the days late that bear interest (R7.5).
 */
public final class CalendarDays {

    private CalendarDays() {
    }

    /** {@code date} plus a calendar period: an invoice of 1 December is due on 16 December (R7.3). */
    public static LocalDate plus(LocalDate date, Period period) {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(period, "period");
        return date.plus(period);
    }

    /**
     * The day before {@code date}: the last day of service of a contract whose effective end (first
     * day without service) is {@code date} (R8.3).
     */
    public static LocalDate dayBefore(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return date.minusDays(1);
    }

    /**
     * Calendar days from {@code from} to {@code to} ({@code to - from}; negative when {@code to} is
     * before): paid on 17 December an invoice due on 16 December is 1 day late (R7.5).
     */
    public static long between(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return ChronoUnit.DAYS.between(from, to);
    }
}
