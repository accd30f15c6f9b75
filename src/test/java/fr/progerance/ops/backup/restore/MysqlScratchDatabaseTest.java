package fr.progerance.ops.backup.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.MariaDbServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The restore drill's scratch database (R3.6-d: backups are proved to restore) against the real
 * MariaDB of the tests (DESIGN rule 10): the real {@code mysql} client with the option file of
 * {@code ops.backup.drill.defaults-file}, fed a real {@code mysqldump} of the PrestaShop-like
 * fixture. Nothing outside the scratch prefix is ever created, loaded, counted or dropped.
 */
@DisplayName("MysqlScratchDatabase on a real MariaDB (R3.6-d restore drill)")
class MysqlScratchDatabaseTest {

    @RegisterExtension
    static final MariaDbServer MARIADB = MariaDbServer.shared();

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final String SOURCE = "scratch_test_source";
    private static byte[] dump;

    private MysqlScratchDatabase scratch;
    private String name;

    @BeforeAll
    static void dumpTheFixture() throws Exception {
        MARIADB.start();
        MARIADB.createDatabase(SOURCE);
        MARIADB.loadPrestaShopFixture(SOURCE);
        Process p = new ProcessBuilder("mysqldump", "--defaults-file=" + MARIADB.clientConfig(), "--single-transaction",
                "--quick", "--routines", "--triggers", "--events", "--default-character-set=utf8mb4", SOURCE)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream in = p.getInputStream()) {
            dump = in.readAllBytes();
        }
        assertThat(p.waitFor()).as("mysqldump exit status").isZero();
        assertThat(new String(dump, StandardCharsets.UTF_8)).contains("-- Dump completed");
    }

    @BeforeEach
    void setUp() {
        RestoreDrillSettings settings = new RestoreDrillSettings();
        settings.setDefaultsFile(MARIADB.clientConfig());
        scratch = new MysqlScratchDatabase(settings);
        name = settings.scratchDatabase(SEQUENCE.incrementAndGet());
    }

    @Test
    @DisplayName("R3.6-d: recreate, load a real mysqldump, count every table's rows as the source has them, drop")
    void recreateLoadCountDrop() throws IOException {
        scratch.recreate(name);
        assertThat(scratch.countRows(name)).as("a fresh scratch database is empty").isEmpty();

        try (ScratchDatabase.Load load = scratch.load(name)) {
            load.write(dump);
        }

        Map<String, Long> source = baseTables(MARIADB.rowCounts(SOURCE));
        assertThat(scratch.countRows(name)).isEqualTo(source).containsEntry("ps_orders", 5000L)
                .containsEntry("ps_customer", 2000L).containsEntry("ps_product", 1500L)
                .containsEntry("ps_configuration", 300L);
        assertThat(baseTables(MARIADB.tableChecksums(name))).as("CHECKSUM TABLE of the loaded copy")
                .isEqualTo(baseTables(MARIADB.tableChecksums(SOURCE)));

        scratch.drop(name);
        assertThat(schemata()).doesNotContain(name);
        scratch.drop(name); // dropping what is gone is no error
    }

    @Test
    @DisplayName("R3.6-d: recreate empties what a crashed earlier drill left")
    void recreateEmptiesALeftover() throws IOException {
        scratch.recreate(name);
        try (ScratchDatabase.Load load = scratch.load(name)) {
            load.write(dump);
        }
        scratch.recreate(name);
        assertThat(scratch.countRows(name)).isEmpty();
        scratch.drop(name);
    }

    @Test
    @DisplayName("DESIGN rule 13: a load that mysql rejects fails with its exit status and error line")
    void rejectedLoadFails() {
        scratch.recreate(name);
        ScratchDatabase.Load load = scratch.load(name);
        assertThatThrownBy(() -> {
            load.write("CREATE TABLE t (x INT);\nINSERT INTO nowhere VALUES (1);\n".getBytes(StandardCharsets.UTF_8));
            load.close();
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("load into " + name)
                .hasMessageContaining("mysql exited with status 1").hasMessageContaining("nowhere");
        scratch.drop(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {SOURCE, "prestashop", "ops_drill", "OPS_DRILL_1", "x_ops_drill_1",
            "ops_drill_1`; DROP DATABASE x; --", "ops_drill_1 ", "mysql", ""})
    @DisplayName("A name outside the scratch prefix is refused before it reaches SQL; the database stays")
    void namesOutsideThePrefixAreRefused(String outside) {
        assertThatThrownBy(() -> scratch.recreate(outside)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a scratch database name");
        assertThatThrownBy(() -> scratch.drop(outside)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scratch.countRows(outside)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scratch.load(outside)).isInstanceOf(IllegalArgumentException.class);
        assertThat(schemata()).contains(SOURCE);
        assertThat(MARIADB.rowCounts(SOURCE)).containsEntry("ps_orders", 5000L);
    }

    private static List<String> schemata() {
        return MARIADB.query(null, "SELECT schema_name FROM information_schema.schemata");
    }

    /** The fixture's view is not a table: the scratch counts base tables only. */
    private static <V> Map<String, V> baseTables(Map<String, V> all) {
        List<String> views = MARIADB.query(null, "SELECT table_name FROM information_schema.views WHERE table_schema = '"
                + SOURCE + "'");
        Map<String, V> tables = new LinkedHashMap<>(all);
        tables.keySet().removeAll(views);
        return tables;
    }
}
