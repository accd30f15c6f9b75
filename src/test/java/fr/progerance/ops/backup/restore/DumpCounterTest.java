package fr.progerance.ops.backup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The restore drill's streaming count of a mysqldump (R3.6-d, "beyond the anchors"): tables and row
 * tuples of extended inserts, whatever the strings hold, on mysqldump/MariaDB output shapes.
 */
class DumpCounterTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = DumpCounterTest.class.getResourceAsStream("/backup/restore/" + name)) {
            return in.readAllBytes();
        }
    }

    private static DumpCounter count(byte[] dump, int chunk) {
        DumpCounter counter = new DumpCounter();
        for (int i = 0; i < dump.length; i += chunk) {
            counter.write(dump, i, Math.min(chunk, dump.length - i));
        }
        return counter;
    }

    @ParameterizedTest(name = "written {0} byte(s) at a time")
    @ValueSource(ints = {1, 2, 3, 7, 64, 1 << 20})
    @DisplayName("R3.6-d drill: quotes, backslash escapes, doubled quotes, parentheses, semicolons and comment markers inside strings never count; views are no tables; the chunk size changes nothing")
    void trickyDump(int chunk) throws IOException {
        byte[] dump = fixture("tricky.sql");
        DumpCounter counter = count(dump, chunk);
        assertThat(counter.rows()).containsExactly(Map.entry("ps_orders", 6L), Map.entry("ps_weird`name", 2L),
                Map.entry("ps_empty", 0L));
        assertThat(counter.tables()).containsExactly("ps_orders", "ps_weird`name", "ps_empty");
        assertThat(counter.totalRows()).isEqualTo(8);
        assertThat(counter.completed()).isTrue();
        assertThat(counter.switchesDatabase()).isFalse();
        assertThat(counter.bytes()).isEqualTo(dump.length);
    }

    @Test
    @DisplayName("DESIGN rule 13: a dump cut anywhere before its 'Dump completed' line is not complete")
    void truncated() throws IOException {
        byte[] dump = fixture("tricky.sql");
        String text = new String(dump, StandardCharsets.UTF_8);
        int cut = text.indexOf("(3,'UOYEVOLI'");
        DumpCounter counter = count(text.substring(0, cut + 20).getBytes(StandardCharsets.UTF_8), 5);
        assertThat(counter.completed()).isFalse();
        assertThat(counter.rows().get("ps_orders")).isEqualTo(3);
        DumpCounter noLastLine = count(text.substring(0, text.indexOf("-- Dump completed")).getBytes(StandardCharsets.UTF_8), 9);
        assertThat(noLastLine.completed()).isFalse();
    }

    @Test
    @DisplayName("R3.6-d drill: mysqldump --databases output (CREATE DATABASE, USE) would leave the scratch database: flagged")
    void switchesDatabase() {
        String dump = "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `prestashop` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;\n"
                + "\nUSE `prestashop`;\nCREATE TABLE `t` (`a` int);\nINSERT INTO `t` VALUES (1);\n-- Dump completed on x\n";
        DumpCounter counter = count(dump.getBytes(StandardCharsets.UTF_8), 4);
        assertThat(counter.switchesDatabase()).isTrue();
        assertThat(counter.rows()).containsExactly(Map.entry("t", 1L));
    }

    @Test
    @DisplayName("Other insert shapes: --complete-insert column lists, INSERT IGNORE, REPLACE, lower case, one tuple per statement, '#' comments")
    void otherShapes() {
        String dump = "# a hash comment with 'quote\n"
                + "CREATE TABLE IF NOT EXISTS shop.`t` (`a` int, `b` varchar(5));\n"
                + "INSERT INTO `t` (`a`, `b`) VALUES (1,'x'),(2,'(y)');\n"
                + "insert ignore into `t` values (3,'z');\n"
                + "REPLACE INTO `t` VALUES (4,'w'), (5, 'v');\n"
                + "INSERT INTO `t` VALUES (6,'it''s');\n"
                + "-- Dump completed on 2026-03-12\n";
        DumpCounter counter = count(dump.getBytes(StandardCharsets.UTF_8), 3);
        assertThat(counter.rows()).containsExactly(Map.entry("t", 6L));
        assertThat(counter.completed()).isTrue();
    }

    @Test
    @DisplayName("The drill compares the dump with SELECT COUNT(*) per table: matched, or what differs")
    void compare() throws IOException {
        DumpCounter counter = count(fixture("tricky.sql"), 4096);
        assertThat(RestoreDrills.compare(counter, Map.of("ps_orders", 6L, "ps_weird`name", 2L, "ps_empty", 0L)))
                .isNull();
        assertThat(RestoreDrills.compare(counter, Map.of("ps_orders", 5L, "ps_empty", 0L, "ps_extra", 1L)))
                .contains("table ps_orders: 6 row(s) in the dump, 5 loaded")
                .contains("table ps_weird`name missing after the load")
                .contains("table ps_extra loaded but not in the dump");
    }
}
