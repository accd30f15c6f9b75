package fr.progerance.ops.calendar;

/** What a level-2 request is about; R4.3-p2 gives each category its own delay. */
public enum IncidentCategory {

    /** Software troubleshooting: R4.3-p2, 1 h of level-2 window time by default. */
    TROUBLESHOOTING,

    /** An update: R4.3-p2, 2 h of level-2 window time by default. */
    UPDATE
}
