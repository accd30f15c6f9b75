package fr.progerance.ops.calendar;

import fr.progerance.ops.web.Excerpt;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The dates the register accepts: a contract's start, an incident's detection (issue 7). A sanity
 * guard against absurd inputs ({@code +999999999-12-31}), not a contract number: well inside the
 * years the calendar answers for ({@link FrenchHolidays#FIRST_SUPPORTED_YEAR}-{@link
 * FrenchHolidays#LAST_SUPPORTED_YEAR}), so every period, notice and deadline computed from an
 * accepted date can be computed.
 */
public final class SupportedDates {

    public static final LocalDate FIRST = LocalDate.of(2000, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2199, 12, 31);

    private SupportedDates() {
    }

    /** Why {@code date} is refused, or empty when it lies in {@link #FIRST}-{@link #LAST}. */
    public static Optional<String> problem(LocalDate date) {
        if (date == null || (!date.isBefore(FIRST) && !date.isAfter(LAST))) {
            return Optional.empty();
        }
        return Optional.of(range() + ", got " + Excerpt.quoted(date));
    }

    /**
     * Why {@code instant} is refused, or empty when its day in {@code zone} lies in {@link #FIRST}-{@link #LAST}.
     * Compared as instants: a year beyond what a local date-time can hold never throws.
     */
    public static Optional<String> problem(Instant instant, ZoneId zone) {
        if (instant == null) {
            return Optional.empty();
        }
        Instant first = FIRST.atStartOfDay(zone).toInstant();
        Instant end = LAST.plusDays(1).atStartOfDay(zone).toInstant();
        if (!instant.isBefore(first) && instant.isBefore(end)) {
            return Optional.empty();
        }
        return Optional.of(range() + ", got " + Excerpt.quoted(instant));
    }

    private static String range() {
        return "must be between " + FIRST + " and " + LAST;
    }
}
