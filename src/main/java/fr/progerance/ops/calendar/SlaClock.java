package fr.progerance.ops.calendar;

/**
 * How an SLA clock runs, which matters when it is suspended (R9, force majeure) and resumed.
 */
public enum SlaClock {

    /** Runs all the time from its start (R4.3-p1, R4.3-t1). */
    CONTINUOUS,

    /** Runs only inside business hours (RC-business; R3.6-d). */
    BUSINESS_HOURS,

    /** Runs only inside the level-2 window (RC-n2; R4.3-p2). */
    LEVEL_2_WINDOW
}
