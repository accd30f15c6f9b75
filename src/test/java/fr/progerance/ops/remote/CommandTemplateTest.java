package fr.progerance.ops.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command templates without any server: exact command lines and argument validation. */
@DisplayName("Remote commands are templates, not strings (DESIGN rule 8)")
class CommandTemplateTest {

    @Test
    @DisplayName("each template produces exactly its documented command line")
    void exactCommandLines() {
        assertThat(CommandTemplate.UPTIME.commandLine()).isEqualTo("cat /proc/uptime");
        assertThat(CommandTemplate.LOAD_AVERAGE.commandLine()).isEqualTo("cat /proc/loadavg");
        assertThat(CommandTemplate.DISK_USAGE.commandLine()).isEqualTo("df -P -k");
        assertThat(CommandTemplate.FAILED_SERVICES.commandLine()).isEqualTo("systemctl --failed --no-legend --plain");
        assertThat(CommandTemplate.RESTART_SERVICE.commandLine("nginx.service"))
                .isEqualTo("sudo -n systemctl restart -- 'nginx.service'");
        assertThat(CommandTemplate.REBOOT.commandLine()).isEqualTo("sudo -n systemctl reboot");
        assertThat(CommandTemplate.SERVICE_STATUS.commandLine("php8.2-fpm"))
                .isEqualTo("systemctl is-active -- 'php8.2-fpm'");
        assertThat(CommandTemplate.CHECK_TABLES.commandLine("shop_db")).isEqualTo("mysqlcheck --fast -- 'shop_db'");
    }

    @Test
    @DisplayName("R7.3, R8.2: the suspension, reactivation and deletion templates produce exactly their command lines")
    void billingCommandLines() {
        assertThat(CommandTemplate.DISABLE_SERVICE.commandLine("nginx.service"))
                .isEqualTo("sudo -n systemctl disable --now -- 'nginx.service'");
        assertThat(CommandTemplate.ENABLE_SERVICE.commandLine("php8.2-fpm.service"))
                .isEqualTo("sudo -n systemctl enable --now -- 'php8.2-fpm.service'");
        assertThat(CommandTemplate.SET_MAINTENANCE_FLAG.commandLine("/var/www/shop/.ops-maintenance"))
                .isEqualTo("sudo -n touch -- '/var/www/shop/.ops-maintenance'");
        assertThat(CommandTemplate.CLEAR_MAINTENANCE_FLAG.commandLine("/var/www/shop/.ops-maintenance"))
                .isEqualTo("sudo -n rm -f -- '/var/www/shop/.ops-maintenance'");
        assertThat(CommandTemplate.DATABASE_EXISTS.commandLine("shop_db")).isEqualTo("mysql --batch -- 'shop_db'");
        assertThat(CommandTemplate.DROP_DATABASE.commandLine("shop_db"))
                .isEqualTo("mysqladmin --force drop -- 'shop_db'");
        assertThat(CommandTemplate.REMOVE_SHOP_DIRECTORY.commandLine("/var/www/clients/c12/prestashop"))
                .isEqualTo("sudo -n rm -rf --one-file-system -- '/var/www/clients/c12/prestashop'");
    }

    @Test
    @DisplayName("R8.2: the server's own schemas are never dropped")
    void systemSchemasNeverDropped() {
        for (String schema : new String[] {"mysql", "MySQL", "information_schema", "performance_schema", "sys"}) {
            assertThatThrownBy(() -> CommandTemplate.DROP_DATABASE.commandLine(schema))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("DROP_DATABASE argument 1 (database name) must match");
        }
        assertThatThrownBy(() -> CommandTemplate.DROP_DATABASE.commandLine("shop; DROP DATABASE mysql"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandTemplate.DROP_DATABASE.commandLine("--help"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/var/www/shop", "/var/www/html", "/var/www/clients/c12/prestashop_1.7",
        "/home/client/www", "/home/client/public_html/shop", "/srv/shop", "/srv/www/shop", "/opt/prestashop",
        "/data/www/shop-1", "/tmp/junit42/www/shop", "/var/www/a..b", "/mnt/data/www/shop", "/var/www/_x"})
    @DisplayName("R8.2: a shop directory of two names or more, outside the system trees, is accepted and single-quoted")
    void shopDirectoryAccepted(String directory) {
        assertThat(CommandTemplate.REMOVE_SHOP_DIRECTORY.commandLine(directory))
                .isEqualTo("sudo -n rm -rf --one-file-system -- '" + directory + "'");
        assertThat(CommandTemplate.Parameter.SHOP_DIRECTORY.accepts(directory)).isTrue();
        assertThat(CommandTemplate.SET_MAINTENANCE_FLAG.commandLine(directory + "/.ops-maintenance"))
                .isEqualTo("sudo -n touch -- '" + directory + "/.ops-maintenance'");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        // the root, a single name, system directories themselves
        "/", "/var", "/home", "/tmp", "/opt", "/srv", "/etc", "/usr", "/root", "/boot", "/bin", "/sbin", "/lib",
        "/lib64", "/data", "/var/www", "/var/lib", "/var/tmp", "/var/log", "/var/cache", "/var/opt", "/var/run",
        "/srv/www", "/usr/local", "/usr/share", "/home/client", "/home/www-data", "/mnt/data", "/media/usb",
        // anything under the system trees
        "/etc/nginx", "/etc/nginx/sites-enabled", "/usr/share/nginx/html/shop", "/usr/local/www/shop",
        "/root/shop", "/var/lib/mysql", "/var/lib/mysql/shop_db", "/var/log/nginx", "/var/backups/x",
        "/boot/grub", "/proc/1", "/sys/fs", "/dev/shm/x", "/run/shop", "/bin/x", "/lib/x",
        // not a clean absolute path
        "var/www/shop", "./shop", "shop", "~/shop", "~root/x", "//var/www/shop", "/var//www/shop", "/var/www/shop/",
        "/var/www/./shop", "/var/www/../etc", "/var/www/shop/..", "/var/www/shop/.", "/var/www/.hidden",
        "/var/www/shop/.git", "/var/www/-rf", "/var/www/sh op", " /var/www/shop", "/var/www/shop\n",
        "/var/www/shop\u0000", "/var/www/$(id)", "/var/www/`id`", "/var/www/*", "/var/www/sh?p", "/var/www/shop;id",
        "/var/www/shop'", "/var/www/sh\"op", "/var/www/shop\\x", "/var/www/caf\u00e9", "/var/www/a,b",
        "/var/www/{a,b}", ""})
    @DisplayName("R8.2: the root, single names, system directories, dot names and anything not a clean absolute path are refused")
    void shopDirectoryRefused(String directory) {
        String value = directory;
        assertThat(CommandTemplate.Parameter.SHOP_DIRECTORY.accepts(value)).as(value).isFalse();
        assertThatThrownBy(() -> CommandTemplate.REMOVE_SHOP_DIRECTORY.commandLine(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("REMOVE_SHOP_DIRECTORY argument 1 (shop directory) must match")
                .hasMessageNotContaining("\n");
        assertThat(CommandTemplate.Parameter.MAINTENANCE_FLAG.accepts(value + "/.ops-maintenance")).as(value).isFalse();
    }

    @Test
    @DisplayName("R8.2: a shop directory has at most 255 characters, the register's install path")
    void shopDirectoryLength() {
        String longest = "/var/www/" + "a".repeat(246);
        assertThat(longest).hasSize(255);
        assertThat(CommandTemplate.Parameter.SHOP_DIRECTORY.accepts(longest)).isTrue();
        assertThat(CommandTemplate.Parameter.SHOP_DIRECTORY.accepts(longest + "a")).isFalse();
        assertThat(CommandTemplate.Parameter.SHOP_DIRECTORY.accepts(null)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/var/www/shop/.ops-maintenance", "/var/www/shop/.maintenance",
        "/home/client/www/.shop-maintenance-mode", "/srv/shop/.ops-maintenance"})
    @DisplayName("R7.3: a maintenance flag is a hidden file named like a maintenance flag in a shop directory")
    void maintenanceFlagAccepted(String flag) {
        assertThat(CommandTemplate.CLEAR_MAINTENANCE_FLAG.commandLine(flag)).isEqualTo("sudo -n rm -f -- '" + flag + "'");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/var/www/shop", "/var/www/shop/", "/var/www/shop/index.php", "/var/www/shop/.htaccess",
        "/var/www/shop/maintenance", "/var/www/shop/ops-maintenance", "/var/www/shop/.ops-maintenance/x",
        "/var/www/shop/.ops-maintenance/", "/var/www/shop/config/../.ops-maintenance", "/var/www/.ops-maintenance",
        "/.ops-maintenance", "/var/.ops-maintenance", "/etc/nginx/.ops-maintenance", "/var/lib/mysql/.ops-maintenance",
        "/home/client/.ops-maintenance", "var/www/shop/.ops-maintenance", "/var/www/shop/.ops-maintenance ",
        "/var/www/shop/.ops maintenance", "/var/www/shop/*", "/var/www/shop/.ops-maintenance;id",
        "/var/www/shop/.ops-maintenance\n", ""})
    @DisplayName("R7.3: the flag templates refuse anything that is not a maintenance flag, so no other file can be removed")
    void maintenanceFlagRefused(String flag) {
        String value = flag;
        for (CommandTemplate template : new CommandTemplate[] {CommandTemplate.SET_MAINTENANCE_FLAG,
            CommandTemplate.CLEAR_MAINTENANCE_FLAG}) {
            assertThatThrownBy(() -> template.commandLine(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(template.name() + " argument 1 (maintenance flag path) must match");
        }
    }

    @Test
    @DisplayName("a template without arguments also accepts a null or empty argument array")
    void noArguments() {
        assertThat(CommandTemplate.UPTIME.commandLine((String[]) null)).isEqualTo("cat /proc/uptime");
        assertThat(CommandTemplate.UPTIME.commandLine(new String[0])).isEqualTo("cat /proc/uptime");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CommandTemplate.class)
    @DisplayName("the fixed words of every template hold no shell syntax")
    void fixedWordsArePlain(CommandTemplate template) {
        String[] args = template.parameters().stream().map(CommandTemplateTest::sample).toArray(String[]::new);
        String line = template.commandLine(args);
        String fixed = line;
        for (String arg : args) {
            fixed = fixed.replace(" '" + arg + "'", "");
        }

        assertThat(fixed).matches(CommandTemplate.FIXED_WORDS);
        assertThat(line).doesNotContain(";", "&", "|", "$", "`", ">", "<", "\n", "\"", "\\", "*", "?");
    }

    /** A valid value of each kind of argument. */
    private static String sample(CommandTemplate.Parameter parameter) {
        return switch (parameter) {
            case SYSTEMD_UNIT, DATABASE_NAME -> "x";
            case ABSOLUTE_PATH -> "/x";
            case SHOP_DIRECTORY -> "/var/www/x";
            case MAINTENANCE_FLAG -> "/var/www/x/.ops-maintenance";
        };
    }

    @Test
    @DisplayName("R4.3-t5: only the restart, the reboot and the R7.3/R8.2 suspension, reactivation and deletion templates change the server")
    void readOnly() {
        assertThat(Arrays.stream(CommandTemplate.values()).filter(t -> !t.readOnly()))
                .containsExactlyInAnyOrder(CommandTemplate.RESTART_SERVICE, CommandTemplate.REBOOT,
                        CommandTemplate.DISABLE_SERVICE, CommandTemplate.ENABLE_SERVICE,
                        CommandTemplate.SET_MAINTENANCE_FLAG, CommandTemplate.CLEAR_MAINTENANCE_FLAG,
                        CommandTemplate.DROP_DATABASE, CommandTemplate.REMOVE_SHOP_DIRECTORY);
        assertThat(Arrays.stream(CommandTemplate.values()).filter(CommandTemplate::mayDropConnection))
                .containsExactly(CommandTemplate.REBOOT);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"nginx", "nginx.service", "php8.2-fpm.service", "getty@tty1.service",
        "systemd-journald.service", "mariadb", "a", "-H", "..", "user@1000.service", "Foo_Bar"})
    @DisplayName("systemd unit names are accepted and single-quoted after --")
    void unitAccepted(String unit) {
        assertThat(CommandTemplate.RESTART_SERVICE.commandLine(unit))
                .isEqualTo("sudo -n systemctl restart -- '" + unit + "'");
        assertThat(CommandTemplate.SERVICE_STATUS.commandLine(unit)).isEqualTo("systemctl is-active -- '" + unit + "'");
    }

    @Test
    @DisplayName("a unit name may have 128 characters, not 129")
    void unitLength() {
        assertThat(CommandTemplate.SERVICE_STATUS.commandLine("a".repeat(128))).endsWith("'" + "a".repeat(128) + "'");
        assertThatThrownBy(() -> CommandTemplate.SERVICE_STATUS.commandLine("a".repeat(129)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(129 characters)");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"nginx; rm -rf /", "$(reboot)", "`reboot`", "${IFS}", "nginx' || reboot '", "'",
        "nginx\"", "nginx\nreboot", "nginx.service\n", "\nnginx", "nginx\r", "nginx\t", "nginx service", " nginx",
        "a|b", "a&b", "a>b", "a<b", "ng*nx", "ng?nx", "a/b", "a\\b", "nginx\u0000", "", "nginx\u00e9",
        "ngin\u0445", "a:b", "a,b", "a=b", "~root", "#x", "!x", "%x", "a(b)", "{a,b}", "[ab]"})
    @DisplayName("anything else is refused, naming the template and the argument")
    void injectionRefused(String unit) {
        for (CommandTemplate template : new CommandTemplate[] {CommandTemplate.RESTART_SERVICE,
            CommandTemplate.SERVICE_STATUS}) {
            assertThatThrownBy(() -> template.commandLine(unit))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(template.name() + " argument 1 (systemd unit name) must match")
                    .hasMessageContaining("[A-Za-z0-9@._-]{1,128}")
                    .hasMessageNotContaining("\n")
                    .hasMessageNotContaining("\r");
        }
    }

    @Test
    @DisplayName("the refused value is shown escaped in the message")
    void refusedValueEscaped() {
        assertThatThrownBy(() -> CommandTemplate.RESTART_SERVICE.commandLine("nginx\nreboot"))
                .hasMessageEndingWith("got \"nginx\\nreboot\"");
        assertThatThrownBy(() -> CommandTemplate.RESTART_SERVICE.commandLine("a\u0000b"))
                .hasMessageEndingWith("got \"a\\u0000b\"");
        assertThatThrownBy(() -> CommandTemplate.RESTART_SERVICE.commandLine((String) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("got null");
    }

    @Test
    @DisplayName("a wrong number of arguments is refused, naming the template")
    void arity() {
        assertThatThrownBy(() -> CommandTemplate.RESTART_SERVICE.commandLine())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RESTART_SERVICE takes 1 argument (systemd unit name), got 0");
        assertThatThrownBy(() -> CommandTemplate.RESTART_SERVICE.commandLine("nginx", "mariadb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RESTART_SERVICE takes 1 argument (systemd unit name), got 2");
        assertThatThrownBy(() -> CommandTemplate.REBOOT.commandLine("now"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("REBOOT takes 0 arguments, got 1");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"plain", "a'b", "''", "$(id)", "`id`", "a\nb", "; rm -rf /", "\\", "*", "$HOME", "\"x\""})
    @DisplayName("single quoting survives a real POSIX shell (second line of defence)")
    void singleQuotingWithRealShell(String value) throws IOException, InterruptedException {
        Process shell = new ProcessBuilder("/bin/sh", "-c", "printf %s " + CommandTemplate.singleQuoted(value))
                .redirectErrorStream(true).start();
        String printed = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).isZero();
        assertThat(printed).isEqualTo(value);
    }

    @Test
    @DisplayName("long values are shortened in messages")
    void printable() {
        assertThat(CommandTemplate.printable("x".repeat(200))).isEqualTo("\"" + "x".repeat(80) + "\" (200 characters)");
        assertThat(CommandTemplate.printable("a\"b\\c\td")).isEqualTo("\"a\\\"b\\\\c\\td\"");
    }
}
