package fr.progerance.ops.backup.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.MariaDbServer;
import fr.progerance.ops.remote.EmbeddedSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * R3.6-d "the restored database has its tables": {@code mysqlcheck --fast} run over real SSH (pinned
 * host key) on a server whose {@code ~/.my.cnf} reaches the real MariaDB of the tests (DESIGN rule 10).
 */
@DisplayName("SshRestoredDatabaseCheck over real SSH against a real MariaDB (R3.6-d)")
class SshRestoredDatabaseCheckTest {

    @RegisterExtension
    static final MariaDbServer MARIADB = MariaDbServer.shared();

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    private static final String SHOP = "dbcheck_test_shop";
    private static final String EMPTY = "dbcheck_test_empty";

    @TempDir
    static Path dir;

    @BeforeAll
    static void peers() throws IOException {
        MARIADB.start();
        Path home = Files.createDirectories(dir.resolve("home"));
        MARIADB.writeClientConfig(home.resolve(".my.cnf"));
        SSH.start().environment("HOME", home.toString());
        MARIADB.createDatabase(SHOP);
        MARIADB.loadPrestaShopFixture(SHOP);
        MARIADB.createDatabase(EMPTY);
    }

    private static RestoredDatabaseCheck check() {
        return new SshRestoredDatabaseCheck(SSH.executor());
    }

    @Test
    @DisplayName("R3.6-d: the fixture's tables are counted, one per table that mysqlcheck reports")
    void countsTheFixturesTables() {
        int expected = MARIADB.query(null, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                + SHOP + "' AND table_type = 'BASE TABLE'").stream().mapToInt(Integer::parseInt).sum();

        assertThat(check().tableCount(SSH.target(), SHOP)).isEqualTo(expected).isEqualTo(4);
        assertThat(SSH.executedCommands()).containsExactly("mysqlcheck --fast -- '" + SHOP + "'");
    }

    @Test
    @DisplayName("R3.6-d: an empty database has no table (the restore check calls that unhealthy)")
    void emptyDatabaseHasNoTable() {
        assertThat(check().tableCount(SSH.target(), EMPTY)).isZero();
    }

    @Test
    @DisplayName("DESIGN rule 13: an unknown database is a readable failure with mysqlcheck's status and error")
    void unknownDatabaseIsAReadableFailure() {
        MARIADB.dropDatabase("dbcheck_test_missing");

        assertThatThrownBy(() -> check().tableCount(SSH.target(), "dbcheck_test_missing"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Checking the tables of database dbcheck_test_missing on 127.0.0.1 failed")
                .hasMessageContaining("mysqlcheck exit status")
                .hasMessageContaining("Unknown database");
    }

    @Test
    @DisplayName("DESIGN rule 8: a host key that is not the pinned one fails before any command runs")
    void pinnedHostKey() {
        String other = new EmbeddedSshServer().hostKeyFingerprint();
        assertThatThrownBy(() -> check().tableCount(SSH.targetPinning(other), SHOP))
                .hasMessageContaining("host key");
        assertThat(SSH.executedCommands()).isEmpty();
    }
}
