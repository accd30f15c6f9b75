package fr.progerance.ops.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Every SLA deadline of the contract, computed in one place (Art. 4, R3.6-d, R9) so that processes,
 * dashboards and the API agree. Answers are at the contract zone's offset of the instant
 * ({@code 2026-03-30T09:10:00+02:00}). Plain Java behind a Spring {@code @Component}: tests build it
 * with {@code new SlaDeadlines(WorkingCalendar.from(new CalendarProperties()), new SlaProperties(),
 * fixedClock)}.
 */
@Component
public class SlaDeadlines {

    private final WorkingCalendar calendar;
    private final SlaProperties sla;
    private final Clock clock;

    /**
     * @throws IllegalArgumentException if an {@code ops.sla.*} setting is meaningless
     */
    public SlaDeadlines(WorkingCalendar calendar, SlaProperties sla, Clock clock) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.sla = Objects.requireNonNull(sla, "sla");
        this.clock = Objects.requireNonNull(clock, "clock");
        sla.validate();
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    // ---- Incidents (Art. 4) -------------------------------------------------------------------

    /**
     * The intervention and restoration deadlines of an incident detected at {@code detectedAt}.
     * <ul>
     * <li>PROGERANCE level 1, R4.3-p1: intervention 10 min after detection if it falls inside
     * business hours (RC-business), else 30 min; restoration 30 min after the intervention
     * deadline; both continuous.</li>
     * <li>PROGERANCE level 2, R4.3-p2: intervention and restoration both after 1 h
     * (troubleshooting) or 2 h (update) of level-2 window time (RC-n2, 7h-18h on business days):
     * Friday 17h30 troubleshooting is due Monday 7h30.</li>
     * <li>TIERCE detected inside business hours, R4.3-t1: intervention 15 min after detection,
     * continuous; restoration best effort (null); guaranteed.</li>
     * <li>TIERCE detected outside business hours, R4.3-t2: not guaranteed, no deadline.</li>
     * </ul>
     * The level matters only for PROGERANCE; TIERCE follows business hours at either level.
     *
     * @throws IllegalArgumentException if {@code level} is not 1 or 2, or an argument is null
     */
    public IncidentDeadlines incidentDeadlines(Infrastructure infrastructure, int level, IncidentCategory category,
            Instant detectedAt) {
        requireArgument(infrastructure, "infrastructure");
        requireArgument(category, "category");
        requireArgument(detectedAt, "detectedAt");
        if (level != 1 && level != 2) {
            throw new IllegalArgumentException("level must be 1 or 2, got " + level);
        }
        boolean inBusinessHours = calendar.business().contains(detectedAt);
        if (infrastructure == Infrastructure.TIERCE) {
            if (!inBusinessHours) {
                return new IncidentDeadlines(false, null, null, SlaRule.TIERCE_OUTSIDE_BUSINESS_HOURS);
            }
            return new IncidentDeadlines(true, atZone(detectedAt.plus(sla.getTierceIntervention())), null,
                    SlaRule.TIERCE_BUSINESS_HOURS);
        }
        if (level == 1) {
            Instant intervention = detectedAt.plus(inBusinessHours
                    ? sla.getN1InterventionInBusinessHours()
                    : sla.getN1InterventionOutsideBusinessHours());
            Instant restoration = intervention.plus(sla.getN1RestorationAfterIntervention());
            return new IncidentDeadlines(true, atZone(intervention), atZone(restoration), SlaRule.PROGERANCE_N1);
        }
        Duration windowTime = category == IncidentCategory.UPDATE ? sla.getN2Update() : sla.getN2Troubleshooting();
        OffsetDateTime due = atZone(calendar.n2().addWorkingTime(detectedAt, windowTime));
        return new IncidentDeadlines(true, due, due, SlaRule.PROGERANCE_N2);
    }

    /**
     * R4.3-t2 with the client's agreement to act outside business hours (given in advance in the
     * contract, or for this incident): the R4.3-t1 intervention time (15 min) runs continuously
     * from {@code agreedFrom}; restoration stays best effort.
     */
    public IncidentDeadlines tierceAgreedDeadlines(Instant agreedFrom) {
        requireArgument(agreedFrom, "agreedFrom");
        return new IncidentDeadlines(true, atZone(agreedFrom.plus(sla.getTierceIntervention())), null,
                SlaRule.TIERCE_OUTSIDE_BUSINESS_HOURS);
    }

    /** {@link #incidentDeadlines(Infrastructure, int, IncidentCategory, Instant)} for an offset date-time. */
    public IncidentDeadlines incidentDeadlines(Infrastructure infrastructure, int level, IncidentCategory category,
            OffsetDateTime detectedAt) {
        requireArgument(detectedAt, "detectedAt");
        return incidentDeadlines(infrastructure, level, category, detectedAt.toInstant());
    }

    /** The deadlines of an incident detected now (read from the injected clock). */
    public IncidentDeadlines incidentDeadlines(Infrastructure infrastructure, int level, IncidentCategory category) {
        return incidentDeadlines(infrastructure, level, category, clock.instant());
    }

    // ---- Business time (RC-business, R3.6-d) ---------------------------------------------------

    /**
     * The instant at which {@code businessTime} of business hours (RC-business) has elapsed from
     * {@code from}; a start outside business hours counts from the next opening, and time that runs
     * out exactly at 18h00 answers 18h00.
     *
     * @throws IllegalArgumentException if {@code businessTime} is negative or above
     *                                  {@link WorkingWindow#MAX_WORKING_TIME}
     */
    public OffsetDateTime businessDeadline(Instant from, Duration businessTime) {
        requireArgument(from, "from");
        requireArgument(businessTime, "businessTime");
        return atZone(calendar.business().addWorkingTime(from, businessTime));
    }

    /** {@link #businessDeadline(Instant, Duration)} for an offset date-time. */
    public OffsetDateTime businessDeadline(OffsetDateTime from, Duration businessTime) {
        requireArgument(from, "from");
        return businessDeadline(from.toInstant(), businessTime);
    }

    /**
     * R3.6-d: a restore validated by the client at {@code validatedAt} is due after
     * {@code ops.sla.restore} (4 h) of business time.
     */
    public OffsetDateTime restoreDeadline(Instant validatedAt) {
        return businessDeadline(validatedAt, sla.getRestore());
    }

    /** The business time (RC-business) between two instants, e.g. how long a restore took (R3.6-d). */
    public Duration businessTimeBetween(Instant from, Instant to) {
        return calendar.business().workingTimeBetween(from, to);
    }

    // ---- Windows ---------------------------------------------------------------------------------

    /** Whether {@code instant} is inside business hours (RC-business, half-open 9h-18h). */
    public boolean isBusinessHours(Instant instant) {
        return calendar.business().contains(requireArgument(instant, "instant"));
    }

    /** Whether now (injected clock) is inside business hours (RC-business). */
    public boolean isBusinessHoursNow() {
        return isBusinessHours(clock.instant());
    }

    /**
     * The first business-hours opening at or after {@code instant} (RC-business; waits of
     * R4.3-t2): {@code instant} itself only when it is exactly an opening, otherwise a later one,
     * even when {@code instant} is inside business hours.
     */
    public OffsetDateTime nextBusinessOpening(Instant instant) {
        return atZone(calendar.business().nextOpening(requireArgument(instant, "instant")));
    }

    /** {@code instant} if it is inside business hours, else the next business opening. */
    public OffsetDateTime nextBusinessInstant(Instant instant) {
        return atZone(calendar.business().nextWorkingInstant(requireArgument(instant, "instant")));
    }

    /** Whether {@code instant} is inside the level-2 window (RC-n2, 7h-18h on business days). */
    public boolean isLevel2Window(Instant instant) {
        return calendar.n2().contains(requireArgument(instant, "instant"));
    }

    /** Whether the support desk is open at {@code instant} (RC-support, R6.8-b: Monday-Saturday 9h-21h). */
    public boolean isSupportHours(Instant instant) {
        return calendar.support().contains(requireArgument(instant, "instant"));
    }

    /** Whether the support desk is open now (injected clock). */
    public boolean isSupportHoursNow() {
        return isSupportHours(clock.instant());
    }

    /** The first support-desk opening at or after {@code instant} (RC-support). */
    public OffsetDateTime nextSupportOpening(Instant instant) {
        return atZone(calendar.support().nextOpening(requireArgument(instant, "instant")));
    }

    // ---- Force majeure (R9) ------------------------------------------------------------------------

    /**
     * R9: force majeure suspends SLA clocks while it lasts. Moves a deadline {@code due} of a clock
     * of kind {@code kind} that was suspended from {@code suspendedFrom} to {@code resumedAt}: the
     * clock time still left at {@code suspendedFrom} runs again from {@code resumedAt} (continuous
     * time for {@link SlaClock#CONTINUOUS}, window time for the others). A deadline already passed
     * when the suspension began is unchanged. The suspension must begin after the clock started.
     *
     * @return the new deadline; null if {@code due} is null (no deadline)
     * @throws IllegalArgumentException if {@code resumedAt} is before {@code suspendedFrom}
     */
    public OffsetDateTime resumeAfterSuspension(SlaClock kind, OffsetDateTime due, Instant suspendedFrom,
            Instant resumedAt) {
        requireArgument(kind, "kind");
        requireArgument(suspendedFrom, "suspendedFrom");
        requireArgument(resumedAt, "resumedAt");
        if (resumedAt.isBefore(suspendedFrom)) {
            throw new IllegalArgumentException("resumedAt (" + resumedAt + ") must not be before suspendedFrom ("
                    + suspendedFrom + ")");
        }
        if (due == null) {
            return null;
        }
        Instant dueInstant = due.toInstant();
        if (!suspendedFrom.isBefore(dueInstant)) {
            return atZone(dueInstant);
        }
        return switch (kind) {
            case CONTINUOUS -> atZone(dueInstant.plus(Duration.between(suspendedFrom, resumedAt)));
            case BUSINESS_HOURS -> resumeInWindow(calendar.business(), dueInstant, suspendedFrom, resumedAt);
            case LEVEL_2_WINDOW -> resumeInWindow(calendar.n2(), dueInstant, suspendedFrom, resumedAt);
        };
    }

    /** R9 for both deadlines of an incident, on the clock of its rule; R4.3-t2 has none to move. */
    public IncidentDeadlines resumeAfterSuspension(IncidentDeadlines deadlines, Instant suspendedFrom,
            Instant resumedAt) {
        requireArgument(deadlines, "deadlines");
        SlaClock kind = deadlines.clock();
        if (kind == null) {
            return deadlines;
        }
        return new IncidentDeadlines(deadlines.guaranteed(),
                resumeAfterSuspension(kind, deadlines.interventionDue(), suspendedFrom, resumedAt),
                resumeAfterSuspension(kind, deadlines.restorationDue(), suspendedFrom, resumedAt),
                deadlines.rule());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** {@code instant} at the contract zone's offset of that instant. */
    public OffsetDateTime atZone(Instant instant) {
        return instant.atZone(calendar.zone()).toOffsetDateTime();
    }

    private OffsetDateTime resumeInWindow(WorkingWindow window, Instant due, Instant suspendedFrom,
            Instant resumedAt) {
        Duration left = window.workingTimeBetween(suspendedFrom, due);
        return atZone(window.addWorkingTime(resumedAt, left));
    }

    private static <T> T requireArgument(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
