package fr.progerance.ops.billing.dunning;

/** R7.6: a contest letter within the window is accepted (a managers' decision follows); otherwise refused. */
public enum ContestStatus {
    ACCEPTED,
    REFUSED
}
