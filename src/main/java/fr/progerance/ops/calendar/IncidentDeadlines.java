package fr.progerance.ops.calendar;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What the contract promises for one incident (Art. 4), as {@link SlaDeadlines} computed it.
 * Times are at the contract zone's offset of that instant (e.g. {@code +02:00} in Paris summer).
 *
 * @param guaranteed     false only when the contract guarantees no intervention time (R4.3-t2)
 * @param interventionDue intervention deadline (GTI); null when nothing is guaranteed
 * @param restorationDue restoration deadline (GTR); null when restoration is best effort (R4.3-t1)
 *                       or nothing is guaranteed (R4.3-t2)
 * @param rule           the rule id that decided (one of {@link SlaRule})
 */
public record IncidentDeadlines(boolean guaranteed, OffsetDateTime interventionDue, OffsetDateTime restorationDue,
        String rule) {

    public IncidentDeadlines {
        Objects.requireNonNull(rule, "rule");
    }

    /** The kind of clock {@link #rule} runs on, for suspensions (R9); null when nothing is guaranteed. */
    public SlaClock clock() {
        return switch (rule) {
            case SlaRule.PROGERANCE_N1, SlaRule.TIERCE_BUSINESS_HOURS -> SlaClock.CONTINUOUS;
            case SlaRule.PROGERANCE_N2 -> SlaClock.LEVEL_2_WINDOW;
            // R4.3-t2 with the client's agreement runs the R4.3-t1 time continuously; without it, nothing runs.
            case SlaRule.TIERCE_OUTSIDE_BUSINESS_HOURS -> guaranteed ? SlaClock.CONTINUOUS : null;
            default -> throw new IllegalStateException("No clock known for rule " + rule);
        };
    }
}
