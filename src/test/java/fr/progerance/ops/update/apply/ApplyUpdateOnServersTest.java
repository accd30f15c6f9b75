package fr.progerance.ops.update.apply;

import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static fr.progerance.ops.update.apply.ApplyUpdateProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MariaDbServer;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.TestShop;
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
import fr.progerance.ops.remote.RemoteException;
import fr.progerance.ops.update.ShopUpdate;
import fr.progerance.ops.update.UpdateService;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.apply.ApplyUpdateProcess.Vars;
import fr.progerance.ops.update.shop.ShopVersionNotFoundException;
import fr.progerance.ops.update.shop.ShopVersionReading;
import fr.progerance.ops.update.shop.ShopVersions;
import fr.progerance.ops.update.shop.UpdateAssistant;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * ApplyUpdate on real peers (DESIGN rule 10): the running application with every backup port
 * switched to the real implementation ({@link BackupTestPorts.Real}): restic 0.14, the SSH transfer
 * to a real SSH server (pinned host key) running the real mysqldump, mysql and GNU tar against a real
 * MariaDB and a real install tree, the real FTP off-site store; GreenMail and a loopback shop for the
 * check. A PrestaShop 8.1.6 shop is backed up before its update (Backup, trigger BEFORE_CHANGE); the
 * update damages its database and files, then fails; the rollback streams this update's own
 * pre-update snapshots back: rows, {@code CHECKSUM TABLE} and every file's SHA-256 are as before.
 *
 * <p>The update assistant and the shop-version reader are this test's own minimal stand-ins at their
 * ports ({@link ApplyUpdateTestPorts}): the assistant changes the real database and files as a failing
 * {@code update:start} would, the reader reads the shop's {@code app/AppKernel.php} on this machine
 * (the embedded SSH server's). The over-SSH implementations of {@code update.shop} and their fixture
 * shop are tested by their own package.
 */
@OpsSpringBootTest
@DisplayName("ApplyUpdate: a failing update rolled back from its pre-update backup (real SSH, restic, MariaDB, FTP)")
class ApplyUpdateOnServersTest {

    @RegisterExtension
    static final MariaDbServer MARIADB = MariaDbServer.shared();

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final TestShop SHOP = new TestShop();

    /** The password file named by the test profile's ops.backup.offsite.password-file. */
    private static final Path FTP_PASSWORD_FILE = Path.of(System.getProperty("user.dir"), "target", "test-backups",
            "offsite-ftp.password");

    @TempDir
    static Path dir;

    private static EmbeddedFtpServer ftp;

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

    private Long clientId;
    private String database;
    private Path installPath;

    @BeforeAll
    static void peers() throws IOException {
        MARIADB.start();
        Path home = Files.createDirectories(dir.resolve("home"));
        MARIADB.writeClientConfig(home.resolve(".my.cnf"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // The server's sudoers rule, played by a stand-in that runs the command as the SSH user.
        Files.writeString(bin.resolve("sudo"), "#!/bin/sh\n[ \"$1\" = \"-n\" ] && shift\nexec \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("sudo"), PosixFilePermissions.fromString("rwxr-xr-x"));
        SSH.start().environment("HOME", home.toString()).prependPath(bin);
        ftp = EmbeddedFtpServer.plain(dir.resolve("ftp"), TestPorts.FTP);
        Files.createDirectories(FTP_PASSWORD_FILE.getParent());
        Files.deleteIfExists(FTP_PASSWORD_FILE);
        Files.createFile(FTP_PASSWORD_FILE, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(FTP_PASSWORD_FILE, EmbeddedFtpServer.PASSWORD + "\n");
    }

    @AfterAll
    static void stopFtp() throws IOException {
        if (ftp != null) {
            ftp.close();
        }
        Files.deleteIfExists(FTP_PASSWORD_FILE);
    }

    @BeforeEach
    void setUp() throws IOException {
        clock.reset();
        fakePorts.reset();
        restoreFakes.clear();
        real.off();
        // Work other test classes left available runs now, on the fakes, not on the real peers.
        worker.drain();
        BpmnAwareTests.init(engine);
        database = RegisterApi.unique("upd_shop").replace('-', '_');
        installPath = Files.createDirectories(dir.resolve("www").resolve(database).resolve("prestashop"));
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
        updateFakes.clear();
        clock.reset();
        BpmnAwareTests.reset();
    }

    @Test
    @DisplayName("RD-ps, R3.6-a/b/d: database and files backed up before the update (BEFORE_CHANGE, off-site too); the update changes both and fails twice; this update's snapshots are streamed back: rows, table checksums and files as before, the shop answers 8.1.6: ROLLED_BACK, the client told")
    void failingUpdateIsRolledBackToTheSameDatabaseAndFiles() throws Exception {
        // The register: a client, its ACTIVE contract, a server reached over real SSH with its pinned host key.
        RegisterApi register = new RegisterApi(port);
        clientId = register.createClient();
        clientRepositories.delete(clientId); // what an earlier JVM left under target/ for the same id
        String primary = "primaire." + database.replace("_", "") + "@client.example";
        register.createContact(clientId, "PRIMARY", "email", primary, "mayAuthorise", true);
        long contractId = created(register.api.post("/api/contracts", with(RegisterApi.contractBody(clientId),
                "databaseConnectionQuota", 100)));
        long serverId = created(register.api.post("/api/servers", with(RegisterApi.serverBody(contractId, "PROGERANCE"),
                "address", SSH.host(), "sshPort", SSH.port(), "sshUser", SSH.user(),
                "hostKeyFingerprint", SSH.hostKeyFingerprint(), "prestashopUrl", SHOP.url(),
                "databaseName", database, "installPath", installPath.toString())));
        TestApi.Answer activated = register.setStatus(contractId, "ACTIVE");
        Assertions.assertThat(activated.status()).as(activated.toString()).isEqualTo(200);

        // The production data: a PrestaShop 8.1.6 database and install tree.
        MARIADB.createDatabase(database);
        MARIADB.loadPrestaShopFixture(database);
        writeShopTree(installPath, "8.1.6");
        Map<String, Long> rows = MARIADB.rowCounts(database);
        Map<String, String> checksums = MARIADB.tableChecksums(database);
        Map<String, String> tree = describeTree(installPath);
        Assertions.assertThat(rows).containsEntry("ps_orders", 5000L);

        LocalShopVersions versions = new LocalShopVersions(installPath, serverId, clock);
        DamagingAssistant assistant = new DamagingAssistant(database, installPath);
        updateFakes.versions = versions;
        updateFakes.assistant = assistant;

        // The update, planned in a window starting in a minute (the backups run at the wall-clock time).
        UpdateView open = updates.open(serverId, versions.read(serverId).version(), new Release(
                PrestaShopVersion.parse("8.1.7"), LocalDate.of(2025, 6, 12), false, "test"), "catalogue");
        Instant windowStart = Instant.now().plusSeconds(60);
        updates.schedule(open.id(), windowStart, windowStart.plus(Duration.ofHours(2)), "e2eupdateops");
        ProcessInstance pi = runtime.startProcessInstanceByKey(ApplyUpdateProcess.KEY, Updates.key(open.id()),
                Map.of(Vars.UPDATE_ID, open.id()));
        settle(pi);
        assertThat(pi).isWaitingAtExactly(TIMER_WINDOW_START);
        management.executeJob(job(pi, TIMER_WINDOW_START).getId()); // the window opens
        settle(pi);

        // The pre-update backup went to the client's repository and off-site; the first attempt failed.
        assertThat(pi).hasPassed(BACKUP, CHECK_BACKUP).isWaitingAt(RUN);
        ShopUpdate running = updates.record(open.id());
        BackupRun databaseRun = runs.get(running.getDatabaseBackupRun());
        BackupRun filesRun = runs.get(running.getFilesBackupRun());
        for (BackupRun run : List.of(databaseRun, filesRun)) {
            Assertions.assertThat(run.getTrigger()).isEqualTo(BackupTrigger.BEFORE_CHANGE);
            Assertions.assertThat(run.getStatus()).as("R3.6-a: local and off-site").isEqualTo(BackupRunStatus.MIRRORED);
        }
        Assertions.assertThat(assistant.calls).containsExactly("update:" + open.id() + ":start");
        Assertions.assertThat(MARIADB.rowCounts(database)).as("the update changed the database").isNotEqualTo(rows);
        Assertions.assertThat(describeTree(installPath)).as("the update changed the files").isNotEqualTo(tree);

        // The second attempt, after the retry timeout, fails too: the rollback streams the snapshots back.
        clock.set(Instant.now().plus(Duration.ofMinutes(11)));
        settle(pi);
        assertThat(pi).hasPassedInOrder(RUN, ERROR_UPDATE_FAILED, ROLLBACK, END_ROLLED_BACK, TELL_CLIENT_AFTER)
                .isEnded();
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).list()).isEmpty();
        Assertions.assertThat(assistant.calls).hasSize(2);

        Assertions.assertThat(MARIADB.rowCounts(database)).as("row counts as before").isEqualTo(rows);
        Assertions.assertThat(MARIADB.tableChecksums(database)).as("CHECKSUM TABLE as before").isEqualTo(checksums);
        Assertions.assertThat(describeTree(installPath)).as("every file, its permissions and SHA-256 as before")
                .isEqualTo(tree);

        ShopUpdate u = updates.record(open.id());
        Assertions.assertThat(u.getStatus()).isEqualTo(UpdateStatus.ROLLED_BACK);
        Assertions.assertThat(u.getVersionAfter()).isEqualTo("8.1.6");
        Assertions.assertThat(u.getFailure()).contains("Upgrade of the database failed");
        Assertions.assertThat(u.getRollbackReport()).contains("DATABASE snapshot " + databaseRun.getSnapshotId()
                .substring(0, 8)).contains("FILES snapshot " + filesRun.getSnapshotId().substring(0, 8))
                .contains("HTTP 200").contains("version 8.1.6");
        Assertions.assertThat(SSH.executedCommands()).as("the restore went through SSH into mysql and tar")
                .anyMatch(c -> c.startsWith("mysql --batch") && c.contains(database))
                .anyMatch(c -> c.startsWith("sudo -n tar --extract") && c.contains(installPath.toString()));
        String mail = Mails.text(Mails.to(MAIL, primary, "MAJ-" + u.getId() + " : mise à jour annulée"));
        Assertions.assertThat(mail).contains("répond de nouveau en version 8.1.6");
    }

    // --- the peers' stand-ins at the update ports ---------------------------------------------------

    /**
     * What a failing {@code update:start} leaves behind on the real peers: prices doubled, customers
     * deleted, a view dropped and a column added in MariaDB; the version file at 8.1.7, a class changed
     * and a module file deleted in the install tree; then the assistant exits 1. Idempotent (a retried
     * attempt does the same).
     */
    private static final class DamagingAssistant implements UpdateAssistant {

        final List<String> calls = new CopyOnWriteArrayList<>();
        private final String database;
        private final Path installPath;

        DamagingAssistant(String database, Path installPath) {
            this.database = database;
            this.installPath = installPath;
        }

        @Override
        public String createBackup(long serverId, String operationKey) {
            return "V8.1.6_assistant";
        }

        @Override
        public void startUpdate(long serverId, String operationKey) {
            calls.add(operationKey);
            MARIADB.execute(database, "UPDATE ps_product SET price = price * 2; DELETE FROM ps_customer WHERE"
                    + " id_customer > 100; DROP VIEW IF EXISTS ps_order_totals;"
                    + " ALTER TABLE ps_orders ADD COLUMN IF NOT EXISTS upgraded TINYINT DEFAULT 1;");
            try {
                writeVersion(installPath, "8.1.7");
                Files.writeString(installPath.resolve("classes/order/Order.php"), "<?php\nclass OrderCore {} // 8.1.7\n");
                Files.deleteIfExists(installPath.resolve("modules/ps_shoppingcart/ps_shoppingcart.php"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new RemoteException("ASSISTANT_UPDATE_START on " + installPath + " failed with exit status 1:"
                    + " [ERROR] Upgrade of the database failed: Duplicate column name 'id_order'");
        }

        @Override
        public void restoreBackup(long serverId, String backupName, String operationKey) {
            throw new UnsupportedOperationException("the rollback restores the pre-update snapshots");
        }
    }

    /** Reads {@code app/AppKernel.php} of the shop on this machine (the embedded SSH server's). */
    private static final class LocalShopVersions implements ShopVersions {

        private static final Pattern VERSION = Pattern.compile("const VERSION = '([^']+)';");
        private final Path installPath;
        private final long serverId;
        private final Clock clock;

        LocalShopVersions(Path installPath, long serverId, Clock clock) {
            this.installPath = installPath;
            this.serverId = serverId;
            this.clock = clock;
        }

        @Override
        public ShopVersionReading read(long server) {
            Assertions.assertThat(server).isEqualTo(serverId);
            try {
                Matcher m = VERSION.matcher(Files.readString(installPath.resolve("app/AppKernel.php")));
                if (!m.find()) {
                    throw new ShopVersionNotFoundException("No VERSION in app/AppKernel.php");
                }
                return new ShopVersionReading(server, PrestaShopVersion.parse(m.group(1)), "app/AppKernel.php",
                        clock.instant());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Optional<ShopVersionReading> latest(long server) {
            return Optional.empty();
        }

        @Override
        public List<ShopVersionReading> latestOfAll() {
            return List.of();
        }
    }

    // --- the shop's files --------------------------------------------------------------------------

    private static void writeShopTree(Path root, String version) throws IOException {
        for (String d : List.of("app", "config", "classes/order", "img/p/1", "modules/ps_shoppingcart",
                "modules/autoupgrade", "var/cache/prod")) {
            Files.createDirectories(root.resolve(d));
        }
        writeVersion(root, version);
        Files.writeString(root.resolve("index.php"), "<?php\nrequire dirname(__FILE__).'/config/config.inc.php';\n");
        Files.writeString(root.resolve("config/settings.inc.php"), "<?php\ndefine('_DB_SERVER_', '127.0.0.1');\n");
        Files.setPosixFilePermissions(root.resolve("config/settings.inc.php"), PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(root.resolve("classes/order/Order.php"), "<?php\nclass OrderCore extends ObjectModel {}\n");
        byte[] image = new byte[120_000];
        new Random(7).nextBytes(image);
        Files.write(root.resolve("img/p/1/1.jpg"), image);
        Files.writeString(root.resolve("modules/ps_shoppingcart/ps_shoppingcart.php"), "<?php class Ps_Shoppingcart {}\n");
        Files.writeString(root.resolve("modules/autoupgrade/autoupgrade.php"), "<?php class Autoupgrade {}\n");
        Files.createFile(root.resolve("var/cache/prod/.gitkeep"));
    }

    private static void writeVersion(Path root, String version) throws IOException {
        Files.writeString(root.resolve("app/AppKernel.php"), "<?php\nclass AppKernel extends Kernel\n{\n"
                + "    const VERSION = '" + version + "';\n    const MAJOR_VERSION_STRING = '8';\n}\n");
    }

    /** Relative path to type, permissions and SHA-256 of the content, for every entry under root. */
    private static Map<String, String> describeTree(Path root) throws Exception {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
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
