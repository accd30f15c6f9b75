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
    @DisplayName("R4.2, R3.7: the monitoring templates produce exactly their command lines and read only")
    void monitoringCommandLines() {
        assertThat(CommandTemplate.PROCESS_RUNNING.commandLine("php-fpm8.2")).isEqualTo("pgrep -x -- 'php-fpm8.2'");
        assertThat(CommandTemplate.DATABASE_CONNECTIONS.commandLine()).isEqualTo("mysqladmin status");
        assertThat(CommandTemplate.PROCESS_RUNNING.readOnly()).isTrue();
        assertThat(CommandTemplate.DATABASE_CONNECTIONS.readOnly()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"-x", "php fpm", "a;b", "$(id)", "'", "", "abcdefghijklmnop", ".hidden", "a/b", "a*"})
    @DisplayName("R4.2: a process name that is an option, too long for pgrep -x, or holds shell syntax is refused")
    void processNameRefused(String name) {
        assertThatThrownBy(() -> CommandTemplate.PROCESS_RUNNING.commandLine(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PROCESS_RUNNING argument 1 (process name) must match");
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
            fixed = fixed.replace("'" + arg + "'", "");
        }

        assertThat(fixed).matches(CommandTemplate.FIXED_WORDS);
        assertThat(line).doesNotContain(";", "&", "|", "$", "`", ">", "<", "\n", "\"", "\\", "*", "?");
    }

    /** A valid value of each kind of argument. */
    private static String sample(CommandTemplate.Parameter parameter) {
        return switch (parameter) {
            case SYSTEMD_UNIT, DATABASE_NAME, PROCESS_NAME -> "x";
            case ABSOLUTE_PATH -> "/x";
            case SHOP_DIRECTORY -> "/var/www/x";
            case MAINTENANCE_FLAG -> "/var/www/x/.ops-maintenance";
            case SHOP_VERSION_FILE -> "/var/www/x/app/AppKernel.php";
            case AUTOUPGRADE_DIRECTORY -> "/var/www/x/modules/autoupgrade";
            case ADMIN_DIRECTORY -> "admin123";
            case ASSISTANT_BACKUP_NAME -> "V8.1.6_20260415-210312-5f3a9c01";
            case ASSISTANT_BACKUP_DIRECTORY -> "/var/www/x/admin123/autoupgrade/backup";
        };
    }

    @Test
    @DisplayName("R4.3-t5: only the restart, the reboot, the R7.3/R8.2 suspension, reactivation and deletion templates and the RD-ps update assistant change the server")
    void readOnly() {
        assertThat(Arrays.stream(CommandTemplate.values()).filter(t -> !t.readOnly()))
                .containsExactlyInAnyOrder(CommandTemplate.RESTART_SERVICE, CommandTemplate.REBOOT,
                        CommandTemplate.DISABLE_SERVICE, CommandTemplate.ENABLE_SERVICE,
                        CommandTemplate.SET_MAINTENANCE_FLAG, CommandTemplate.CLEAR_MAINTENANCE_FLAG,
                        CommandTemplate.DROP_DATABASE, CommandTemplate.REMOVE_SHOP_DIRECTORY,
                        CommandTemplate.ASSISTANT_BACKUP_CREATE, CommandTemplate.ASSISTANT_UPDATE_START,
                        CommandTemplate.ASSISTANT_BACKUP_RESTORE);
        assertThat(Arrays.stream(CommandTemplate.values()).filter(CommandTemplate::mayDropConnection))
                .containsExactly(CommandTemplate.REBOOT);
    }

    @Test
    @DisplayName("RD-ps: the version is read with one bounded grep of the three version files, in the C locale")
    void shopVersionLines() {
        assertThat(CommandTemplate.SHOP_VERSION_LINES.commandLine("/var/www/shop/src/Core/Version.php",
                "/var/www/shop/app/AppKernel.php", "/var/www/shop/config/settings.inc.php"))
                .isEqualTo("env LC_ALL=C grep --with-filename --binary-files=without-match --max-count=20"
                        + " --fixed-strings --regexp=VERSION -- '/var/www/shop/src/Core/Version.php'"
                        + " '/var/www/shop/app/AppKernel.php' '/var/www/shop/config/settings.inc.php'");
        assertThat(CommandTemplate.SHOP_VERSION_LINES.readOnly()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/var/www/shop/config/parameters.php", "/var/www/shop/app/config/parameters.php",
        "/etc/shadow", "/var/www/shop/app/AppKernel.php/x", "/var/www/shop/../app/AppKernel.php",
        "/var/www/.shop/app/AppKernel.php", "var/www/shop/app/AppKernel.php", "/var/www/shop/app/AppKernel.phps",
        "/var/www/shop/app/AppKernel.php;id", "/var/www/shop/app/AppKernel.php\n", "/var/www/sh op/app/AppKernel.php",
        "/var/www/shop/app/AppKernelXphp", "/app/AppKernel.php/", "/src/Core/Version.php", ""})
    @DisplayName("RD-ps: nothing but a version file under a clean install path can be read")
    void versionFileRefused(String file) {
        assertThat(CommandTemplate.Parameter.SHOP_VERSION_FILE.accepts(file)).as(file).isFalse();
        assertThatThrownBy(() -> CommandTemplate.SHOP_VERSION_LINES.commandLine(file, file, file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SHOP_VERSION_LINES argument 1 (PrestaShop version file) must match");
    }

    @Test
    @DisplayName("RD-ps, R4.0-b: the update assistant's commands run from modules/autoupgrade with php, the admin directory last")
    void assistantCommandLines() {
        String module = "/var/www/clients/c12/prestashop/modules/autoupgrade";
        assertThat(CommandTemplate.ASSISTANT_BACKUP_CREATE.commandLine(module, "admin4f7k2q"))
                .isEqualTo("env --chdir='" + module + "' php bin/console backup:create 'admin4f7k2q'");
        assertThat(CommandTemplate.ASSISTANT_UPDATE_START.commandLine(module, "admin4f7k2q"))
                .isEqualTo("env --chdir='" + module + "' php bin/console update:start --chain --channel=online"
                        + " 'admin4f7k2q'");
        assertThat(CommandTemplate.ASSISTANT_BACKUP_RESTORE.commandLine(module, "V8.1.6_20260415-210312-5f3a9c01",
                "admin4f7k2q"))
                .isEqualTo("env --chdir='" + module + "' php bin/console backup:restore"
                        + " --backup='V8.1.6_20260415-210312-5f3a9c01' 'admin4f7k2q'");
        assertThat(CommandTemplate.LIST_ASSISTANT_BACKUPS.commandLine(
                "/var/www/clients/c12/prestashop/admin4f7k2q/autoupgrade/backup"))
                .isEqualTo("ls -1 -- '/var/www/clients/c12/prestashop/admin4f7k2q/autoupgrade/backup'");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"-admin", "--help", "admin/../x", "admin x", "admin;id", "admin'", "$(id)", "admin.bak",
        "", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "admin\n", "adm\u00efn"})
    @DisplayName("RD-ps: an admin directory that could be an option, a path or shell syntax is refused")
    void adminDirectoryRefused(String admin) {
        String value = admin;
        assertThat(CommandTemplate.Parameter.ADMIN_DIRECTORY.accepts(value)).as(value).isFalse();
        assertThatThrownBy(() -> CommandTemplate.ASSISTANT_UPDATE_START.commandLine("/var/www/shop/modules/autoupgrade",
                value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ASSISTANT_UPDATE_START argument 2 (admin directory name) must match");
    }

    @Test
    @DisplayName("RD-ps: the assistant runs only in a modules/autoupgrade directory, and restores only a backup named as it names them")
    void assistantArgumentsRefused() {
        for (String dir : new String[] {"/var/www/shop", "/var/www/shop/modules/autoupgrade/", "/tmp/x/modules/other",
            "/var/www/shop/modules/autoupgrade/../../../etc", "modules/autoupgrade", "/modules/autoupgrade/x"}) {
            assertThat(CommandTemplate.Parameter.AUTOUPGRADE_DIRECTORY.accepts(dir)).as(dir).isFalse();
        }
        assertThat(CommandTemplate.Parameter.AUTOUPGRADE_DIRECTORY.accepts("/srv/shop/modules/autoupgrade")).isTrue();
        for (String name : new String[] {"V8.1.6_20260415-210312-5f3a9c01", "V1.7.8.11_20250101-000000-0",
            "V9.0.0_20260101-235959-7fffffff"}) {
            assertThat(CommandTemplate.Parameter.ASSISTANT_BACKUP_NAME.accepts(name)).as(name).isTrue();
        }
        for (String name : new String[] {"8.1.6_20260415-210312-5f3a9c01", "V8.1.6_2026041-210312-5f3a9c01",
            "V8.1.6_20260415-210312-5F3A9C01", "V8.1.6_20260415-210312-", "auto-backupfiles_V8.1.6_20260415-210312-5f",
            "V8.1.6_20260415-210312-5f3a9c01.zip", "V8.1.6_20260415-210312-5f3a9c01/..", "../V8_20260415-210312-5f",
            "V8.1.6_20260415-210312-5f3a9c01;id", ""}) {
            assertThat(CommandTemplate.Parameter.ASSISTANT_BACKUP_NAME.accepts(name)).as(name).isFalse();
        }
        assertThat(CommandTemplate.Parameter.ASSISTANT_BACKUP_DIRECTORY.accepts("/var/www/shop/-x/autoupgrade/backup"))
                .isFalse();
    }

    @Test
    @DisplayName("R4.3-p2: only the update assistant's commands may run longer than ops.remote.ssh.command-timeout, up to 2 h")
    void longRunning() {
        assertThat(Arrays.stream(CommandTemplate.values()).filter(CommandTemplate::longRunning))
                .containsExactlyInAnyOrder(CommandTemplate.ASSISTANT_BACKUP_CREATE,
                        CommandTemplate.ASSISTANT_UPDATE_START, CommandTemplate.ASSISTANT_BACKUP_RESTORE);
        assertThat(CommandTemplate.ASSISTANT_UPDATE_START.commandTimeout(java.time.Duration.ofSeconds(60)))
                .isEqualTo(java.time.Duration.ofHours(2));
        assertThat(CommandTemplate.ASSISTANT_UPDATE_START.commandTimeout(java.time.Duration.ofHours(3)))
                .isEqualTo(java.time.Duration.ofHours(3));
        assertThat(CommandTemplate.SHOP_VERSION_LINES.commandTimeout(java.time.Duration.ofSeconds(60)))
                .isEqualTo(java.time.Duration.ofSeconds(60));
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
