package fr.progerance.ops.update.shop;

import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.serverBody;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.remote.NonRetryable;
import fr.progerance.ops.remote.RemoteCommandFailedException;
import fr.progerance.ops.update.shop.PrestaShopFixture.Call;
import fr.progerance.ops.update.shop.PrestaShopFixture.Command;
import fr.progerance.ops.update.shop.PrestaShopFixture.Layout;
import fr.progerance.ops.web.NotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * RD-ps, R4.0-b: the {@link UpdateAssistant} against a real SSH server (DESIGN rule 10) whose fixture
 * shops carry the stand-in of the assistant's console, called with {@code php} from
 * {@code modules/autoupgrade} exactly as the real one; what the stand-in received is recorded.
 */
@OpsSpringBootTest
@DisplayName("RD-ps, R4.0-b: the update assistant's backup, update and restore through command templates (real SSH server)")
class UpdateAssistantOnServerTest {

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @TempDir
    static Path dir;

    @LocalServerPort
    int port;
    @Autowired
    UpdateAssistant assistant;
    @Autowired
    ShopVersions versions;

    @BeforeAll
    static void php() {
        PrestaShopFixture.serveWith(SSH.start(), dir);
    }

    private long server(PrestaShopFixture shop, Object... more) {
        RegisterApi register = new RegisterApi(port);
        long contractId = register.createContract(register.createClient());
        Map<String, Object> body = with(serverBody(contractId, "PROGERANCE"), "address", SSH.host(),
                "sshPort", SSH.port(), "sshUser", SSH.user(), "hostKeyFingerprint", SSH.hostKeyFingerprint(),
                "installPath", shop.installPath().toString(), "adminDirectory", shop.adminDirectory());
        long id = created(register.api.post("/api/servers", with(body, more)));
        SSH.reset();
        return id;
    }

    private static String key(String what) {
        return RegisterApi.unique("test-update-" + what);
    }

    private static String module(PrestaShopFixture shop) {
        return shop.moduleDirectory().toString();
    }

    @ParameterizedTest(name = "{0} {1} to {2}")
    @CsvSource({"PS_17, 1.7.8.10, 1.7.8.11", "PS_8, 8.1.6, 8.2.1", "PS_9, 9.0.0, 9.0.2"})
    @DisplayName("RD-ps, R4.0-b: backup:create, update:start --chain --channel=online and backup:restore --backup=<name>,"
            + " each with the admin directory, run by php from modules/autoupgrade")
    void backupUpdateRestore(Layout layout, String from, String to) throws Exception {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, layout, from);
        long serverId = server(shop);
        String admin = shop.adminDirectory();

        String backup = assistant.createBackup(serverId, key("backup"));
        assertThat(backup).startsWith("V" + from + "_").matches(CommandTemplateNames.BACKUP);
        assertThat(shop.backups()).containsExactly(backup);

        shop.updateTo(to);
        assistant.startUpdate(serverId, key("update"));
        assertThat(shop.version()).isEqualTo(to);
        assertThat(versions.read(serverId).version().text()).isEqualTo(to);

        assistant.restoreBackup(serverId, backup, key("restore"));
        assertThat(shop.version()).isEqualTo(from);
        assertThat(versions.read(serverId).version().text()).isEqualTo(from);

        // exactly what reached the server, and what the console received, from where
        assertThat(SSH.executedCommands()).filteredOn(c -> c.startsWith("env --chdir=")).containsExactly(
                "env --chdir='" + module(shop) + "' php bin/console backup:create '" + admin + "'",
                "env --chdir='" + module(shop) + "' php bin/console update:start --chain --channel=online '" + admin + "'",
                "env --chdir='" + module(shop) + "' php bin/console backup:restore --backup='" + backup + "' '" + admin
                        + "'");
        assertThat(shop.calls()).extracting(Call::argv).containsExactly(
                List.of("bin/console", "backup:create", admin),
                List.of("bin/console", "update:start", "--chain", "--channel=online", admin),
                List.of("bin/console", "backup:restore", "--backup=" + backup, admin));
        assertThat(shop.calls()).extracting(Call::directory).containsOnly(shop.moduleDirectory().toRealPath());
    }

    @Test
    @DisplayName("DESIGN rule 4: each command is sent once per operation key; a second call with the key returns without sending")
    void oncePerOperationKey() {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, Layout.PS_8);
        long serverId = server(shop);
        String backupKey = key("backup");
        String updateKey = key("update");
        String restoreKey = key("restore");

        String backup = assistant.createBackup(serverId, backupKey);
        assertThat(assistant.createBackup(serverId, backupKey)).isEqualTo(backup);
        shop.updateTo("8.2.1");
        assistant.startUpdate(serverId, updateKey);
        shop.updateTo("8.2.2");
        assistant.startUpdate(serverId, updateKey);
        assertThat(shop.version()).as("the second call sent nothing").isEqualTo("8.2.1");
        assistant.restoreBackup(serverId, backup, restoreKey);
        assistant.restoreBackup(serverId, backup, restoreKey);

        assertThat(shop.calls()).extracting(Call::command).containsExactly("backup:create", "update:start",
                "backup:restore");
        assertThat(shop.backups()).containsExactly(backup);
        assertThat(shop.version()).isEqualTo("8.1.6");
        assertThatThrownBy(() -> assistant.startUpdate(serverId, backupKey))
                .as("a key names one operation: one command on one server")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was recorded for ASSISTANT_BACKUP_CREATE");
    }

    @Test
    @DisplayName("DESIGN rule 13: a failing command is a readable failure with the assistant's last lines, admin directory masked; the same key sends it again")
    void failureReported() throws Exception {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, Layout.PS_17);
        long serverId = server(shop);
        String updateKey = key("update");
        shop.updateTo("1.7.8.11");
        shop.failNext(Command.UPDATE_START, "Download failed: the archive's checksum does not match (in "
                + shop.installPath().resolve(shop.adminDirectory()) + "/autoupgrade/download)");

        assertThatThrownBy(() -> assistant.startUpdate(serverId, updateKey))
                .isInstanceOf(UpdateAssistantFailedException.class)
                .isInstanceOf(RemoteCommandFailedException.class)
                .hasMessageStartingWith("RD-ps: update:start on server ")
                .hasMessageContaining("(id " + serverId + ", ops@127.0.0.1:" + SSH.port() + ") failed with exit status 1"
                        + " (operation " + updateKey + "); last output: INFO - Starting... | ERROR - Download failed: the"
                        + " archive's checksum does not match (in " + shop.installPath() + "/**admin_folder**/autoupgrade/download)")
                .hasMessageNotContaining(shop.adminDirectory())
                .satisfies(e -> assertThat(((UpdateAssistantFailedException) e).command()).isEqualTo("update:start"))
                .satisfies(e -> assertThat(((UpdateAssistantFailedException) e).result().exitStatus()).isEqualTo(1));
        assertThat(shop.version()).isEqualTo("1.7.8.10");

        assistant.startUpdate(serverId, updateKey);
        assertThat(shop.version()).isEqualTo("1.7.8.11");
        assertThat(shop.calls()).extracting(Call::command).containsExactly("update:start", "update:start");
        assistant.startUpdate(serverId, updateKey);
        assertThat(shop.calls()).as("done now: not sent again").hasSize(2);
    }

    @Test
    @DisplayName("DESIGN rule 13: a failing backup and a failing restore are failures too, whatever the assistant prints")
    void backupAndRestoreFailures() {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, Layout.PS_9);
        long serverId = server(shop);
        shop.failNext("Backup directory is not writable (" + shop.installPath() + "/" + shop.adminDirectory()
                + "/autoupgrade/backup).");
        assertThatThrownBy(() -> assistant.createBackup(serverId, key("backup")))
                .isInstanceOf(UpdateAssistantFailedException.class)
                .hasMessageContaining("backup:create on server ")
                .hasMessageEndingWith("ERROR - Backup directory is not writable (" + shop.installPath()
                        + "/**admin_folder**/autoupgrade/backup).");
        assertThat(shop.backups()).isEmpty();

        assertThatThrownBy(() -> assistant.restoreBackup(serverId, "V9.0.0_20260101-000000-abc", key("restore")))
                .isInstanceOf(UpdateAssistantFailedException.class)
                .hasMessageContaining("backup:restore on server ")
                .hasMessageEndingWith("ERROR - [ERROR] File auto-backupfiles_V9.0.0_20260101-000000-abc.zip is missing:"
                        + " unable to restore files. Operation aborted.");
    }

    @Test
    @DisplayName("RD-ps: the admin directory of the register must exist in the shop, or the assistant fails, saying so without naming it")
    void adminDirectoryNotOnTheServer() throws Exception {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, Layout.PS_8);
        long serverId = server(shop, "adminDirectory", "admin_renamed");
        assertThatThrownBy(() -> assistant.startUpdate(serverId, key("update")))
                .isInstanceOf(UpdateAssistantFailedException.class)
                .hasMessageEndingWith("ERROR - Admin directory " + shop.installPath().toRealPath() + "/**admin_folder** not found.");
    }

    @Test
    @DisplayName("RD-ps: without an admin directory in the register, or with a bad backup name, nothing is sent")
    void refusedBeforeSending() {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, Layout.PS_8);
        long serverId = server(shop, "adminDirectory", null);
        assertThatThrownBy(() -> assistant.createBackup(serverId, key("backup")))
                .isInstanceOf(NoAdminDirectoryException.class)
                .isInstanceOf(NonRetryable.class)
                .hasMessageContaining("has no admin directory in the register")
                .hasMessageContaining("PUT /api/servers/" + serverId);
        assertThatThrownBy(() -> assistant.startUpdate(serverId, key("update")))
                .isInstanceOf(NoAdminDirectoryException.class);

        long withAdmin = server(shop);
        for (String name : new String[] {"../../../etc", "V8.1.6_20260415-210312-5f3a9c01' '--x", "latest", ""}) {
            assertThatThrownBy(() -> assistant.restoreBackup(withAdmin, name, key("restore")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a backup name of the update assistant");
        }
        assertThatThrownBy(() -> assistant.startUpdate(987_654_321L, key("update"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> assistant.startUpdate(withAdmin, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SSH.executedCommands()).isEmpty();
        assertThat(shop.calls()).isEmpty();
    }

    @Test
    @DisplayName("RD-ps: when the output kept does not name the backup (a large shop), the newest backup of the shop's backup directory does")
    void backupNameFromTheBackupDirectory() {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, Layout.PS_8);
        long serverId = server(shop);
        shop.backupProgressLines(3000); // about 130 KB of progress lines: beyond ops.remote.ssh.max-output (64 KB)
        String backupKey = key("backup");

        String backup = assistant.createBackup(serverId, backupKey);
        assertThat(shop.backups()).containsExactly(backup);
        assertThat(SSH.executedCommands()).containsExactly(
                "env --chdir='" + module(shop) + "' php bin/console backup:create '" + shop.adminDirectory() + "'",
                "ls -1 -- '" + shop.installPath() + "/" + shop.adminDirectory() + "/autoupgrade/backup'");

        // the replay of the done operation (its stored output keeps 4000 characters) finds the same name
        assertThat(assistant.createBackup(serverId, backupKey)).isEqualTo(backup);
        assertThat(shop.calls()).hasSize(1);
    }

    @Test
    @DisplayName("RD-ps: update:start with nothing newer succeeds and changes nothing, as the real assistant: the version read after decides")
    void nothingNewer() {
        PrestaShopFixture shop = PrestaShopFixture.create(dir, Layout.PS_8);
        long serverId = server(shop);
        shop.noUpdateAvailable();
        assistant.startUpdate(serverId, key("update"));
        assertThat(versions.read(serverId).version().text()).isEqualTo("8.1.6");
    }

    /** The backup names' pattern, for assertions. */
    private static final class CommandTemplateNames {
        static final String BACKUP = fr.progerance.ops.remote.CommandTemplate.Parameter.ASSISTANT_BACKUP_NAME.pattern()
                .pattern();
    }
}
