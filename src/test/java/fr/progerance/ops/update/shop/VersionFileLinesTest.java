package fr.progerance.ops.update.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.RemoteException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RD-ps: the rules that turn the version lines grep found into a version, without SSH. */
@DisplayName("RD-ps: reading a shop's version from its files' lines")
class VersionFileLinesTest {

    private static final String SHOP = "/var/www/shop";
    private static final String CORE = SHOP + "/src/Core/Version.php";
    private static final String KERNEL = SHOP + "/app/AppKernel.php";
    private static final String SETTINGS = SHOP + "/config/settings.inc.php";
    private static final String WHERE = "server web1 (id 4, ops@shop.example.net:22)";

    private static CommandResult grep(int exitStatus, String stdout, String stderr) {
        return new CommandResult(CommandTemplate.SHOP_VERSION_LINES, exitStatus, stdout, stderr, Duration.ofMillis(5));
    }

    private static String missing(String file) {
        return "grep: " + file + ": No such file or directory\n";
    }

    private static VersionFileLines.Found read(CommandResult result) {
        return VersionFileLines.interpret(SHOP, WHERE, result);
    }

    @Test
    @DisplayName("RD-ps: the three files are read in the order 9/8, 1.7/8, 1.6")
    void arguments() {
        assertThat(VersionFileLines.arguments(SHOP)).containsExactly(CORE, KERNEL, SETTINGS);
    }

    @Test
    @DisplayName("RD-ps: 9 (and 8) from src/Core/Version.php, whatever AppKernel says")
    void nine() {
        VersionFileLines.Found found = read(grep(2, CORE + ":    public const VERSION = '9.0.0';\n"
                + CORE + ":    public const MAJOR_VERSION_STRING = '9';\n"
                + KERNEL + ":    public const VERSION = Version::VERSION;\n", missing(SETTINGS)));
        assertThat(found.file()).isEqualTo(VersionFile.CORE_VERSION);
        assertThat(found.version().text()).isEqualTo("9.0.0");
    }

    @Test
    @DisplayName("RD-ps: 1.7 from app/AppKernel.php, never from the stale settings.inc.php of a shop upgraded from 1.6")
    void seventeen() {
        VersionFileLines.Found found = read(grep(2, KERNEL + ":    const VERSION = '1.7.8.10';\n"
                + KERNEL + ":    const MAJOR_VERSION_STRING = '1.7';\n"
                + SETTINGS + ":if (!defined('_PS_VERSION_'))\n"
                + SETTINGS + ":\tdefine('_PS_VERSION_', '1.6.1.18');\n", missing(CORE)));
        assertThat(found.file()).isEqualTo(VersionFile.APP_KERNEL);
        assertThat(found.version().text()).isEqualTo("1.7.8.10");
        assertThat(found.version().legacyScheme()).isTrue();
    }

    @Test
    @DisplayName("RD-ps: 1.6 from config/settings.inc.php, double quotes and spaces as PHP allows")
    void sixteen() {
        VersionFileLines.Found found = read(grep(2, SETTINGS + ":if (!defined('_PS_VERSION_'))\n"
                + SETTINGS + ":\tdefine ( \"_PS_VERSION_\" , \"1.6.1.24\" );\n", missing(CORE) + missing(KERNEL)));
        assertThat(found.file()).isEqualTo(VersionFile.SETTINGS_INC);
        assertThat(found.version().text()).isEqualTo("1.6.1.24");
    }

    @Test
    @DisplayName("RD-ps: a package suffix is kept, exit status 0 when every file is there")
    void allThere() {
        VersionFileLines.Found found = read(grep(0, CORE + ":    public const VERSION = \"8.2.1-beta.1\";\n"
                + KERNEL + ":    public const VERSION = '8.2.1-beta.1';\n" + SETTINGS + ":define('_PS_VERSION_', '1.6.1.0');\n",
                ""));
        assertThat(found.version().text()).isEqualTo("8.2.1-beta.1");
    }

    @Test
    @DisplayName("RD-ps: no version file at all is refused clearly (is the install path right?), not retried")
    void noFile() {
        assertThatThrownBy(() -> read(grep(2, "", missing(CORE) + missing(KERNEL) + missing(SETTINGS))))
                .isInstanceOf(ShopVersionNotFoundException.class)
                .isInstanceOf(fr.progerance.ops.remote.NonRetryable.class)
                .hasMessageContaining("none of src/Core/Version.php, app/AppKernel.php, config/settings.inc.php exists"
                        + " under /var/www/shop on " + WHERE);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"const VERSION = 'abc';", "const VERSION = '';", "const VERSION = '8';",
        "const VERSION = '1.7.8.11.2.3';", "const VERSION = '8..1';", "const VERSION = '-1.2';",
        "const VERSION = '3.0.0';"})
    @DisplayName("RD-ps: garbage in the version file is refused, naming the file and quoting the value, never read from an older file")
    void garbageValue(String line) {
        assertThatThrownBy(() -> read(grep(2, KERNEL + ":" + line + "\n" + SETTINGS + ":define('_PS_VERSION_', '1.6.1.18');\n",
                missing(CORE))))
                .isInstanceOf(ShopVersionNotFoundException.class)
                .hasMessageStartingWith("RD-ps: /var/www/shop/app/AppKernel.php on " + WHERE
                        + " holds no PrestaShop version: ")
                .hasMessageNotContaining("1.6.1.18");
    }

    @Test
    @DisplayName("RD-ps: the refusal says what is wrong with the value")
    void garbageExplained() {
        assertThatThrownBy(() -> read(grep(0, CORE + ":    public const VERSION = 'abc';\n", "")))
                .hasMessageEndingWith("holds no PrestaShop version: 'abc' is not a PrestaShop version: it must start"
                        + " with numbers separated by dots, e.g. 8.1.7 or 1.7.8.11");
        assertThatThrownBy(() -> read(grep(0, CORE + ":    public const VERSION = '';\n", "")))
                .hasMessageEndingWith("holds no PrestaShop version: its version line is empty"
                        + " ('public const VERSION = '';')");
    }

    @Test
    @DisplayName("RD-ps: a version file without a version line (a binary file, a file cut short) is refused, quoting what it holds")
    void noVersionLine() {
        assertThatThrownBy(() -> read(grep(2, KERNEL + ":    public const VERSION = Version::VERSION;\n", missing(CORE))))
                .isInstanceOf(ShopVersionNotFoundException.class)
                .hasMessageContaining("app/AppKernel.php on " + WHERE + " holds no PrestaShop version")
                .hasMessageContaining("'public const VERSION = Version::VERSION;'");
        assertThatThrownBy(() -> read(grep(1, "", "")))
                .isInstanceOf(ShopVersionNotFoundException.class)
                .hasMessageContaining("src/Core/Version.php on " + WHERE + " holds no PrestaShop version")
                .hasMessageContaining("no line naming VERSION at all, or a binary file");
    }

    @Test
    @DisplayName("RD-ps: a very long version line is quoted shortly")
    void longLine() {
        String garbage = "x".repeat(10_000) + "VERSION";
        assertThatThrownBy(() -> read(grep(0, CORE + ":" + garbage + "\n", "")))
                .isInstanceOf(ShopVersionNotFoundException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600));
    }

    @Test
    @DisplayName("DESIGN rule 13: a version file that cannot be read is a retryable failure naming it, not a fall back")
    void unreadable() {
        assertThatThrownBy(() -> read(grep(2, SETTINGS + ":define('_PS_VERSION_', '1.6.1.18');\n",
                missing(CORE) + "grep: " + KERNEL + ": Permission denied\n")))
                .isExactlyInstanceOf(RemoteException.class)
                .hasMessage("Cannot read /var/www/shop/app/AppKernel.php on " + WHERE + ": Permission denied");
    }

    @Test
    @DisplayName("DESIGN rule 13: grep missing or failing otherwise is a retryable failure with its message")
    void grepFails() {
        assertThatThrownBy(() -> read(grep(127, "", "sh: 1: grep: not found\n")))
                .isExactlyInstanceOf(RemoteException.class)
                .hasMessage("Reading the PrestaShop version files on " + WHERE
                        + " failed with exit status 127: sh: 1: grep: not found");
        assertThatThrownBy(() -> read(grep(2, "", "grep: invalid option -- 'Z'\n")))
                .isExactlyInstanceOf(RemoteException.class)
                .hasMessageContaining("failed with exit status 2: grep: invalid option");
        assertThatThrownBy(() -> read(grep(CommandResult.NO_EXIT_STATUS, "", "")))
                .isExactlyInstanceOf(RemoteException.class);
    }

    @Test
    @DisplayName("RD-ps: the first version line of the file decides; lines of other files or unknown lines are ignored")
    void firstLine() {
        VersionFileLines.Found found = read(grep(0, "[output truncated by ops-engine: 12 more bytes dropped]\n"
                + CORE + ": * Every VERSION of this class is updated on release\n"
                + CORE + ":    public const VERSION = '8.1.7';\n" + CORE + ":    const VERSION = '8.0.0';\n", ""));
        assertThat(found.version().text()).isEqualTo("8.1.7");
    }

    @Test
    @DisplayName("RD-ps: the flow tests' scripted remote answers as an 8.1.6 shop whose assistant names its backup")
    void scriptedRemote() {
        fr.progerance.ops.remote.ScriptedRemote remote = new fr.progerance.ops.remote.ScriptedRemote();
        fr.progerance.ops.remote.SshTarget target = fr.progerance.ops.remote.SshTarget.of("shop.example.net", "ops",
                "SHA256:" + "A".repeat(43));
        VersionFileLines.Found found = read(remote.run(target, CommandTemplate.SHOP_VERSION_LINES,
                VersionFileLines.arguments(SHOP)));
        assertThat(found.version().text()).isEqualTo("8.1.6");
        assertThat(AssistantOutput.backupName(remote.run(target, CommandTemplate.ASSISTANT_BACKUP_CREATE,
                SHOP + "/modules/autoupgrade", "admin1").stdout()))
                .contains(fr.progerance.ops.remote.ScriptedRemote.BACKUP_NAME);
        assertThat(AssistantOutput.newestBackup(remote.run(target, CommandTemplate.LIST_ASSISTANT_BACKUPS,
                SHOP + "/admin1/autoupgrade/backup").stdout())).contains(fr.progerance.ops.remote.ScriptedRemote.BACKUP_NAME);
    }

    @Test
    @DisplayName("RD-ps: the version line patterns are the update assistant's own")
    void patterns() {
        assertThat(VersionFileLines.value("    const VERSION = '1.7.6.0';")).isEqualTo("1.7.6.0");
        assertThat(VersionFileLines.value("    public const VERSION = '9.0.3';")).isEqualTo("9.0.3");
        assertThat(VersionFileLines.value("\tdefine('_PS_VERSION_', '1.6.1.18');")).isEqualTo("1.6.1.18");
        assertThat(VersionFileLines.value("if (!defined('_PS_VERSION_'))")).isNull();
        assertThat(VersionFileLines.value("    const MAJOR_VERSION_STRING = '1.7';")).isNull();
        assertThat(VersionFileLines.value("    const VERSION = '1.7.6.0\";")).isNull();
    }
}
