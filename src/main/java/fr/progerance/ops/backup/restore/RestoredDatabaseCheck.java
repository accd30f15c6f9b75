package fr.progerance.ops.backup.restore;

import fr.progerance.ops.remote.SshTarget;

/**
 * The port that checks a restored shop's database on its server (R3.6-d: "the database has its
 * tables"). Its SSH implementation (a {@code CommandTemplate} counting the tables of the database
 * through {@code mysql} on the server) is another engineer's work in {@code remote}, wired at merge;
 * flow tests use a fake.
 */
public interface RestoredDatabaseCheck {

    /**
     * How many tables the database {@code database} has on {@code server}.
     *
     * @throws RuntimeException when the count could not be read (SSH, mysql): retried, then an incident
     */
    int tableCount(SshTarget server, String database);
}
