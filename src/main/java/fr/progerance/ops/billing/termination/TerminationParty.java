package fr.progerance.ops.billing.termination;

/** R8.3: who sent the termination notice (registered letter). */
public enum TerminationParty {
    CLIENT,
    PROVIDER
}
