package fr.progerance.ops.backup.restore;

import java.io.OutputStream;
import java.util.Map;

/**
 * The scratch MariaDB server on the engine's side where the restore drill loads dumps (never a
 * client's server). Names are checked by the caller against the strict prefix setting.
 */
public interface ScratchDatabase {

    /** Drops the database if it exists (a crashed earlier drill) and creates it empty. */
    void recreate(String database);

    /**
     * Starts loading SQL into {@code database}: write the dump to the returned stream, then close it;
     * {@link Load#close()} waits for the client and fails on a non-zero exit status or an error.
     */
    Load load(String database);

    /** {@code SELECT COUNT(*)} of every table of the database, by table name. */
    Map<String, Long> countRows(String database);

    /** Drops the database (if it exists). */
    void drop(String database);

    /** One load in progress. */
    abstract class Load extends OutputStream {

        /** Waits for the load to end; throws when it failed (exit status, standard error, time-out). */
        @Override
        public abstract void close();

        /** Stops the load at once (a failed stream): the client is killed, nothing is waited for. */
        public abstract void abort();
    }
}
