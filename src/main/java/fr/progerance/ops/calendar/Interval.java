package fr.progerance.ops.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A half-open span of time {@code [start, end)}: an outage, a maintenance or backup window, a force
 * majeure period, a month (R4.4-p). The arithmetic on spans lives here, in {@code calendar/}, with
 * the rest of the date arithmetic (DESIGN rule 7).
 *
 * @param start included
 * @param end   excluded, after {@code start}
 */
public record Interval(Instant start, Instant end) {

    public Interval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an interval ends after it starts: " + start + " .. " + end);
        }
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public boolean overlaps(Interval other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** The part of this interval inside {@code bounds}, or null when they do not overlap. */
    public Interval clip(Interval bounds) {
        if (!overlaps(bounds)) {
            return null;
        }
        Instant s = start.isBefore(bounds.start) ? bounds.start : start;
        Instant e = end.isAfter(bounds.end) ? bounds.end : end;
        return new Interval(s, e);
    }

    /** The union of {@code intervals}, sorted, with overlapping or touching intervals merged. */
    public static List<Interval> union(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            if (!merged.isEmpty() && !next.start.isAfter(merged.get(merged.size() - 1).end)) {
                Interval last = merged.remove(merged.size() - 1);
                merged.add(new Interval(last.start, next.end.isAfter(last.end) ? next.end : last.end));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    /** The total length of the union of {@code intervals} (overlaps counted once). */
    public static Duration total(List<Interval> intervals) {
        Duration sum = Duration.ZERO;
        for (Interval i : union(intervals)) {
            sum = sum.plus(i.duration());
        }
        return sum;
    }
}
