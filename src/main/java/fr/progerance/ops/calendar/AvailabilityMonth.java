package fr.progerance.ops.calendar;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * R4.4-p, R4.4-t: a month of the availability measure, in the contract's zone (Europe/Paris). Its
 * bounds are the first instant of its first day and the first instant of the next month's first day,
 * so its length is real: a month with a daylight-saving change is an hour shorter or longer (March
 * 2026 has 44,580 minutes, October 2026 44,700). The span arithmetic the measure needs (clip to the
 * month, remove excluded spans, count) lives here with the rest of the date arithmetic (DESIGN rule 7).
 *
 * @param month the calendar month
 * @param zone  the contract's zone
 */
public record AvailabilityMonth(YearMonth month, ZoneId zone) {

    private static final Pattern TEXT = Pattern.compile("[0-9]{4}-[0-9]{2}");

    public AvailabilityMonth {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(zone, "zone");
    }

    /** The month of {@code instant} in {@code zone}. */
    public static AvailabilityMonth containing(Instant instant, ZoneId zone) {
        return new AvailabilityMonth(YearMonth.from(instant.atZone(zone)), zone);
    }

    /**
     * Reads {@code YYYY-MM} (e.g. {@code 2026-03}), strictly.
     *
     * @throws IllegalArgumentException anything else
     */
    public static AvailabilityMonth parse(String text, ZoneId zone) {
        if (text == null || !TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("a month is written YYYY-MM, e.g. 2026-03");
        }
        try {
            return new AvailabilityMonth(YearMonth.parse(text), zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a month is written YYYY-MM, e.g. 2026-03", e);
        }
    }

    /** The first instant of the month. */
    public Instant start() {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** The first instant of the next month (excluded). */
    public Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    public Interval interval() {
        return new Interval(start(), end());
    }

    /** The month's real length in minutes (daylight saving included). */
    public long minutes() {
        return interval().duration().toMinutes();
    }

    /** The month's real length in seconds. */
    public long seconds() {
        return interval().duration().toSeconds();
    }

    public AvailabilityMonth previous() {
        return new AvailabilityMonth(month.minusMonths(1), zone);
    }

    public AvailabilityMonth next() {
        return new AvailabilityMonth(month.plusMonths(1), zone);
    }

    /** The instant {@code dayOfMonth} of the NEXT month at {@code hour}:00 in the zone: when the month is reviewed. */
    public Instant afterEnd(int dayOfMonth, int hour) {
        YearMonth next = month.plusMonths(1);
        int day = Math.min(dayOfMonth, next.lengthOfMonth());
        return next.atDay(day).atTime(hour, 0).atZone(zone).toInstant();
    }

    /**
     * The part of {@code spans} inside this month and before {@code until} (an outage still open
     * counts up to now), merged.
     */
    public List<Interval> clip(List<Interval> spans, Instant until) {
        Instant end = until == null || until.isAfter(end()) ? end() : until;
        if (!end.isAfter(start())) {
            return List.of();
        }
        Interval bounds = new Interval(start(), end);
        List<Interval> clipped = new ArrayList<>();
        for (Interval span : spans) {
            Interval c = span.clip(bounds);
            if (c != null) {
                clipped.add(c);
            }
        }
        return Interval.union(clipped);
    }

    /** The union of {@code spans} without the union of {@code removed}. */
    public static List<Interval> minus(List<Interval> spans, List<Interval> removed) {
        List<Interval> out = new ArrayList<>();
        List<Interval> cuts = Interval.union(removed);
        for (Interval span : Interval.union(spans)) {
            Instant from = span.start();
            for (Interval cut : cuts) {
                if (!cut.end().isAfter(from) || !cut.start().isBefore(span.end())) {
                    continue;
                }
                if (cut.start().isAfter(from)) {
                    out.add(new Interval(from, cut.start()));
                }
                if (cut.end().isAfter(from)) {
                    from = cut.end();
                }
                if (!from.isBefore(span.end())) {
                    break;
                }
            }
            if (from.isBefore(span.end())) {
                out.add(new Interval(from, span.end()));
            }
        }
        return out;
    }

    /** The total length of the union of {@code spans} in whole seconds. */
    public static long seconds(List<Interval> spans) {
        return Interval.total(spans).toSeconds();
    }

    @Override
    public String toString() {
        return month.toString();
    }
}
