package fr.progerance.ops.calendar;

/**
 * The rule ids of {@code contract/RULES.md} that {@link SlaDeadlines} answers with, so that
 * processes, tests and reports compare ids without string literals.
 */
public final class SlaRule {

    /** PROGERANCE level 1: 10 min / 30 min intervention, restoration 30 min later, continuous. */
    public static final String PROGERANCE_N1 = "R4.3-p1";
    /** PROGERANCE level 2: 1 h troubleshooting, 2 h update, in level-2 window time (RC-n2). */
    public static final String PROGERANCE_N2 = "R4.3-p2";
    /** TIERCE inside business hours: 15 min intervention, continuous; restoration best effort. */
    public static final String TIERCE_BUSINESS_HOURS = "R4.3-t1";
    /** TIERCE outside business hours: nothing guaranteed without the client's prior agreement. */
    public static final String TIERCE_OUTSIDE_BUSINESS_HOURS = "R4.3-t2";
    /** Restore within 4 business hours after the client's validation. */
    public static final String RESTORE = "R3.6-d";

    private SlaRule() {
    }
}
