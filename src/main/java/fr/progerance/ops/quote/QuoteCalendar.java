package fr.progerance.ops.quote;

import fr.progerance.ops.calendar.CalendarDays;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.WorkingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import org.springframework.stereotype.Component;

/**
 * The quote's dates, from {@code calendar/} (DESIGN rule 7) and the {@code ops.quote.*} settings:
 * when ops must have prepared it, until when the client may accept it, and when it is reminded.
 * The engine's timers and Tasklist's due dates use these instants (as variables), so both say the
 * same as the record.
 */
@Component
public class QuoteCalendar {

    private static final Period ONE_DAY = Period.ofDays(1);

    private final ContractClock clock;
    private final WorkingCalendar calendar;
    private final QuoteSettings settings;

    public QuoteCalendar(ContractClock clock, WorkingCalendar calendar, QuoteSettings settings) {
        this.clock = clock;
        this.calendar = calendar;
        this.settings = settings;
    }

    /** Task_PrepareQuote's due date: {@code ops.quote.preparation} of business time (RC-business) after now. */
    public Instant preparationDue() {
        return calendar.business().addWorkingTime(clock.instant(), settings.getPreparation());
    }

    /** The validity the preparation form proposes: today plus {@code ops.quote.default-validity}. */
    public LocalDate defaultValidUntil() {
        return CalendarDays.plus(clock.today(), settings.getDefaultValidity());
    }

    /** The end of {@code validUntil} in the contract zone (the next midnight, Paris time): the quote expires then. */
    public Instant expiry(LocalDate validUntil) {
        return clock.startOfDay(CalendarDays.plus(validUntil, ONE_DAY)).toInstant();
    }

    /** How long the decision link stays valid from now: until {@code expiry}. */
    public Duration linkValidity(Instant expiry) {
        Duration d = clock.elapsed(clock.instant(), expiry);
        if (d.isZero()) {
            throw new IllegalStateException("The quote's validity ended at " + clock.atZone(expiry)
                    + " before it could be sent: prepare it again with a later validity date");
        }
        return d;
    }

    /**
     * DESIGN rule 12: the reminders as an ISO 8601 repeating interval for the reminder timer, from
     * the sending: every {@code ops.quote.reminder-interval}, as many as fit strictly before the
     * expiry; a validity shorter than the interval gets one reminder halfway.
     */
    public String reminderCycle(Instant sentAt, Instant expiry) {
        Duration validity = clock.elapsed(sentAt, expiry);
        Duration interval = settings.getReminderInterval();
        if (interval.compareTo(validity) < 0) {
            long reminders = (validity.toMillis() - 1) / interval.toMillis();
            return "R" + reminders + "/" + interval;
        }
        return "R1/" + Duration.ofSeconds(Math.max(1, validity.getSeconds() / 2));
    }

    /** Today in the contract zone. */
    public LocalDate today() {
        return clock.today();
    }

    /** Now. */
    public Instant now() {
        return clock.instant();
    }

    /** The day (contract zone) of {@code instant}. */
    public LocalDate day(Instant instant) {
        return clock.atZone(instant).toLocalDate();
    }

    /** The calendar year (contract zone) of now: the year of a quote number. */
    public int year() {
        return clock.today().getYear();
    }
}
