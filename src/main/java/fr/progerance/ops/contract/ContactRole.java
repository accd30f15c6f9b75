package fr.progerance.ops.contract;

/** What a client's contact is for. */
public enum ContactRole {
    /** The client's main contact; at most one per client. Activation needs one (see {@link ActivationRules}). */
    PRIMARY,
    /** Tried in their {@code secondaryOrder} when the primary contact is unreachable (R4.3-t5). */
    SECONDARY,
    /** Reachable 24/7 during a major incident (R4.3-t4, R4.3-t3). Needs a phone number. */
    ON_CALL,
    /** Receives invoices (R7.2). */
    BILLING,
    /** The emergency contact of the client's hoster, for TIERCE infrastructure (R6.8-a, R3.2). Needs a phone number. */
    HOSTER_EMERGENCY;

    /** Roles whose contact must be reachable by phone, at any hour. */
    public boolean needsPhone() {
        return this == ON_CALL || this == HOSTER_EMERGENCY;
    }

    /** Roles whose contact receives written messages (requests, validations, invoices) and so needs an email. */
    public boolean needsEmail() {
        return this == PRIMARY || this == SECONDARY || this == BILLING;
    }
}
