package fr.progerance.ops.update.process;

import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.calendar.WorkingWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes a maintenance window for an update acceptable (pure rules, no engine): R4.3-p2 and
 * RC-n2 for PROGERANCE servers, R4.0-b for the due date of a minor update. The level-2 window itself
 * (7h-18h on business days, Europe/Paris, public holidays excluded) is {@code calendar/}'s.
 */
public final class WindowRules {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private WindowRules() {
    }

    /**
     * A window as ops entered it.
     *
     * @param start first instant of the window
     * @param end end of the window (exclusive)
     */
    public record Window(Instant start, Instant end) {
        public Window {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }
    }

    /**
     * Why {@code window} is refused, or empty when it is acceptable.
     *
     * @param now the application clock's instant
     * @param dueAt R4.0-b: the minor update's due date, or null (major update: none)
     * @param infrastructure the server's: PROGERANCE windows lie inside {@code n2} (R4.3-p2)
     * @param n2 RC-n2, the level-2 window
     * @param lateReason what ops wrote to explain a window ending after the due date, or null
     */
    public static Optional<String> problem(Window window, Instant now, Instant dueAt, Infrastructure infrastructure,
            WorkingWindow n2, String lateReason) {
        ZoneId zone = n2.zone();
        if (!window.start().isAfter(now)) {
            return Optional.of("The window must start in the future: " + shown(window.start(), zone) + " is not after "
                    + shown(now, zone) + " (Europe/Paris)");
        }
        if (!window.end().isAfter(window.start())) {
            return Optional.of("The window must end after it starts: " + shown(window.end(), zone) + " is not after "
                    + shown(window.start(), zone));
        }
        if (infrastructure == Infrastructure.PROGERANCE && !insideOneLevel2Period(window, n2)) {
            return Optional.of("R4.3-p2: on a PROGERANCE server an update runs inside the level-2 window, " + n2
                    + "; " + shown(window.start(), zone) + " - " + shown(window.end(), zone)
                    + " is not inside one such period (same business day, from its opening to its closing at the latest)");
        }
        if (dueAt != null && window.end().isAfter(dueAt) && (lateReason == null || lateReason.isBlank())) {
            return Optional.of("R4.0-b: the window ends after the update's due date " + shown(dueAt, zone)
                    + ": plan it earlier, or say in '" + UpdateVariables.LATE_WINDOW_REASON + "' why it cannot be");
        }
        return Optional.empty();
    }

    /** R4.3-p2: the whole window inside one opening of the level-2 window. */
    static boolean insideOneLevel2Period(Window window, WorkingWindow n2) {
        Duration length = Duration.between(window.start(), window.end());
        if (length.compareTo(Duration.ofDays(1)) > 0 || !n2.contains(window.start())) {
            return false;
        }
        return n2.workingTimeBetween(window.start(), window.end()).equals(length);
    }

    static String shown(Instant instant, ZoneId zone) {
        return SHOWN.format(instant.atZone(zone));
    }
}
