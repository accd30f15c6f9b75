package fr.progerance.ops.incident;

import fr.progerance.ops.calendar.Infrastructure;

/**
 * What caused the incident, as ops classify it when they take charge. It decides the routing
 * (R4.2: hardware and network incidents on TIERCE go to the hoster) and who is responsible for
 * availability and penalties later (R4.0-a, R4.4-t).
 */
public enum CauseCategory {
    SYSTEM, APPLICATION, DATABASE, HARDWARE, NETWORK, HOSTER, CLIENT_CHANGE, UNKNOWN;

    /** R4.2, R3.5: on TIERCE, hardware and network are the hoster's. */
    public boolean routesToHoster(Infrastructure infrastructure) {
        return infrastructure == Infrastructure.TIERCE && (this == HARDWARE || this == NETWORK || this == HOSTER);
    }

    /** R4.4-t: on TIERCE the provider answers only for what it controls. */
    public Responsibility responsibility(Infrastructure infrastructure) {
        if (this == CLIENT_CHANGE) {
            return Responsibility.CLIENT;
        }
        if (routesToHoster(infrastructure)) {
            return Responsibility.HOSTER;
        }
        return Responsibility.PROVIDER;
    }

    /** Who answers for an incident's downtime (availability and penalties, R4.4-p, R4.4-t). */
    public enum Responsibility {
        PROVIDER, HOSTER, CLIENT
    }
}
