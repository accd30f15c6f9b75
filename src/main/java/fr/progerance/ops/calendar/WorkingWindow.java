package fr.progerance.ops.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A weekly working window in local time of a zone (RC-business, RC-n2, RC-support): on each
 * working day it is open from {@code opens} inclusive to {@code closes} exclusive, so 9h-18h
 * contains 9h00 and 17h59:59 but not 18h00. Local times are turned into instants day by day, so
 * days when daylight saving starts or ends have their true length. Immutable and thread-safe.
 */
public final class WorkingWindow {

    /**
     * Most working time {@link #addWorkingTime} accepts: a sanity guard against absurd inputs
     * (far above any contract delay), not a contract number.
     */
    public static final Duration MAX_WORKING_TIME = Duration.ofHours(8784);

    /** No working window in this many days means the window is broken, not merely closed. */
    private static final int MAX_CLOSED_DAYS = 366;

    private final String name;
    private final Set<DayOfWeek> days;
    private final LocalTime opens;
    private final LocalTime closes;
    private final boolean excludesHolidays;
    private final ZoneId zone;
    private final FrenchHolidays holidays;

    /**
     * @param name             what the window is, for messages (e.g. "RC-business")
     * @param days             the days of the week it opens
     * @param opens            local opening time, inclusive
     * @param closes           local closing time, exclusive; after {@code opens} on the same day
     * @param excludesHolidays whether it stays closed on public holidays (RC-holidays)
     * @param zone             the zone of the local times (Europe/Paris by contract)
     * @param holidays         the public holidays; used only when {@code excludesHolidays}
     */
    public WorkingWindow(String name, Set<DayOfWeek> days, LocalTime opens, LocalTime closes,
            boolean excludesHolidays, ZoneId zone, FrenchHolidays holidays) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(days, name + ": days");
        if (days.isEmpty()) {
            throw new IllegalArgumentException(name + ": a working window needs at least one day of the week");
        }
        this.days = Set.copyOf(EnumSet.copyOf(days));
        this.opens = Objects.requireNonNull(opens, name + ": opens");
        this.closes = Objects.requireNonNull(closes, name + ": closes");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException(name + ": opens (" + opens + ") must be before closes (" + closes
                    + ") on the same day");
        }
        this.excludesHolidays = excludesHolidays;
        this.zone = Objects.requireNonNull(zone, name + ": zone");
        this.holidays = Objects.requireNonNull(holidays, name + ": holidays");
    }

    public String name() {
        return name;
    }

    public Set<DayOfWeek> days() {
        return days;
    }

    public LocalTime opens() {
        return opens;
    }

    public LocalTime closes() {
        return closes;
    }

    public boolean excludesHolidays() {
        return excludesHolidays;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether the window opens at all on {@code date} (day of week, and not a holiday if excluded). */
    public boolean isWorkingDay(LocalDate date) {
        return days.contains(date.getDayOfWeek()) && !(excludesHolidays && holidays.isHoliday(date));
    }

    /** Whether {@code instant} lies inside the window (start inclusive, end exclusive). */
    public boolean contains(Instant instant) {
        return span(localDate(instant))
                .map(s -> !instant.isBefore(s.start()) && instant.isBefore(s.end()))
                .orElse(false);
    }

    /**
     * The first opening at or after {@code instant}: {@code instant} itself if the window opens
     * exactly then, otherwise the start of a later window, even when {@code instant} is already
     * inside a window (use {@link #nextWorkingInstant} for "now if open, else the next opening").
     */
    public Instant nextOpening(Instant instant) {
        LocalDate date = localDate(instant);
        for (int i = 0; i <= MAX_CLOSED_DAYS; i++, date = date.plusDays(1)) {
            Optional<Span> span = span(date);
            if (span.isPresent() && !span.get().start().isBefore(instant)) {
                return span.get().start();
            }
        }
        throw closedTooLong(instant);
    }

    /** {@code instant} if the window is open then, otherwise the next opening. */
    public Instant nextWorkingInstant(Instant instant) {
        return contains(instant) ? instant : nextOpening(instant);
    }

    /**
     * The instant at which {@code amount} of working time has elapsed from {@code from}, counting
     * only time inside the window. A start outside the window counts from the next opening; when
     * the time runs out exactly at a window's end the answer is that end (e.g. 17h00 + 1 h =
     * 18h00, not the next morning). A zero amount answers {@link #nextWorkingInstant}.
     *
     * @throws IllegalArgumentException if {@code amount} is negative or above {@link #MAX_WORKING_TIME}
     */
    public Instant addWorkingTime(Instant from, Duration amount) {
        Objects.requireNonNull(from, "from");
        requireSaneAmount(amount);
        Duration remaining = amount;
        LocalDate date = localDate(from);
        int closedDays = 0;
        while (true) {
            Optional<Span> span = span(date);
            if (span.isPresent() && span.get().end().isAfter(from)) {
                closedDays = 0;
                Instant start = span.get().start().isAfter(from) ? span.get().start() : from;
                Duration available = Duration.between(start, span.get().end());
                if (remaining.compareTo(available) <= 0) {
                    return start.plus(remaining);
                }
                remaining = remaining.minus(available);
            } else if (++closedDays > MAX_CLOSED_DAYS) {
                throw closedTooLong(from);
            }
            date = date.plusDays(1);
        }
    }

    /**
     * The working time inside the window between {@code from} (inclusive) and {@code to}
     * (exclusive); zero if {@code to} is not after {@code from}. Useful to record how much of a
     * window-time delay was used, or what is left of it (R9 suspensions).
     */
    public Duration workingTimeBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_CLOSED_DAYS * 10L)) > 0) {
            throw new IllegalArgumentException(name + ": the interval " + from + " - " + to + " is longer than "
                    + MAX_CLOSED_DAYS * 10 + " days");
        }
        Duration total = Duration.ZERO;
        LocalDate last = localDate(to);
        for (LocalDate date = localDate(from); !date.isAfter(last); date = date.plusDays(1)) {
            Optional<Span> span = span(date);
            if (span.isPresent()) {
                Instant start = span.get().start().isAfter(from) ? span.get().start() : from;
                Instant end = span.get().end().isBefore(to) ? span.get().end() : to;
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return name + " " + days + " " + opens + "-" + closes + (excludesHolidays ? " except public holidays" : "")
                + " (" + zone + ")";
    }

    private LocalDate localDate(Instant instant) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        FrenchHolidays.requireSupportedYear(date.getYear());
        return date;
    }

    /** The window's instants on {@code date}, if it opens that day. */
    private Optional<Span> span(LocalDate date) {
        FrenchHolidays.requireSupportedYear(date.getYear());
        if (!isWorkingDay(date)) {
            return Optional.empty();
        }
        // ZonedDateTime.of moves a local time in a DST gap forward and takes the earlier offset in
        // an overlap, so each day gets its real instants.
        Instant start = ZonedDateTime.of(date, opens, zone).toInstant();
        Instant end = ZonedDateTime.of(date, closes, zone).toInstant();
        return end.isAfter(start) ? Optional.of(new Span(start, end)) : Optional.empty();
    }

    private void requireSaneAmount(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException(name + ": the working time to add must not be negative, got " + amount);
        }
        if (amount.compareTo(MAX_WORKING_TIME) > 0) {
            throw new IllegalArgumentException(name + ": the working time to add must be at most "
                    + MAX_WORKING_TIME.toHours() + " h, got " + amount);
        }
    }

    private IllegalStateException closedTooLong(Instant from) {
        return new IllegalStateException(name + " stays closed for more than " + MAX_CLOSED_DAYS + " days after "
                + from + "; check its settings");
    }

    private record Span(Instant start, Instant end) {
    }
}
