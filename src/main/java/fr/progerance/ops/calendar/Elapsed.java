package fr.progerance.ops.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Ages and cutoffs for the plain rule classes that get "now" as an argument (backup retention
 * R3.6-c, backup freshness R3.6-a/b): the arithmetic lives here, in {@code calendar/}, like every
 * other computation on time. {@link ContractClock} offers the same from the current instant.
 */
public final class Elapsed {

    /** A Monday: week indexes count whole weeks from it. */
    private static final LocalDate FIRST_MONDAY = LocalDate.of(1970, 1, 5);

    private Elapsed() {
    }

    /** How long before {@code now} {@code past} was (negative when it is in the future). */
    public static Duration age(Instant past, Instant now) {
        Objects.requireNonNull(past, "past");
        Objects.requireNonNull(now, "now");
        return Duration.between(past, now);
    }

    /** Whether {@code past} is at most {@code limit} before {@code now} (exactly the limit still is). */
    public static boolean within(Instant past, Instant now, Duration limit) {
        return age(past, now).compareTo(limit) <= 0;
    }

    /**
     * {@code now} minus a calendar period in the local time of {@code zone}, so days stay days
     * across daylight saving (R3.6-c: 14 days back from now, at the same wall-clock time).
     */
    public static Instant periodBefore(Instant now, Period period, ZoneId zone) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(period, "period");
        return now.atZone(zone).minus(period).toInstant();
    }

    /**
     * The number of whole weeks (Monday to Sunday) from Monday 5 January 1970 to the week of
     * {@code date}: the same for every day of one week, one more the next week. Rotations that must
     * change once a week (e.g. restic's {@code --read-data-subset n/m}) use it.
     */
    public static long weekIndex(LocalDate date) {
        LocalDate monday = date.with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return ChronoUnit.WEEKS.between(FIRST_MONDAY, monday);
    }
}
