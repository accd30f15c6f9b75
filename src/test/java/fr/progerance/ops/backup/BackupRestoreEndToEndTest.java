package fr.progerance.ops.backup;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import fr.progerance.ops.backup.offsite.EmbeddedFtpServer;
import fr.progerance.ops.backup.offsite.OffsiteStore;
import fr.progerance.ops.backup.repository.ClientRepositories;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restore.RestoreProcess.Elements;
import fr.progerance.ops.backup.restore.RestoreProcess.Vars;
import fr.progerance.ops.backup.restore.RestoreRequest;
import fr.progerance.ops.backup.restore.RestoreService;
import fr.progerance.ops.backup.restore.RestoreStatus;
import fr.progerance.ops.backup.restore.RestoreTestPorts;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.security.OpsGroups;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
 * Issue 8 end to end (R3.6-a, R3.6-b, R3.6-d, R3.6-e, DESIGN rule 10): the running application with
 * every backup port switched to the real implementation ({@link BackupTestPorts.Real}): restic
 * 0.14, the SSH transfer to a real SSH server (pinned host key) running the real mysqldump, mysql,
 * mysqlcheck and GNU tar against a real MariaDB, the real FTP off-site store on a real FTP server,
 * the per-client repositories on disk; GreenMail for the French mails, a loopback shop for the
 * check. Only the clock is the test's: the backups run at the wall-clock time (restic stamps its
 * snapshots with it), the restores at a known Tuesday morning after it, so the R3.6-d deadline is
 * worked out by hand from RC-business.
 *
 * <p>A PrestaShop-like database and install tree are backed up and mirrored off-site through the
 * API; the local repository and restic's cache are destroyed; the off-site copy is fetched back
 * ({@link OffsiteStore#fetch}, the documented recovery step: there is no operator command for it);
 * the live data is damaged; both kinds are restored through {@code Restore} (one validated by the
 * signed link over HTTP, one by a written validation recorded in Tasklist's task over
 * {@code /engine-rest}); rows, {@code CHECKSUM TABLE} and every file's SHA-256 are back.
 */
@OpsSpringBootTest
@DisplayName("Backup, off-site mirror, loss of the local repository, restore from the off-site copy (real peers)")
class BackupRestoreEndToEndTest {

    @RegisterExtension
    static final MariaDbServer MARIADB = MariaDbServer.shared();

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final TestShop SHOP = new TestShop();

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm",
            Locale.FRENCH);
    /** The password file named by the test profile's ops.backup.offsite.password-file. */
    private static final Path FTP_PASSWORD_FILE = Path.of(System.getProperty("user.dir"), "target", "test-backups",
            "offsite-ftp.password");
    private static final String OPS_USER = "e2ebackupops";

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
    TaskService tasks;
    @Autowired
    IdentityService identity;
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
    BackupRuns runs;
    @Autowired
    RepositoryLocator repositories;
    @Autowired
    OffsiteStore offsite;
    @Autowired
    RestoreService restores;
    @Autowired
    ClientRepositories clientRepositories;

    private TestApi ops;
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
        ops = TestApi.as(port, BackupFixture.user(identity, OPS_USER, OpsGroups.OPS), BackupFixture.PASSWORD);
        database = RegisterApi.unique("e2e_shop").replace('-', '_');
        installPath = Files.createDirectories(dir.resolve("www").resolve(database).resolve("prestashop"));
        real.on();
    }

    @AfterEach
    void tearDown() {
        if (clientId != null) {
            // R8.2: the client's repository and password file go (target/ outlives the JVM; ids restart at 1).
            clientRepositories.delete(clientId);
        }
        if (database != null) {
            MARIADB.dropDatabase(database);
        }
        real.off();
        identity.clearAuthentication();
        clock.reset();
        BpmnAwareTests.reset();
    }

    @Test
    @DisplayName("R3.6-a, R3.6-b, R3.6-d, R3.6-e: database and files backed up and mirrored off-site (3-2-1 OK); the local repository destroyed; restored from the fetched off-site copy with identical rows, table checksums and files, within 4 business hours, the French report naming the backup point")
    void restoreFromTheOffsiteCopyAfterTheLocalRepositoryIsLost_R3_6_a_R3_6_d_R3_6_e() throws Exception {
        // 1. The register: a client, its ACTIVE contract, a server reached over real SSH with its pinned host key.
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

        // The production data: a PrestaShop-like database and install tree.
        MARIADB.createDatabase(database);
        MARIADB.loadPrestaShopFixture(database);
        writeShopTree(installPath);
        Map<String, Long> rows = MARIADB.rowCounts(database);
        Map<String, String> checksums = MARIADB.tableChecksums(database);
        Map<String, String> tree = describeTree(installPath);
        Assertions.assertThat(rows).containsEntry("ps_orders", 5000L).containsEntry("ps_customer", 2000L);
        Assertions.assertThat(tree).hasSizeGreaterThan(8);

        // 2. R3.6-a, R3.6-b: a database and a files backup through the API, driven to MIRRORED on the real ports.
        String databaseRun = backUp(serverId, BackupKind.DATABASE);
        String filesRun = backUp(serverId, BackupKind.FILES);
        BackupRun db = runs.get(databaseRun);
        BackupRun files = runs.get(filesRun);
        Assertions.assertThat(List.of(db.getStatus(), files.getStatus())).containsOnly(BackupRunStatus.MIRRORED);
        Assertions.assertThat(db.getBytes()).as("the dump's size").isGreaterThan(1_000_000L);
        ResticRepository repository = repositories.repository(clientId);
        Path remoteCopy = ftp.home().resolve(repositories.offsiteName(clientId));
        Assertions.assertThat(remoteCopy.resolve("config")).as("the off-site copy on the FTP server").isRegularFile();
        Assertions.assertThat(filesUnder(remoteCopy)).as("R3.6-a: the off-site copy holds the whole repository")
                .isEqualTo(filesUnder(repository.location()).stream().filter(f -> !f.startsWith("locks/")).toList());

        TestApi.Answer status = ops.get("/api/servers/" + serverId + "/backups");
        Assertions.assertThat(status.status()).as(status.toString()).isEqualTo(200);
        for (BackupKind kind : List.of(BackupKind.DATABASE, BackupKind.FILES)) {
            JsonNode view = kindView(status.json(), kind);
            String snapshot = kind == BackupKind.DATABASE ? db.getSnapshotId() : files.getSnapshotId();
            Assertions.assertThat(view.get("status").asText()).as("R3.6-a 3-2-1 status of %s", kind).isEqualTo("OK");
            Assertions.assertThat(view.get("latest").get("id").asText()).isEqualTo(snapshot);
            Assertions.assertThat(text(view.get("latest").get("where"))).containsExactly("LOCAL", "OFFSITE");
        }

        // 3. The backup volume is lost: the local repository and restic's cache are gone.
        deleteTree(repository.location());
        deleteTree(backupSettingsCacheDir());
        Assertions.assertThat(repository.location()).doesNotExist();
        TestApi.Answer nothing = ops.post("/api/servers/" + serverId + "/restores",
                body("snapshotId", db.getSnapshotId(), "reason", "Base endommagée"));
        Assertions.assertThat(nothing.status()).as("no local repository, no backup point: " + nothing).isEqualTo(404);
        // The documented recovery step: the off-site copy is fetched back into the repository's place.
        OffsiteStore.MirrorReport fetched = offsite.fetch(repositories.offsiteName(clientId), repository.location());
        Assertions.assertThat(fetched.filesTransferred()).isEqualTo(filesUnder(remoteCopy).size());

        // 4. The live data is damaged: a table dropped, rows deleted and changed; files deleted and changed.
        MARIADB.execute(database, "DROP VIEW ps_order_totals; DROP TABLE ps_orders;"
                + " DELETE FROM ps_customer WHERE id_customer > 100; UPDATE ps_product SET price = 0, quantity = 0;");
        Assertions.assertThat(MARIADB.rowCounts(database)).isNotEqualTo(rows);
        Files.delete(installPath.resolve("index.php"));
        Files.writeString(installPath.resolve("config/settings.inc.php"), "<?php // piraté\n");
        Files.write(installPath.resolve("img/p/1/1.jpg"), new byte[] {0, 1, 2});
        deleteTree(installPath.resolve("modules/ps_shoppingcart"));
        Assertions.assertThat(describeTree(installPath)).isNotEqualTo(tree);

        // 5. R3.6-d: restores from the fetched copy on a Tuesday morning after the backups (RC-business: 9h-18h).
        ZonedDateTime tuesday = nextWorkingTuesday(10, 0);
        clock.set(tuesday.toInstant());
        long databaseRestore = restoreValidatedByLink(serverId, db.getSnapshotId(), primary, tuesday);
        Assertions.assertThat(MARIADB.rowCounts(database)).as("R3.6-d row counts").isEqualTo(rows);
        Assertions.assertThat(MARIADB.tableChecksums(database)).as("R3.6-d CHECKSUM TABLE").isEqualTo(checksums);

        clock.set(tuesday.plusMinutes(40).toInstant());
        long filesRestore = restoreValidatedInWriting(serverId, files.getSnapshotId(), tuesday.plusMinutes(40));
        Assertions.assertThat(describeTree(installPath)).as("R3.6-d the file tree, SHA-256 per file").isEqualTo(tree);

        // R3.6-d: both finished within 4 business hours of their validation; R3.6-e: the reports name the point.
        RestoreRequest r = restores.get(databaseRestore);
        Assertions.assertThat(r.getKind()).isEqualTo(BackupKind.DATABASE);
        Assertions.assertThat(r.getValidationChannel()).isEqualTo(RestoreRequest.ValidationChannel.LINK);
        Assertions.assertThat(r.getValidatedAt()).isEqualTo(tuesday.plusMinutes(5).toInstant());
        Assertions.assertThat(r.getDueAt()).as("Tuesday 10:05 + 4 business hours").isEqualTo(
                tuesday.plusHours(4).plusMinutes(5).toInstant());
        Assertions.assertThat(r.getFinishedAt()).isEqualTo(tuesday.plusMinutes(30).toInstant());
        Assertions.assertThat(r.getDeadlineMet()).isTrue();
        Assertions.assertThat(r.getTableCount()).as("mysqlcheck over SSH").isGreaterThanOrEqualTo(4);
        assertReport(databaseRestore, primary, r, db, "la base de données de la boutique", "(lien de validation)");

        RestoreRequest f = restores.get(filesRestore);
        Assertions.assertThat(f.getKind()).isEqualTo(BackupKind.FILES);
        Assertions.assertThat(f.getValidationChannel()).isEqualTo(RestoreRequest.ValidationChannel.WRITTEN);
        Assertions.assertThat(f.getValidationRecordedBy()).isEqualTo(OPS_USER);
        Assertions.assertThat(f.getDueAt()).as("Tuesday 10:45 + 4 business hours").isEqualTo(
                tuesday.plusHours(4).plusMinutes(45).toInstant());
        Assertions.assertThat(f.getDeadlineMet()).isTrue();
        assertReport(filesRestore, primary, f, files, "les fichiers de la boutique",
                "(validation écrite : courriel du client");
    }

    // --- backups -----------------------------------------------------------------------------------

    /** POST /api/servers/{id}/backups, then the prepare job and the worker, as the job executor would. */
    private String backUp(long serverId, BackupKind kind) {
        TestApi.Answer started = ops.post("/api/servers/" + serverId + "/backups", body("kind", kind.name()));
        Assertions.assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String pid = started.json().get("processInstanceId").asText();
        ProcessInstance pi = instance(pid);
        executeJob(pid, BackupProcess.Elements.PREPARE);
        worker.drain();
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pid).list()).as("incidents of %s", kind)
                .isEmpty();
        BackupRun run = runs.ofProcessInstance(pid);
        Assertions.assertThat(run.getFailureMessage()).as("%s backup failure", kind).isNull();
        assertThat(pi).hasPassedInOrder(BackupProcess.Elements.RUN_BACKUP, BackupProcess.Elements.MIRROR,
                BackupProcess.Elements.END).isEnded();
        return run.getId();
    }

    private static JsonNode kindView(JsonNode status, BackupKind kind) {
        for (JsonNode k : status.get("kinds")) {
            if (k.get("kind").asText().equals(kind.name())) {
                return k;
            }
        }
        throw new AssertionError("no " + kind + " in " + status);
    }

    private static List<String> text(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private Path backupSettingsCacheDir() {
        // The test profile's ops.backup.restic.cache-dir.
        return Path.of(System.getProperty("user.dir"), "target", "test-backups", "restic-cache");
    }

    // --- restores ----------------------------------------------------------------------------------

    /** The database restore: requested through the API, validated by the client's signed link (HTTP). */
    private long restoreValidatedByLink(long serverId, String snapshotId, String primary, ZonedDateTime at)
            throws Exception {
        ProcessInstance pi = requestRestore(serverId, snapshotId, "Commandes effacées par un module");
        long id = Long.parseLong(pi.getBusinessKey());
        executeJob(pi.getId(), Elements.REQUEST_VALIDATION);
        String asked = Mails.text(Mails.to(MAIL, primary, "RST-" + id + " : Votre décision est requise"));
        Assertions.assertThat(asked).contains("Point de sauvegarde : " + french(runsSnapshotTime(id)));

        clock.set(at.plusMinutes(5).toInstant());
        HttpResponse<String> answered = answerLink(asked, "APPROVE");
        Assertions.assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        executeJob(pi.getId(), Elements.RECORD_VALIDATION);
        runRestoreAndConfirm(pi, at.plusMinutes(10), at.plusMinutes(30));
        return id;
    }

    /** The files restore: requested through the API, the client's written validation recorded by ops in Tasklist. */
    private long restoreValidatedInWriting(long serverId, String snapshotId, ZonedDateTime at) throws Exception {
        ProcessInstance pi = requestRestore(serverId, snapshotId, "Fichiers modifiés par un thème piraté");
        long id = Long.parseLong(pi.getBusinessKey());
        executeJob(pi.getId(), Elements.REQUEST_VALIDATION);
        clock.set(at.plusMinutes(5).toInstant());
        completeAsOps(pi, Elements.RECORD_WRITTEN_VALIDATION, Map.of(Vars.WRITTEN_ANSWER, "APPROVE",
                Vars.WRITTEN_REFERENCE, "courriel du client reçu à " + at.plusMinutes(3).toLocalTime()));
        executeJob(pi.getId(), Elements.RECORD_VALIDATION);
        runRestoreAndConfirm(pi, at.plusMinutes(10), at.plusMinutes(20));
        return id;
    }

    private ProcessInstance requestRestore(long serverId, String snapshotId, String reason) {
        TestApi.Answer answer = ops.post("/api/servers/" + serverId + "/restores",
                body("snapshotId", snapshotId, "reason", reason));
        Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        ProcessInstance pi = instance(answer.json().get("processInstanceId").asText());
        assertThat(pi).isWaitingAtExactly(Elements.REQUEST_VALIDATION);
        return pi;
    }

    /** The restore stream on the real ports, the real checks (shop, mysqlcheck over SSH), ops' confirmation, the report. */
    private void runRestoreAndConfirm(ProcessInstance pi, ZonedDateTime run, ZonedDateTime checked) throws Exception {
        assertThat(pi).isWaitingAt(Elements.RUN_RESTORE);
        clock.set(run.toInstant());
        Assertions.assertThat(worker.drain()).isEqualTo(1);
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).list()).isEmpty();
        clock.set(checked.toInstant());
        executeJob(pi.getId(), Elements.CHECK);
        assertThat(pi).hasPassed(Elements.GATEWAY_HEALTHY).isWaitingAt(Elements.CONFIRM);
        completeAsOps(pi, Elements.CONFIRM, Map.of(Vars.SHOP_CHECKED, true, Vars.REMARKS, "Boutique vérifiée"));
        executeJob(pi.getId(), Elements.SEND_REPORT);
        assertThat(pi).hasPassed(Elements.END_RESTORED).isEnded();
        Assertions.assertThat(restores.get(Long.parseLong(pi.getBusinessKey())).getStatus())
                .isEqualTo(RestoreStatus.RESTORED);
    }

    /** Tasklist's completion: the logged-in ops user through /engine-rest, with the task's own variables. */
    private void completeAsOps(ProcessInstance pi, String taskKey, Map<String, Object> values) {
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
        Assertions.assertThat(task).as("task %s", taskKey).isNotNull();
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
        TestApi.Answer done = ops.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", variables));
        Assertions.assertThat(done.status()).as(done.toString()).isIn(200, 204);
    }

    /** The client follows the signed link of the mail and answers on the decision page. */
    private HttpResponse<String> answerLink(String mail, String answer) throws Exception {
        Matcher link = Pattern.compile("https?://[^\\s/]+(/decisions/[^\\s?#]+)").matcher(mail);
        Assertions.assertThat(link.find()).as("a signed link in:\n%s", mail).isTrue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + link.group(1))).header("Accept", "text/html").header("Content-Type",
                        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("answer=" + answer))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private Instant runsSnapshotTime(long restoreId) {
        return restores.get(restoreId).getSnapshotTime();
    }

    /** R3.6-e: the French report names the backup point (date, time, short id) and the deadline kept. */
    private void assertReport(long restoreId, String primary, RestoreRequest r, BackupRun backup, String what,
            String channel) throws Exception {
        Assertions.assertThat(r.getSnapshotId()).isEqualTo(backup.getSnapshotId());
        String report = Mails.text(Mails.to(MAIL, primary, "RST-" + restoreId + " : restauration de votre serveur"));
        Assertions.assertThat(report).contains("Élément restauré : " + what)
                .contains("Point de sauvegarde utilisé : " + french(backup.getSnapshotTime())
                        + " (heure de Paris, sauvegarde " + backup.getSnapshotId().substring(0, 8) + ")")
                .contains(channel)
                .contains("Délai contractuel (4 heures ouvrées après validation) : " + french(r.getDueAt())
                        + " — respecté")
                .contains("ne relèvent pas de notre responsabilité");
    }

    private static String french(Instant instant) {
        return FRENCH.format(instant.atZone(PARIS));
    }

    /**
     * A Tuesday after today at {@code hour}:{@code minute}, Paris, that is a working day (RC-holidays:
     * the movable feasts fall on Mondays and Thursdays; only the fixed-date ones can be a Tuesday).
     */
    private static ZonedDateTime nextWorkingTuesday(int hour, int minute) {
        Set<MonthDay> fixed = Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(5, 8), MonthDay.of(7, 14),
                MonthDay.of(8, 15), MonthDay.of(11, 1), MonthDay.of(11, 11), MonthDay.of(12, 25));
        LocalDate day = LocalDate.now(PARIS).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
        while (fixed.contains(MonthDay.from(day))) {
            day = day.plusWeeks(1);
        }
        return day.atTime(hour, minute).atZone(PARIS);
    }

    // --- engine ------------------------------------------------------------------------------------

    private ProcessInstance instance(String id) {
        return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private void executeJob(String processInstanceId, String activityId) {
        Job job = management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId)
                .singleResult();
        Assertions.assertThat(job).as("the job of %s", activityId).isNotNull();
        management.executeJob(job.getId());
    }

    // --- the shop's files --------------------------------------------------------------------------

    private static void writeShopTree(Path root) throws IOException {
        for (String d : List.of("config", "classes/order", "controllers/front", "img/p/1", "img/c",
                "modules/ps_shoppingcart/views/templates", "themes/classic/assets/css", "var/cache/prod")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.writeString(root.resolve("index.php"), "<?php\nrequire dirname(__FILE__).'/config/config.inc.php';\n"
                + "Dispatcher::getInstance()->dispatch();\n");
        Files.writeString(root.resolve("config/settings.inc.php"), "<?php\ndefine('_DB_SERVER_', '127.0.0.1');\n"
                + "define('_DB_PASSWD_', 'x\\\\y');\n");
        Files.setPosixFilePermissions(root.resolve("config/settings.inc.php"), PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(root.resolve("classes/order/Order.php"), "<?php\nclass OrderCore extends ObjectModel {}\n");
        Files.writeString(root.resolve("controllers/front/CartController.php"), "<?php // panier, « été » ✓\n");
        Files.write(root.resolve("img/p/1/1.jpg"), randomBytes(250_000, 1));
        Files.write(root.resolve("img/c/3-category_default.jpg"), randomBytes(40_000, 2));
        Files.writeString(root.resolve("modules/ps_shoppingcart/ps_shoppingcart.php"), "<?php class Ps_Shoppingcart {}\n");
        Files.writeString(root.resolve("modules/ps_shoppingcart/views/templates/modal.tpl"), "{* Smarty *}\n");
        Files.writeString(root.resolve("themes/classic/assets/css/theme.css"), "body { color: #232323; }\n");
        Files.createFile(root.resolve("var/cache/prod/.gitkeep"));
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
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

    /** Files under a directory, relative, sorted. */
    private static List<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
