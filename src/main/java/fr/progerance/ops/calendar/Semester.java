package fr.progerance.ops.calendar;

import java.time.LocalDate;
import java.time.Month;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A half-year, written {@code 2025-S1} (1 January - 30 June) or {@code 2025-S2} (1 July - 31
 * December): the French legal interest rate is fixed per semester (R7.5). The years are those of
 * {@link SupportedDates}.
 *
 * @param year the calendar year
 * @param half 1 or 2
 */
public record Semester(int year, int half) implements Comparable<Semester> {

    private static final Pattern TEXT = Pattern.compile("(\\d{4})-S([12])");

    public Semester {
        if (half != 1 && half != 2) {
            throw new IllegalArgumentException("half must be 1 or 2, got " + half);
        }
        if (year < SupportedDates.FIRST.getYear() || year > SupportedDates.LAST.getYear()) {
            throw new IllegalArgumentException("year must be between " + SupportedDates.FIRST.getYear() + " and "
                    + SupportedDates.LAST.getYear() + ", got " + year);
        }
    }

    /** The semester that contains {@code date}. */
    public static Semester of(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return new Semester(date.getYear(), date.getMonthValue() <= 6 ? 1 : 2);
    }

    /** Reads {@code YYYY-S1} or {@code YYYY-S2}; empty for anything else (or a year outside the supported dates). */
    public static Optional<Semester> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        if (year < SupportedDates.FIRST.getYear() || year > SupportedDates.LAST.getYear()) {
            return Optional.empty();
        }
        return Optional.of(new Semester(year, Integer.parseInt(m.group(2))));
    }

    /** The first day: 1 January or 1 July. */
    public LocalDate firstDay() {
        return LocalDate.of(year, half == 1 ? Month.JANUARY : Month.JULY, 1);
    }

    /** The last day: 30 June or 31 December. */
    public LocalDate lastDay() {
        return half == 1 ? LocalDate.of(year, Month.JUNE, 30) : LocalDate.of(year, Month.DECEMBER, 31);
    }

    /** Whether {@code date} falls in this semester. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    @Override
    public int compareTo(Semester other) {
        return year != other.year ? Integer.compare(year, other.year) : Integer.compare(half, other.half);
    }

    /** {@code 2025-S1}. */
    @Override
    public String toString() {
        return year + "-S" + half;
    }
}
