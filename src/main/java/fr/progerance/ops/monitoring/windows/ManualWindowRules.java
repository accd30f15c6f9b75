package fr.progerance.ops.monitoring.windows;

import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * R4.4-p: what ops may do with the MANUAL maintenance windows, whose minutes are excluded from the
 * availability measure. The measure must not change after the fact, so the rule is: <b>the part of a
 * window before now is fixed</b>.
 * <ul>
 * <li>A new window starts now or later (400 on {@code start}), ends after it starts (400 on
 *     {@code end}) and lasts at most {@code ops.availability.windows.manual-max-duration} (400 on
 *     {@code end}).</li>
 * <li>A future window (not begun) may be moved anywhere a new one could be, or cancelled.</li>
 * <li>A begun window (its start is now or past) cannot be cancelled (409) nor its start changed
 *     (409); its end may move, to now or later (ending it early, or extending it), never before now
 *     (409). An ended window keeps its start and end (409 for any other); its reason may still be
 *     corrected.</li>
 * <li>UPDATE windows are the update process's (its planning moves them): read-only here (409).</li>
 * </ul>
 * Plain rules, tested without Spring ({@code ManualWindowRulesTest}).
 */
public final class ManualWindowRules {

    private final Duration maxDuration;

    public ManualWindowRules(Duration maxDuration) {
        this.maxDuration = Objects.requireNonNull(maxDuration, "maxDuration");
    }

    /** A new window {@code [start, end)} at {@code now}; throws {@link InvalidInputException} naming the field. */
    public Interval create(Instant start, Instant end, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        if (start.isBefore(now)) {
            problems.add(new FieldProblem("start", "must not be in the past (now is " + now + "): a window recorded"
                    + " after the fact would change the availability measure (R4.4-p)"));
        }
        span(start, end, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Interval(start, end);
    }

    /**
     * Moving {@code current} to {@code [start, end)} at {@code now}: 409 ({@link ConflictException})
     * when the change would rewrite the past part of the window or the window is not MANUAL; 400
     * ({@link InvalidInputException}) naming the field for a span that no window may have.
     */
    public Interval move(MaintenanceWindowSource source, Interval current, Instant start, Instant end, Instant now) {
        editable(source);
        boolean begun = !current.start().isAfter(now);
        if (begun) {
            if (!start.equals(current.start())) {
                throw conflict("start", "the window began at " + current.start() + ": its start is measured and"
                        + " cannot change (R4.4-p)");
            }
            boolean ended = !current.end().isAfter(now);
            if (!end.equals(current.end())) {
                if (ended) {
                    throw conflict("end", "the window ended at " + current.end() + ": its minutes are measured and"
                            + " it cannot be moved (R4.4-p)");
                }
                if (end.isBefore(now)) {
                    throw conflict("end", "the window has begun: it may end now (" + now + ") or later, not in the"
                            + " past (R4.4-p)");
                }
            }
            List<FieldProblem> problems = new ArrayList<>();
            span(start, end, problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new Interval(start, end);
        }
        return create(start, end, now);
    }

    /** Cancelling {@code current} at {@code now}: 409 once it has begun, or when it is not MANUAL. */
    public void cancel(MaintenanceWindowSource source, Interval current, Instant now) {
        editable(source);
        if (!current.start().isAfter(now)) {
            throw conflict("id", "the window began at " + current.start() + ": its minutes are measured and it cannot"
                    + " be cancelled; end it now instead (PUT with end = now, R4.4-p)");
        }
    }

    private void span(Instant start, Instant end, List<FieldProblem> problems) {
        if (!end.isAfter(start)) {
            problems.add(new FieldProblem("end", "must be after start"));
        } else if (Duration.between(start, end).compareTo(maxDuration) > 0) {
            problems.add(new FieldProblem("end", "the window may last at most " + maxDuration
                    + " (ops.availability.windows.manual-max-duration); plan longer work as several windows"));
        }
    }

    private static void editable(MaintenanceWindowSource source) {
        if (source != MaintenanceWindowSource.MANUAL) {
            throw conflict("source", "a " + source + " window belongs to its update: plan it through the update");
        }
    }

    private static ConflictException conflict(String field, String message) {
        return new ConflictException("The maintenance window cannot change: " + message,
                List.of(new FieldProblem(field, message)));
    }
}
