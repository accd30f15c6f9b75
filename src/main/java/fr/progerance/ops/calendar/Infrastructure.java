package fr.progerance.ops.calendar;

/**
 * The two infrastructure kinds a server can run on (RD-infra). The kind decides which service
 * levels apply: R4.3-p1/R4.3-p2 for {@link #PROGERANCE}, R4.3-t1/R4.3-t2 for {@link #TIERCE}.
 */
public enum Infrastructure {

    /** Servers supplied, hosted and run by the provider (hardware, network, system). */
    PROGERANCE,

    /**
     * Servers supplied and hosted by the client or its hoster; the provider only administers the
     * system (R3.2).
     */
    TIERCE
}
