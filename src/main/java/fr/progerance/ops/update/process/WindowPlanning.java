package fr.progerance.ops.update.process;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.DateTimeParameters;
import fr.progerance.ops.calendar.SupportedDates;
import fr.progerance.ops.calendar.WorkingCalendar;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.process.UpdateContexts.UpdateContext;
import fr.progerance.ops.update.process.WindowRules.Window;
import fr.progerance.ops.web.Excerpt;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.TextRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The window planning task of {@code MinorUpdate} and {@code MajorUpdate}: reads what ops entered
 * (ISO-8601 date-times with offset, as Tasklist's datetime fields send them; a local date-time is read
 * in Europe/Paris), judges it with {@link WindowRules} against the update record (a minor update's
 * due date, R4.0-b, and its server's infrastructure, R4.3-p2), and records it on the update
 * ({@link Updates#schedule}) in the name of the person who completed the task (DESIGN rule 11).
 */
@Component
public class WindowPlanning {

    private final UpdateContexts contexts;
    private final Updates updates;
    private final ContractClock clock;
    private final WorkingCalendar calendar;

    public WindowPlanning(UpdateContexts contexts, Updates updates, ContractClock clock, WorkingCalendar calendar) {
        this.contexts = contexts;
        this.updates = updates;
        this.clock = clock;
        this.calendar = calendar;
    }

    /** A refused window, with the message for the form (Tasklist shows it, the REST API answers 400). */
    public static class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * The window of the completion {@code values} for update {@code updateId}, checked.
     *
     * @throws Refused naming what is wrong
     */
    public Window check(long updateId, Function<String, Object> values) {
        UpdateContext ctx = contexts.of(updateId);
        UpdateView u = ctx.update();
        if (u.status().finished() || u.status() == UpdateStatus.RUNNING || u.status() == UpdateStatus.FAILED) {
            throw new Refused("Update " + updateId + " is " + u.status() + ": its window can no longer be planned");
        }
        Window window = new Window(instant(values, UpdateVariables.WINDOW_START),
                instant(values, UpdateVariables.WINDOW_END));
        Object late = values.apply(UpdateVariables.LATE_WINDOW_REASON);
        String lateReason = late == null || late.toString().isBlank() ? null : late.toString().strip();
        if (lateReason != null) {
            TextRules.problem(lateReason, true, 500).ifPresent(p -> {
                throw new Refused(UpdateVariables.LATE_WINDOW_REASON + " " + p);
            });
        }
        // R4.3-p2 and R4.0-b bind the minor updates of the contract (level 2); a major update is
        // specific work on quote (R4.0-c, R4.1 level 3): its window is the one agreed with the client.
        boolean minor = u.kind().includedInContract();
        WindowRules.problem(window, clock.instant(), minor ? u.dueAt() : null,
                minor ? ctx.server().infrastructure() : null, calendar.n2(), lateReason).ifPresent(p -> {
                    throw new Refused(p);
                });
        return window;
    }

    /**
     * Checks the window again and records it on the update (SCHEDULED), by {@code user}.
     *
     * @throws Refused when it is no longer acceptable
     */
    public UpdateView record(long updateId, Function<String, Object> values, String user) {
        Window window = check(updateId, values);
        return updates.schedule(updateId, window.start(), window.end(), user);
    }

    private Instant instant(Function<String, Object> values, String name) {
        Object v = values.apply(name);
        if (v == null || v.toString().isBlank()) {
            throw new Refused("Enter the window (" + name + ")");
        }
        Instant instant;
        if (v instanceof Date date) {
            instant = date.toInstant();
        } else {
            String text = v.toString().strip();
            try {
                instant = DateTimeParameters.offsetDateTime(name, text).toInstant();
            } catch (InvalidInputException withoutOffset) {
                try {
                    instant = LocalDateTime.parse(text).atZone(clock.zone()).toInstant();
                } catch (DateTimeParseException e) {
                    throw new Refused(name + " " + Excerpt.quoted(text)
                            + " is not a date-time such as 2026-04-07T09:00+02:00");
                }
            }
        }
        SupportedDates.problem(instant, clock.zone()).ifPresent(p -> {
            throw new Refused(name + " " + p);
        });
        return instant;
    }
}
