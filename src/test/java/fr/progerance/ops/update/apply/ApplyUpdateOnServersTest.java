package fr.progerance.ops.update.apply;

import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static fr.progerance.ops.update.apply.ApplyUpdateProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MariaDbServer;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.backup.BackupRun;
import fr.progerance.ops.backup.BackupRunStatus;
import fr.progerance.ops.backup.BackupRuns;
import fr.progerance.ops.backup.BackupTestPorts;
import fr.progerance.ops.backup.BackupTrigger;
import fr.progerance.ops.backup.FakeBackupPorts;
import fr.progerance.ops.backup.offsite.EmbeddedFtpServer;
import fr.progerance.ops.backup.repository.ClientRepositories;
import fr.progerance.ops.backup.restore.RestoreTestPorts;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.update.ShopUpdate;
import fr.progerance.ops.update.UpdateService;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.apply.ApplyUpdateProcess.Vars;
import fr.progerance.ops.update.shop.PrestaShopFixture;
import fr.progerance.ops.update.shop.ShopVersions;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * ApplyUpdate on real peers (DESIGN rule 10, the issue's "real peers in tests"): the running
 * application with every backup port switched to the real implementation ({@link BackupTestPorts.Real}:
 * restic 0.14, the SSH transfer to a real SSH server with a pinned host key running the real
 * mysqldump, mysql and GNU tar against a real MariaDB, the real FTP off-site store), and the real
 * {@code update.shop}: the update assistant's commands and the version lines sent over SSH to a
 * {@link PrestaShopFixture} shop whose {@code modules/autoupgrade/bin/console} is the stand-in, called
 * exactly as the real one. The shop's page (HTTP on loopback) answers from what its files say.
 *
 * <p>This test's own layer over the {@code php} stand-in plays what a real {@code update:start} does
 * before it may fail: it migrates the shop's database (SQL of {@code $OPS_TEST_MIGRATION}) and
 * replaces a class file, then runs the console stand-in.
 */
@OpsSpringBootTest
@DisplayName("ApplyUpdate on real peers: SSH with the assistant's stand-in, restic, MariaDB, FTP")
class ApplyUpdateOnServersTest {

    @RegisterExtension
    static final MariaDbServer MARIADB = MariaDbServer.shared();

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    /** The password file named by the test profile's ops.backup.offsite.password-file. */
    private static final Path FTP_PASSWORD_FILE = Path.of(System.getProperty("user.dir"), "target", "test-backups",
            "offsite-ftp.password");

    /** What update:start does before the console stand-in runs (and may fail). */
    private static final String PHP_LAYER = """
            #!/bin/sh
            # The test's layer over the php stand-in: update:start first migrates the shop's database and
            # replaces a class file, as a real update does before it may fail; then the console stand-in.
            if [ "$2" = "update:start" ] && [ -n "$OPS_TEST_MIGRATION" ] && [ -f "$OPS_TEST_MIGRATION" ]; then
              mysql --batch < "$OPS_TEST_MIGRATION" || exit 1
              printf '<?php\nclass OrderCore {} // 8.1.7\n' > ../../classes/order/Order.php || exit 1
            fi
            exec "$OPS_TEST_PHP" "$@"
            """;

    @TempDir
    static Path dir;

    private static EmbeddedFtpServer ftp;
    private static HttpServer page;
    /** The shop the page answers for, and the version whose code is broken (HTTP 500). */
    private static volatile PrestaShopFixture pageShop;
    private static volatile String brokenVersion;

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    MovableClock clock;
    @Autowired
    ExternalTaskWorker worker;
    @Autowired
    FakeBackupPorts fakePorts;
    @Autowired
    RestoreTestPorts.Fakes restoreFakes;
    @Autowired
    BackupTestPorts.Real real;
    @Autowired
    ApplyUpdateTestPorts.Fakes updateFakes;
    @Autowired
    ClientRepositories clientRepositories;
    @Autowired
    BackupRuns runs;
    @Autowired
    UpdateService updates;
    @Autowired
    ShopVersions shopVersions;

    private Long clientId;
    private String database;
    private PrestaShopFixture shop;
    private Path migration;

    @BeforeAll
    static void peers() throws IOException {
        MARIADB.start();
        Path home = Files.createDirectories(dir.resolve("home"));
        MARIADB.writeClientConfig(home.resolve(".my.cnf"));
        Path bin = Files.createDirectories(dir.resolve("bin-sudo"));
        // The server's sudoers rule, played by a stand-in that runs the command as the SSH user.
        executable(bin.resolve("sudo"), "#!/bin/sh\n[ \"$1\" = \"-n\" ] && shift\nexec \"$@\"\n");
        SSH.start().environment("HOME", home.toString()).prependPath(bin);
        Path php = PrestaShopFixture.serveWith(SSH, dir);
        Path layer = Files.createDirectories(dir.resolve("bin-update"));
        executable(layer.resolve("php"), PHP_LAYER);
        SSH.prependPath(layer).environment("OPS_TEST_PHP", php.toString());
        ftp = EmbeddedFtpServer.plain(dir.resolve("ftp"), TestPorts.FTP);
        Files.createDirectories(FTP_PASSWORD_FILE.getParent());
        Files.deleteIfExists(FTP_PASSWORD_FILE);
        Files.createFile(FTP_PASSWORD_FILE, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(FTP_PASSWORD_FILE, EmbeddedFtpServer.PASSWORD + "\n");
        page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        page.createContext("/", exchange -> {
            PrestaShopFixture s = pageShop;
            boolean broken = s == null || s.version().equals(brokenVersion);
            byte[] body = (broken ? "<html><title>Erreur 500</title></html>" : "<html><title>Boutique</title></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(broken ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        page.start();
    }

    @AfterAll
    static void stopPeers() throws IOException {
        if (ftp != null) {
            ftp.close();
        }
        if (page != null) {
            page.stop(0);
        }
        Files.deleteIfExists(FTP_PASSWORD_FILE);
    }

    @BeforeEach
    void setUp() throws IOException {
        clock.reset();
        fakePorts.reset();
        restoreFakes.clear();
        updateFakes.clear();
        real.off();
        // Work other test classes left available runs now, on the fakes, not on the real peers.
        worker.drain();
        BpmnAwareTests.init(engine);
        database = RegisterApi.unique("upd_shop").replace('-', '_');
        shop = PrestaShopFixture.create(dir, PrestaShopFixture.Layout.PS_8, "8.1.6");
        writeShopFiles(shop.installPath());
        pageShop = shop;
        brokenVersion = null;
        // What update:start does to the database before it may fail (idempotent: an attempt may run twice).
        migration = dir.resolve(database + "-migration.sql");
        Files.writeString(migration, "USE `" + database + "`;\nUPDATE ps_product SET price = price * 2;\n"
                + "DELETE FROM ps_customer WHERE id_customer > 100;\nDROP VIEW IF EXISTS ps_order_totals;\n"
                + "ALTER TABLE ps_orders ADD COLUMN IF NOT EXISTS upgraded TINYINT DEFAULT 1;\n");
        SSH.environment("OPS_TEST_MIGRATION", migration.toString());
        MARIADB.createDatabase(database);
        MARIADB.loadPrestaShopFixture(database);
        real.on();
    }

    @AfterEach
    void tearDown() {
        runtime.createProcessInstanceQuery().processDefinitionKey(ApplyUpdateProcess.KEY).list()
                .forEach(p -> runtime.deleteProcessInstance(p.getId(), "end of test"));
        if (clientId != null) {
            clientRepositories.delete(clientId); // target/ outlives the JVM; ids restart at 1
        }
        if (database != null) {
            MARIADB.dropDatabase(database);
        }
        real.off();
        clock.reset();
        BpmnAwareTests.reset();
    }

    @Test
    @DisplayName("RD-ps, R3.6-a/b/d: database and files backed up before the update (BEFORE_CHANGE, off-site too); update:start migrates the database, replaces a file and fails twice; this update's snapshots are streamed back: rows, table checksums and files as before, the shop answers 8.1.6 read over SSH: ROLLED_BACK, the client told")
    void failingUpdateIsRolledBackToTheSameDatabaseAndFiles() throws Exception {
        Registered r = register();
        Map<String, Long> rows = MARIADB.rowCounts(database);
        Map<String, String> checksums = MARIADB.tableChecksums(database);
        Map<String, String> tree = describeTree(shop);
        Assertions.assertThat(rows).containsEntry("ps_orders", 5000L);
        shop.updateTo("8.1.7").failNext(PrestaShopFixture.Command.UPDATE_START,
                "[ERROR] Upgrade of the database failed: Duplicate column name 'id_order'");

        ProcessInstance pi = scheduledAndOpened(r);
        // The pre-update backup went to the client's repository and off-site; the first attempt failed.
        assertThat(pi).hasPassed(BACKUP, CHECK_BACKUP).isWaitingAt(RUN);
        ShopUpdate running = updates.record(r.updateId());
        BackupRun databaseRun = runs.get(running.getDatabaseBackupRun());
        BackupRun filesRun = runs.get(running.getFilesBackupRun());
        for (BackupRun run : List.of(databaseRun, filesRun)) {
            Assertions.assertThat(run.getTrigger()).isEqualTo(BackupTrigger.BEFORE_CHANGE);
            Assertions.assertThat(run.getStatus()).as("R3.6-a: local and off-site").isEqualTo(BackupRunStatus.MIRRORED);
        }
        Assertions.assertThat(running.getAssistantBackup()).isEqualTo(shop.backups().get(0));
        Assertions.assertThat(MARIADB.rowCounts(database)).as("update:start changed the database").isNotEqualTo(rows);
        Assertions.assertThat(describeTree(shop)).as("update:start changed the files").isNotEqualTo(tree);

        // The second attempt, after the retry timeout, fails too: the rollback streams the snapshots back.
        shop.failNext(PrestaShopFixture.Command.UPDATE_START, "[ERROR] Upgrade of the database failed again");
        clock.set(Instant.now().plus(Duration.ofMinutes(11)));
        settle(pi);
        assertThat(pi).hasPassedInOrder(RUN, ERROR_UPDATE_FAILED, ROLLBACK, END_ROLLED_BACK, TELL_CLIENT_AFTER)
                .isEnded();
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).list()).isEmpty();
        Assertions.assertThat(shop.calls()).extracting(PrestaShopFixture.Call::command)
                .as("backup:create once (its operation was done), update:start twice")
                .containsExactly("backup:create", "update:start", "update:start");

        Assertions.assertThat(MARIADB.rowCounts(database)).as("row counts as before").isEqualTo(rows);
        Assertions.assertThat(MARIADB.tableChecksums(database)).as("CHECKSUM TABLE as before").isEqualTo(checksums);
        Assertions.assertThat(describeTree(shop)).as("every file, its permissions and SHA-256 as before")
                .isEqualTo(tree);

        ShopUpdate u = updates.record(r.updateId());
        Assertions.assertThat(u.getStatus()).isEqualTo(UpdateStatus.ROLLED_BACK);
        Assertions.assertThat(u.getVersionAfter()).isEqualTo("8.1.6");
        Assertions.assertThat(u.getFailure()).startsWith("The update assistant failed after 2 attempt(s): ")
                .contains("Upgrade of the database failed again");
        Assertions.assertThat(u.getRollbackReport()).contains("DATABASE snapshot " + databaseRun.getSnapshotId()
                .substring(0, 8)).contains("FILES snapshot " + filesRun.getSnapshotId().substring(0, 8))
                .contains("HTTP 200").contains("version 8.1.6 (src/Core/Version.php)");
        Assertions.assertThat(shopVersions.latest(r.serverId())).get().extracting(v -> v.version().text())
                .as("the version read over SSH after the rollback, stored").isEqualTo("8.1.6");
        Assertions.assertThat(SSH.executedCommands()).as("the restore went through SSH into mysql and tar")
                .anyMatch(c -> c.startsWith("mysql --batch") && c.contains(database))
                .anyMatch(c -> c.startsWith("sudo -n tar --extract") && c.contains(shop.installPath().toString()));
        String mail = Mails.text(Mails.to(MAIL, r.primary(), "MAJ-" + u.getId() + " : mise à jour annulée"));
        Assertions.assertThat(mail).contains("répond de nouveau en version 8.1.6");
    }

    @Test
    @DisplayName("DESIGN rule 13: update:start succeeds (8.1.7 written, database migrated) but the shop answers HTTP 500 on 8.1.7 -> rolled back: rows, checksums and files as before, the shop answers 200 on 8.1.6")
    void brokenShopAfterTheUpdateIsRolledBack() throws Exception {
        Registered r = register();
        Map<String, String> checksums = MARIADB.tableChecksums(database);
        Map<String, String> tree = describeTree(shop);
        shop.updateTo("8.1.7");
        brokenVersion = "8.1.7";

        ProcessInstance pi = scheduledAndOpened(r);
        assertThat(pi).hasPassedInOrder(RUN, VERIFY, GATEWAY_VERIFIED, ROLLBACK, END_ROLLED_BACK).isEnded();
        ShopUpdate u = updates.record(r.updateId());
        Assertions.assertThat(u.getStatus()).isEqualTo(UpdateStatus.ROLLED_BACK);
        Assertions.assertThat(u.getVerification()).contains("HTTP 500").contains("version 8.1.7");
        Assertions.assertThat(u.getVersionAfter()).isEqualTo("8.1.6");
        Assertions.assertThat(shop.version()).isEqualTo("8.1.6");
        Assertions.assertThat(MARIADB.tableChecksums(database)).isEqualTo(checksums);
        Assertions.assertThat(describeTree(shop)).isEqualTo(tree);
    }

    @Test
    @DisplayName("RD-ps: on real peers the update is backed up, run by the assistant's console from modules/autoupgrade with the admin directory, verified over HTTP and SSH (8.1.7): DONE")
    void updatedAndVerified() throws Exception {
        Registered r = register();
        shop.updateTo("8.1.7");
        Files.delete(migration); // this update's migration succeeds: nothing to play before the console

        ProcessInstance pi = scheduledAndOpened(r);
        assertThat(pi).hasPassedInOrder(BACKUP, RUN, VERIFY, RECORD_DONE, TELL_CLIENT_AFTER).isEnded();
        ShopUpdate u = updates.record(r.updateId());
        Assertions.assertThat(u.getStatus()).isEqualTo(UpdateStatus.DONE);
        Assertions.assertThat(u.getVersionAfter()).isEqualTo("8.1.7");
        Assertions.assertThat(u.getVerification()).contains("HTTP 200").contains("version 8.1.7 (src/Core/Version.php)");
        Assertions.assertThat(shop.calls()).extracting(PrestaShopFixture.Call::command)
                .containsExactly("backup:create", "update:start");
        Path module = shop.moduleDirectory().toRealPath();
        Assertions.assertThat(shop.calls()).allMatch(c -> c.directory().equals(module)
                && c.argv().get(c.argv().size() - 1).equals(shop.adminDirectory()));
        Mails.to(MAIL, r.primary(), "MAJ-" + u.getId() + " : votre boutique PrestaShop est à jour (8.1.7)");
    }

    // --- the register and the flow ---------------------------------------------------------------------

    private record Registered(long serverId, long updateId, String primary) {
    }

    /** A client, its ACTIVE contract, the shop's server over real SSH (pinned host key, admin directory); its update opened. */
    private Registered register() {
        RegisterApi register = new RegisterApi(port);
        clientId = register.createClient();
        clientRepositories.delete(clientId); // what an earlier JVM left under target/ for the same id
        String primary = "primaire." + database.replace("_", "") + "@client.example";
        register.createContact(clientId, "PRIMARY", "email", primary, "mayAuthorise", true);
        long contractId = created(register.api.post("/api/contracts", with(RegisterApi.contractBody(clientId),
                "databaseConnectionQuota", 100)));
        long serverId = created(register.api.post("/api/servers", with(RegisterApi.serverBody(contractId, "PROGERANCE"),
                "address", SSH.host(), "sshPort", SSH.port(), "sshUser", SSH.user(),
                "hostKeyFingerprint", SSH.hostKeyFingerprint(), "prestashopUrl",
                "http://127.0.0.1:" + page.getAddress().getPort() + "/", "databaseName", database,
                "installPath", shop.installPath().toString(), "adminDirectory", shop.adminDirectory())));
        TestApi.Answer activated = register.setStatus(contractId, "ACTIVE");
        Assertions.assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        // As UpdateWatch does: the version read over SSH, the catalogue's release.
        PrestaShopVersion current = shopVersions.read(serverId).version();
        Assertions.assertThat(current.text()).isEqualTo("8.1.6");
        UpdateView open = updates.open(serverId, current, new Release(PrestaShopVersion.parse("8.1.7"),
                LocalDate.of(2025, 6, 12), false, "test"), "catalogue");
        return new Registered(serverId, open.id(), primary);
    }

    /** Planned in a window starting in a minute (the backups run at the wall-clock time), called, opened. */
    private ProcessInstance scheduledAndOpened(Registered r) {
        Instant windowStart = Instant.now().plusSeconds(60);
        updates.schedule(r.updateId(), windowStart, windowStart.plus(Duration.ofHours(2)), "e2eupdateops");
        ProcessInstance pi = runtime.startProcessInstanceByKey(ApplyUpdateProcess.KEY, Updates.key(r.updateId()),
                Map.of(Vars.UPDATE_ID, r.updateId()));
        settle(pi);
        assertThat(pi).isWaitingAtExactly(TIMER_WINDOW_START);
        management.executeJob(job(pi, TIMER_WINDOW_START).getId()); // the window opens
        settle(pi);
        return pi;
    }

    // --- the shop's files --------------------------------------------------------------------------

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The rest of a shop around the fixture's version files: an index, settings, a class, an image, a module. */
    private static void writeShopFiles(Path root) throws IOException {
        for (String d : List.of("config", "classes/order", "img/p/1", "modules/ps_shoppingcart", "var/cache/prod")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.writeString(root.resolve("index.php"), "<?php\nrequire dirname(__FILE__).'/config/config.inc.php';\n");
        Files.writeString(root.resolve("config/settings.inc.php"), "<?php\ndefine('_DB_SERVER_', '127.0.0.1');\n");
        Files.setPosixFilePermissions(root.resolve("config/settings.inc.php"), PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(root.resolve("classes/order/Order.php"), "<?php\nclass OrderCore extends ObjectModel {}\n");
        byte[] image = new byte[120_000];
        new Random(7).nextBytes(image);
        Files.write(root.resolve("img/p/1/1.jpg"), image);
        Files.writeString(root.resolve("modules/ps_shoppingcart/ps_shoppingcart.php"), "<?php class Ps_Shoppingcart {}\n");
        Files.createFile(root.resolve("var/cache/prod/.gitkeep"));
    }

    /**
     * Relative path to type, permissions and SHA-256 of the content, for every entry of the shop, except
     * the update assistant's own working files, written after the pre-update snapshot and left by the
     * rollback (tar extracts over the directory): its backups under {@code <admin>/autoupgrade} and the
     * stand-in's controls and call log ({@code modules/autoupgrade/.standin-*}).
     */
    private static Map<String, String> describeTree(PrestaShopFixture shop) throws Exception {
        Path root = shop.installPath();
        Path assistantState = root.resolve(shop.adminDirectory()).resolve("autoupgrade");
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                if (path.startsWith(assistantState) || path.getFileName().toString().startsWith(".standin-")) {
                    continue;
                }
                String relative = root.relativize(path).toString();
                String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(path,
                        LinkOption.NOFOLLOW_LINKS));
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    tree.put(relative, "dir " + permissions);
                } else {
                    tree.put(relative, "file " + permissions + " " + HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path))));
                }
            }
        }
        return tree;
    }

    // --- driving the instance ------------------------------------------------------------------------

    /** Runs what is due for the instance and its Backup instances, with the worker, until nothing moves. */
    private void settle(ProcessInstance pi) {
        for (int round = 0; round < 200; round++) {
            boolean moved = false;
            List<Job> due = new ArrayList<>(management.createJobQuery().processInstanceId(pi.getId()).executable()
                    .list());
            for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
                    .list()) {
                due.addAll(management.createJobQuery().processInstanceId(called.getId()).executable().list());
            }
            for (Job job : due) {
                management.executeJob(job.getId());
                moved = true;
            }
            if (worker.drain() > 0) {
                moved = true;
            }
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("The instance never came to rest: " + pi.getId());
    }

    private Job job(ProcessInstance pi, String activityId) {
        Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
        Assertions.assertThat(job).as("the job of %s", activityId).isNotNull();
        return job;
    }
}
