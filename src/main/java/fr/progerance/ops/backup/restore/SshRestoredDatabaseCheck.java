package fr.progerance.ops.backup.restore;

import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.RemoteExecutor;
import fr.progerance.ops.remote.SshTarget;
import org.springframework.stereotype.Component;

/**
 * R3.6-d "the database has its tables": {@code mysqlcheck --fast} of the restored database on its
 * server ({@link CommandTemplate#CHECK_TABLES}, one line per table). A non-zero exit status (no such
 * database, a table reported corrupt, no {@code ~/.my.cnf}) is a failure (DESIGN rule 13) that
 * retries, then raises an incident with mysqlcheck's first error line.
 */
@Component
class SshRestoredDatabaseCheck implements RestoredDatabaseCheck {

    private final RemoteExecutor remote;

    SshRestoredDatabaseCheck(RemoteExecutor remote) {
        this.remote = remote;
    }

    @Override
    public int tableCount(SshTarget server, String database) {
        CommandResult result = remote.run(server, CommandTemplate.CHECK_TABLES, database);
        if (!result.succeeded()) {
            String firstLine = result.stderr().lines().findFirst().orElse(result.stdout().lines().findFirst().orElse(""));
            throw new IllegalStateException("Checking the tables of database " + database + " on " + server.host()
                    + " failed (mysqlcheck exit status " + result.exitStatus() + "): "
                    + (firstLine.length() > 200 ? firstLine.substring(0, 200) + "…" : firstLine));
        }
        return tables(result.stdout(), database);
    }

    /** Table lines of {@code mysqlcheck} output ({@code db.table   OK}); other lines are notes. */
    static int tables(String output, String database) {
        String prefix = database + ".";
        return (int) output.lines().filter(line -> line.startsWith(prefix)).count();
    }
}
