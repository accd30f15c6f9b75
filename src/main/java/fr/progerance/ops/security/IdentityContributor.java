package fr.progerance.ops.security;

/**
 * Adds identities after the baseline (groups, authorizations, administrator) exists; the demo
 * profile uses it for its documented logins.
 */
public interface IdentityContributor {

    void contribute(IdentityBootstrap identities);
}
