package fr.progerance.ops.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The one place the product reads the time and does calendar arithmetic outside the SLA windows
 * (DESIGN "time has one source"): now and today in the contract zone, calendar-day additions
 * that respect daylight saving, and the contract's periods with the {@code ops.contract.*}
 * settings (R8.1, R8.3, R9). Tests build it with a fixed {@link Clock}.
 */
@Component
public class ContractClock {

    private final Clock clock;
    private final ZoneId zone;
    private final ContractTermsProperties terms;

    public ContractClock(Clock clock, WorkingCalendar calendar, ContractTermsProperties terms) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = calendar.zone();
        this.terms = Objects.requireNonNull(terms, "terms");
        terms.validate();
    }

    /** The current instant. */
    public Instant instant() {
        return clock.instant();
    }

    /** Now, at the contract zone's current offset. */
    public OffsetDateTime now() {
        return atZone(clock.instant());
    }

    /** Today's date in the contract zone. */
    public LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    /** The contract zone (Europe/Paris). */
    public ZoneId zone() {
        return zone;
    }

    /** {@code instant} at the contract zone's offset of that instant. */
    public OffsetDateTime atZone(Instant instant) {
        return instant.atZone(zone).toOffsetDateTime();
    }

    /** The first instant of {@code date} in the contract zone (midnight, or later on a DST gap). */
    public OffsetDateTime startOfDay(LocalDate date) {
        return date.atStartOfDay(zone).toOffsetDateTime();
    }

    /** {@code duration} of continuous time after now (e.g. a waiting time from the settings). */
    public OffsetDateTime after(Duration duration) {
        return atZone(instant().plus(duration));
    }

    /**
     * The continuous time from {@code from} to {@code to} (e.g. how long a restore ran, R3.6-d);
     * zero when {@code to} is not after {@code from}.
     */
    public Duration elapsed(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }

    /**
     * {@code from} plus a calendar period in the contract zone's local time, so days stay days
     * across daylight saving: an invoice issued 1 December 00:00 plus 15 days is 16 December 00:00
     * Paris time (R7.3). Use it for every "N calendar days after" rule (R7.3, R7.6, R8.2, R4.0-b).
     */
    public OffsetDateTime plusCalendarPeriod(Instant from, Period period) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(period, "period");
        return from.atZone(zone).plus(period).toOffsetDateTime();
    }

    /** R7.2: the first day of the month containing {@code date} (the start of its monthly invoicing period). */
    public LocalDate monthStart(LocalDate date) {
        return date.withDayOfMonth(1);
    }

    /** R7.2: the first day of the month after the one containing {@code date}. */
    public LocalDate nextMonthStart(LocalDate date) {
        return date.withDayOfMonth(1).plusMonths(1);
    }

    /** R7.2: the first day of the month before the one containing {@code date}. */
    public LocalDate previousMonthStart(LocalDate date) {
        return date.withDayOfMonth(1).minusMonths(1);
    }

    /** The last day of the month containing {@code date} (the end, inclusive, of its invoicing period). */
    public LocalDate monthEnd(LocalDate date) {
        return date.with(TemporalAdjusters.lastDayOfMonth());
    }

    /**
     * R7.2: day {@code dayOfMonth} of the month containing {@code date}, or the month's last day when
     * the month is shorter (an issue day of 31 is the 30 April).
     */
    public LocalDate dayOfMonth(LocalDate date, int dayOfMonth) {
        if (dayOfMonth < 1 || dayOfMonth > 31) {
            throw new IllegalArgumentException("A day of the month is 1 to 31, not " + dayOfMonth);
        }
        LocalDate end = monthEnd(date);
        return date.withDayOfMonth(Math.min(dayOfMonth, end.getDayOfMonth()));
    }

    /**
     * R7.2: the first month whose monthly instant (day {@code dayOfMonth} at the start of the day in the
     * contract zone, see {@link #dayOfMonth}) is not before {@code from}; returned as the month's first
     * day. Calendar terms only: daylight saving and the JVM's zone change nothing.
     */
    public LocalDate firstMonthOnOrAfter(Instant from, int dayOfMonth) {
        Objects.requireNonNull(from, "from");
        LocalDate month = monthStart(from.atZone(zone).toLocalDate());
        while (startOfDay(dayOfMonth(month, dayOfMonth)).toInstant().isBefore(from)) {
            month = nextMonthStart(month);
        }
        return month;
    }

    /** How long ago {@code past} was (R3.6-a freshness of a backup, ages shown to ops). */
    public Duration age(Instant past) {
        return Elapsed.age(past, instant());
    }

    /**
     * Now minus a calendar period in the contract zone (R3.6-c: the retention cutoff, 14 days back
     * from now, not from the newest snapshot).
     */
    public Instant periodBeforeNow(Period period) {
        return Elapsed.periodBefore(instant(), period, zone);
    }

    /** The index of the current week (see {@link Elapsed#weekIndex}). */
    public long weekIndex() {
        return Elapsed.weekIndex(today());
    }

    /** The contract period containing today (R8.1); see {@link ContractPeriods#currentPeriod}. */
    public ContractPeriod currentPeriod(LocalDate start, int termMonths, boolean tacitRenewal) {
        return ContractPeriods.currentPeriod(start, termMonths, tacitRenewal, today());
    }

    /** The termination notice setting ({@code ops.contract.termination-notice}, R8.3, 30 days). */
    public Period terminationNotice() {
        return terms.getTerminationNotice();
    }

    /** The last day to send a termination notice for {@code period} (R8.3) with the configured notice. */
    public LocalDate noticeDeadline(ContractPeriod period) {
        return ContractPeriods.noticeDeadline(period, terms.getTerminationNotice());
    }

    /**
     * The first day either party may terminate for force majeure that began on
     * {@code forceMajeureStart} and still lasts (R9, {@code ops.contract.force-majeure-termination-after}).
     */
    public LocalDate forceMajeureTerminationFrom(LocalDate forceMajeureStart) {
        return ContractPeriods.forceMajeureTerminationFrom(forceMajeureStart, terms.getForceMajeureTerminationAfter());
    }
}
