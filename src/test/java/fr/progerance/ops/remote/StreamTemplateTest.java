package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The streamed command templates without any server: exact command lines and argument validation. */
@DisplayName("Streamed commands are templates, not strings (DESIGN rule 8, R3.6-b, R3.6-d)")
class StreamTemplateTest {

    @Test
    @DisplayName("R3.6-b/R3.6-d each template produces exactly its documented command line")
    void exactCommandLines() {
        assertThat(StreamTemplate.DUMP_DATABASE.commandLine("prestashop_1")).isEqualTo("mysqldump --single-transaction"
                + " --quick --routines --triggers --events --no-tablespaces --hex-blob --default-character-set=utf8mb4"
                + " -- 'prestashop_1'");
        assertThat(StreamTemplate.ARCHIVE_DIRECTORY.commandLine("/var/www/shop")).isEqualTo(
                "sudo -n tar --create --file=- --numeric-owner --directory '/var/www/shop' .");
        assertThat(StreamTemplate.ARCHIVE_SERVER.commandLine("/")).startsWith(
                "sudo -n tar --create --file=- --numeric-owner --one-file-system --exclude=./proc --exclude=./sys"
                        + " --exclude=./dev --exclude=./run --exclude=./tmp --exclude=./var/tmp")
                .endsWith(" --directory '/' .");
        assertThat(StreamTemplate.LOAD_DATABASE.commandLine("restore_1")).isEqualTo(
                "mysql --batch --default-character-set=utf8mb4 -- 'restore_1'");
        assertThat(StreamTemplate.EXTRACT_ARCHIVE.commandLine("/srv/restore")).isEqualTo(
                "sudo -n tar --extract --file=- --numeric-owner --preserve-permissions --directory '/srv/restore'");
        assertThat(CommandTemplate.CHECK_TABLES.commandLine("prestashop_1"))
                .isEqualTo("mysqlcheck --fast -- 'prestashop_1'");
    }

    @Test
    @DisplayName("backups stream the command's output, restores its input")
    void directions() {
        assertThat(StreamTemplate.DUMP_DATABASE.streamsOut()).isTrue();
        assertThat(StreamTemplate.ARCHIVE_DIRECTORY.streamsOut()).isTrue();
        assertThat(StreamTemplate.ARCHIVE_SERVER.streamsOut()).isTrue();
        assertThat(StreamTemplate.LOAD_DATABASE.streamsOut()).isFalse();
        assertThat(StreamTemplate.EXTRACT_ARCHIVE.streamsOut()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StreamTemplate.class)
    @DisplayName("the fixed words of every template hold no shell syntax")
    void fixedWordsArePlain(StreamTemplate template) {
        String value = template.parameter() == CommandTemplate.Parameter.ABSOLUTE_PATH ? "/x" : "x";
        String line = template.commandLine(value);
        String fixed = line.replace(" '" + value + "'", "");

        assertThat(fixed).matches(StreamTemplate.FIXED_WORDS);
        assertThat(line).doesNotContain(";", "&", "|", "$", "`", ">", "<", "\n", "\"", "\\", "*", "?", "(", "~");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"prestashop", "ps_shop_1", "A", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "123"})
    @DisplayName("database names of letters, digits and _ are accepted")
    void databaseNamesAccepted(String name) {
        assertThat(StreamTemplate.DUMP_DATABASE.commandLine(name)).endsWith("-- '" + name + "'");
        assertThat(StreamTemplate.LOAD_DATABASE.commandLine(name)).endsWith("-- '" + name + "'");
        assertThat(CommandTemplate.CHECK_TABLES.commandLine(name)).endsWith("-- '" + name + "'");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "shop db", "shop;rm", "shop'x", "shop\"x", "shop\nx", "-shop", "--all-databases",
        "shop-1", "shop.db", "shop/x", "$(id)", "`id`", "mysql", "MySQL", "information_schema", "performance_schema",
        "sys", "é"})
    @DisplayName("DESIGN rule 8: odd or system database names are refused")
    void databaseNamesRefused(String name) {
        assertThatThrownBy(() -> StreamTemplate.DUMP_DATABASE.commandLine(name))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DUMP_DATABASE argument 1");
        assertThatThrownBy(() -> StreamTemplate.LOAD_DATABASE.commandLine(name))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandTemplate.CHECK_TABLES.commandLine(name))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a database name has at most 64 characters")
    void databaseNameLength() {
        assertThatThrownBy(() -> StreamTemplate.DUMP_DATABASE.commandLine("a".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/", "/var/www/shop", "/home/client_1/public_html", "/srv/shop.example.fr",
        "/var/www/v1.7.8@prod", "/a/b+c/-d", "/.well-known", "/var/www/..shop"})
    @DisplayName("absolute paths are accepted")
    void pathsAccepted(String path) {
        assertThat(StreamTemplate.ARCHIVE_DIRECTORY.commandLine(path)).contains("'" + path + "'");
        assertThat(StreamTemplate.EXTRACT_ARCHIVE.commandLine(path)).endsWith("'" + path + "'");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "var/www", "./www", "-C", "--to-command=sh", "/var/www/../../etc", "/var/..",
        "/var/./www", "/.", "/..", "//var", "/var/www/", "/var/www shop", "/var/'www", "/var/\"www", "/var/;rm",
        "/var/www\n", "/var/$(id)", "/var/*", "/var/~", "/var/wẃw", "/var\\www"})
    @DisplayName("DESIGN rule 8: relative paths, .., quotes, spaces, ;, newlines, leading - are refused")
    void pathsRefused(String path) {
        for (StreamTemplate template : new StreamTemplate[] {StreamTemplate.ARCHIVE_DIRECTORY,
            StreamTemplate.ARCHIVE_SERVER, StreamTemplate.EXTRACT_ARCHIVE}) {
            assertThatThrownBy(() -> template.commandLine(path)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("absolute directory path");
        }
    }

    @Test
    @DisplayName("a path has at most 1024 characters; exactly one argument is taken")
    void pathLengthAndArity() {
        String longest = "/" + "a".repeat(1023);
        assertThat(StreamTemplate.ARCHIVE_DIRECTORY.commandLine(longest)).contains(longest);
        assertThatThrownBy(() -> StreamTemplate.ARCHIVE_DIRECTORY.commandLine(longest + "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(1025 characters)");
        assertThatThrownBy(() -> StreamTemplate.DUMP_DATABASE.commandLine())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 1 argument");
        assertThatThrownBy(() -> StreamTemplate.DUMP_DATABASE.commandLine("a", "b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamTemplate.DUMP_DATABASE.commandLine((String) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got null");
    }
}
