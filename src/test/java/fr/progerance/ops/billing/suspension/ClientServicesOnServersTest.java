package fr.progerance.ops.billing.suspension;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.MariaDbServer;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.backup.BackupFixture;
import fr.progerance.ops.backup.BackupTestPorts;
import fr.progerance.ops.backup.offsite.EmbeddedFtpServer;
import fr.progerance.ops.backup.offsite.OffsiteException;
import fr.progerance.ops.backup.offsite.OffsiteStore;
import fr.progerance.ops.backup.repository.ClientRepositories;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.ClientRepository;
import fr.progerance.ops.contract.Prerequisite;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.remote.RemoteCommandFailedException;
import fr.progerance.ops.remote.RemoteException;
import fr.progerance.ops.remote.RemoteExecutor;
import fr.progerance.ops.remote.RemoteOperations;
import fr.progerance.ops.security.OpsGroups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
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
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@link ClientServicesOnServers} against real peers (DESIGN rule 10): a real SSH server (pinned host
 * key) running the real {@code touch}, {@code rm}, {@code mysql} and {@code mysqladmin} against the
 * real MariaDB, through a {@code sudo} stand-in that plays the server's sudoers rule and a
 * {@code systemctl} stand-in that keeps each unit's state in files (the test machine runs no
 * systemd); real restic repositories and the real FTP off-site store on an embedded FTP server.
 */
@OpsSpringBootTest
@DisplayName("R7.3, R8.2: suspension, reactivation and deletion on the servers and the repositories (real peers)")
class ClientServicesOnServersTest {

    @RegisterExtension
    static final MariaDbServer MARIADB = MariaDbServer.shared();

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    /** The password file named by the test profile's ops.backup.offsite.password-file. */
    private static final Path FTP_PASSWORD_FILE = Path.of(System.getProperty("user.dir"), "target", "test-backups",
            "offsite-ftp.password");

    /**
     * The systemctl stand-in: a unit is enabled while {@code <unit>.enabled} exists in
     * {@code $FAKE_SYSTEMD}, active while {@code <unit>.active} exists; {@code fail-<verb>-<unit>} makes
     * the next such call fail (and goes), {@code broken-<unit>} keeps the unit from becoming active.
     */
    private static final String SYSTEMCTL = """
            #!/bin/sh
            state="$FAKE_SYSTEMD"
            verb="$1"; shift
            now=no
            while [ $# -gt 0 ]; do
              case "$1" in
                --now) now=yes; shift ;;
                --) shift; break ;;
                -*) echo "systemctl stand-in: unexpected option $1" >&2; exit 64 ;;
                *) break ;;
              esac
            done
            [ $# -eq 1 ] || { echo "systemctl stand-in: one unit expected, got $#" >&2; exit 64; }
            unit="$1"
            if [ -e "$state/fail-$verb-$unit" ]; then
              rm -f "$state/fail-$verb-$unit"
              echo "Failed to $verb unit $unit: Access denied (simulated)" >&2
              exit 1
            fi
            case "$verb" in
              disable) rm -f "$state/$unit.enabled"; [ "$now" = yes ] && rm -f "$state/$unit.active"; exit 0 ;;
              enable) touch "$state/$unit.enabled"
                      [ "$now" = yes ] && [ ! -e "$state/broken-$unit" ] && touch "$state/$unit.active"; exit 0 ;;
              is-active) if [ -e "$state/$unit.active" ]; then echo active; exit 0; else echo inactive; exit 3; fi ;;
              *) echo "systemctl stand-in: unknown verb $verb" >&2; exit 64 ;;
            esac
            """;

    private static final Instant DECIDED = Instant.parse("2026-04-16T00:00:00Z");

    @TempDir
    static Path dir;

    private static Path systemd;
    private static EmbeddedFtpServer ftp;

    @LocalServerPort
    int port;
    @Autowired
    ClientServices services;
    @Autowired
    ClientServers register;
    @Autowired
    RemoteOperations operations;
    @Autowired
    RemoteExecutor executor;
    @Autowired
    BillingSettings settings;
    @Autowired
    DeletionAuditRepository auditRecords;
    @Autowired
    DeletionAuditLog audits;
    @Autowired
    DeletionHoldService holds;
    @Autowired
    ClientRepository clients;
    @Autowired
    ContractClock contractClock;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ClientRepositories repositories;
    @Autowired
    OffsiteStore offsite;
    @Autowired
    BackupTestPorts.Real real;
    @Autowired
    MovableClock clock;
    @Autowired
    IdentityService identity;

    private final List<Long> clientIds = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();

    @BeforeAll
    static void peers() throws IOException {
        MARIADB.start();
        Path home = Files.createDirectories(dir.resolve("home"));
        MARIADB.writeClientConfig(home.resolve(".my.cnf"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // The server's sudoers rule, played by a stand-in that runs the command as the SSH user.
        executable(bin.resolve("sudo"), "#!/bin/sh\n[ \"$1\" = \"-n\" ] && shift\nexec \"$@\"\n");
        executable(bin.resolve("systemctl"), SYSTEMCTL);
        systemd = Files.createDirectories(dir.resolve("systemd"));
        SSH.start().environment("HOME", home.toString()).environment("FAKE_SYSTEMD", systemd.toString())
                .prependPath(bin);
        ftp = EmbeddedFtpServer.plain(dir.resolve("ftp"), TestPorts.FTP);
        writeFtpPassword(EmbeddedFtpServer.PASSWORD);
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
        try (Stream<Path> files = Files.list(systemd)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        real.on();
    }

    @AfterEach
    void tearDown() throws IOException {
        real.off();
        clock.reset();
        writeFtpPassword(EmbeddedFtpServer.PASSWORD);
        for (long clientId : clientIds) {
            repositories.delete(clientId); // target/ outlives the JVM; ids restart at 1
        }
        for (String database : databases) {
            MARIADB.dropDatabase(database);
        }
    }

    // --- suspension (R7.3) -----------------------------------------------------------------------

    @Test
    @DisplayName("R7.3 PROGERANCE: every hosting unit stopped and disabled, exactly these commands; the same key again sends nothing")
    void suspendProgerance() {
        Client client = client("PROGERANCE");
        running("nginx.service", "php-fpm.service");

        ClientServices.Report report = services.suspend(client.id(), key("suspend"));

        assertThat(SSH.executedCommands()).containsExactly(
                "sudo -n systemctl disable --now -- 'nginx.service'",
                "sudo -n systemctl disable --now -- 'php-fpm.service'");
        assertThat(stopped("nginx.service", "php-fpm.service")).isTrue();
        Server s = client.servers().get(0);
        assertThat(report.auditId()).isNull();
        assertThat(report.steps()).containsExactly(
                s.name() + " (PROGERANCE): nginx.service stopped and disabled",
                s.name() + " (PROGERANCE): php-fpm.service stopped and disabled");
        assertThat(s.directory()).as("the shop's files stay until the R8.2 deletion").isDirectory();
        assertThat(databaseExists(s.database())).isTrue();
    }

    @Test
    @DisplayName("R7.3 TIERCE: the maintenance flag first, then the services stopped; the web server keeps running for the page; the same key again sends nothing")
    void suspendTierce() {
        Client client = client("TIERCE");
        running("nginx.service", "php-fpm.service");
        Server s = client.servers().get(0);
        Path flag = s.directory().resolve(".ops-maintenance");
        String key = key("suspend");

        ClientServices.Report report = services.suspend(client.id(), key);

        assertThat(SSH.executedCommands()).containsExactly(
                "sudo -n touch -- '" + flag + "'",
                "sudo -n systemctl disable --now -- 'php-fpm.service'");
        assertThat(flag).as("the web server's rule answers 503 while it exists").isRegularFile();
        assertThat(stopped("php-fpm.service")).isTrue();
        assertThat(active("nginx.service")).as("the web server serves the maintenance page").isTrue();
        assertThat(report.steps()).containsExactly(
                s.name() + " (TIERCE): maintenance page on (" + flag + ")",
                s.name() + " (TIERCE): php-fpm.service stopped and disabled");

        SSH.reset();
        ClientServices.Report again = services.suspend(client.id(), key);
        assertThat(SSH.executedCommands()).as("a retried job sends no step that was done").isEmpty();
        assertThat(again.steps()).allMatch(line -> line.endsWith("(already done, not sent again)"));
    }

    @Test
    @DisplayName("R7.3: a unit that fails to stop fails the suspension (non-zero exit); the retry sends only what was not done")
    void failingStopIsRetried() throws IOException {
        Client client = client("PROGERANCE");
        running("nginx.service", "php-fpm.service");
        Files.createFile(systemd.resolve("fail-disable-php-fpm.service"));
        String key = key("suspend");

        assertThatThrownBy(() -> services.suspend(client.id(), key))
                .isInstanceOf(RemoteCommandFailedException.class)
                .hasMessageContaining("DISABLE_SERVICE [php-fpm.service]")
                .hasMessageContaining("exit status 1")
                .hasMessageContaining("Access denied (simulated)");
        assertThat(SSH.executedCommands()).containsExactly(
                "sudo -n systemctl disable --now -- 'nginx.service'",
                "sudo -n systemctl disable --now -- 'php-fpm.service'");
        assertThat(stopped("nginx.service")).isTrue();
        assertThat(active("php-fpm.service")).isTrue();

        SSH.reset();
        ClientServices.Report retried = services.suspend(client.id(), key);
        assertThat(SSH.executedCommands()).containsExactly("sudo -n systemctl disable --now -- 'php-fpm.service'");
        assertThat(stopped("nginx.service", "php-fpm.service")).isTrue();
        assertThat(retried.steps().get(0)).endsWith("nginx.service stopped and disabled (already done, not sent again)");
        assertThat(retried.steps().get(1)).endsWith("php-fpm.service stopped and disabled (attempt 2)");
    }

    // --- reactivation (R8.2) ---------------------------------------------------------------------

    @Test
    @DisplayName("R8.2: reactivation undoes the suspension on both kinds: units enabled and started, checked active, then the maintenance flag removed")
    void reactivationUndoesTheSuspension() {
        Client client = client("PROGERANCE", "TIERCE");
        running("nginx.service", "php-fpm.service");
        Server progerance = client.servers().get(0);
        Server tierce = client.servers().get(1);
        Path flag = tierce.directory().resolve(".ops-maintenance");
        services.suspend(client.id(), key("suspend"));
        assertThat(flag).exists();
        assertThat(stopped("nginx.service", "php-fpm.service")).isTrue();
        SSH.reset();
        String key = key("reactivate");

        ClientServices.Report report = services.reactivate(client.id(), key);

        assertThat(SSH.executedCommands()).containsExactly(
                "sudo -n systemctl enable --now -- 'php-fpm.service'",
                "sudo -n systemctl enable --now -- 'nginx.service'",
                "systemctl is-active -- 'php-fpm.service'",
                "systemctl is-active -- 'nginx.service'",
                "sudo -n systemctl enable --now -- 'php-fpm.service'",
                "systemctl is-active -- 'php-fpm.service'",
                "sudo -n rm -f -- '" + flag + "'");
        assertThat(flag).doesNotExist();
        assertThat(tierce.directory().resolve("index.php")).as("only the flag was removed").isRegularFile();
        for (String unit : List.of("nginx.service", "php-fpm.service")) {
            assertThat(active(unit)).as(unit).isTrue();
            assertThat(systemd.resolve(unit + ".enabled")).as("%s starts again at boot", unit).exists();
        }
        assertThat(report.steps()).contains(progerance.name() + " (PROGERANCE): nginx.service is active",
                tierce.name() + " (TIERCE): maintenance page off (" + flag + " removed)");

        SSH.reset();
        services.reactivate(client.id(), key);
        assertThat(SSH.executedCommands()).as("the same key again: only the read-only checks")
                .allMatch(c -> c.startsWith("systemctl is-active -- "));
    }

    @Test
    @DisplayName("R8.2 TIERCE: a service that does not come back keeps the maintenance page and fails the reactivation; the retry finishes once it is active")
    void maintenancePageStaysUntilTheServicesAreActive() throws IOException {
        Client client = client("TIERCE");
        Path flag = client.servers().get(0).directory().resolve(".ops-maintenance");
        services.suspend(client.id(), key("suspend"));
        Files.createFile(systemd.resolve("broken-php-fpm.service"));
        String key = key("reactivate");

        assertThatThrownBy(() -> services.reactivate(client.id(), key))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("php-fpm.service is not active after it was enabled and started")
                .hasMessageContaining("inactive");
        assertThat(flag).as("visitors still see the maintenance page").exists();

        Files.createFile(systemd.resolve("php-fpm.service.active")); // ops repaired it
        SSH.reset();
        services.reactivate(client.id(), key);
        assertThat(SSH.executedCommands()).containsExactly("systemctl is-active -- 'php-fpm.service'",
                "sudo -n rm -f -- '" + flag + "'");
        assertThat(flag).doesNotExist();
    }

    // --- deletion (R8.2) -------------------------------------------------------------------------

    @Test
    @DisplayName("R8.2: deletion drops each database, removes each shop directory, the local repository and its off-site copy; the audit lists them and survives; another client's data is untouched")
    void deletion() throws Exception {
        Client client = client("PROGERANCE", "TIERCE");
        Client other = client("PROGERANCE");
        backedUpAndMirrored(client.id());
        backedUpAndMirrored(other.id());
        Server a = client.servers().get(0);
        Server b = client.servers().get(1);
        ResticRepository repository = repositories.repository(client.id());
        Path offsiteCopy = ftp.home().resolve(repositories.offsiteName(client.id()));
        assertThat(repository.location().resolve("config")).isRegularFile();
        assertThat(offsiteCopy.resolve("config")).isRegularFile();
        clock.set(DECIDED);
        String key = key("delete");

        ClientServices.Report report = services.delete(client.id(), key, "R8.2");

        assertThat(SSH.executedCommands()).containsExactly(
                "mysql --batch -- '" + a.database() + "'",
                "mysqladmin --force drop -- '" + a.database() + "'",
                "sudo -n rm -rf --one-file-system -- '" + a.directory() + "'",
                "mysql --batch -- '" + b.database() + "'",
                "mysqladmin --force drop -- '" + b.database() + "'",
                "sudo -n rm -rf --one-file-system -- '" + b.directory() + "'");
        for (Server s : client.servers()) {
            assertThat(databaseExists(s.database())).as(s.database()).isFalse();
            assertThat(s.directory()).doesNotExist();
            assertThat(s.directory().getParent()).as("only the shop's directory goes").isDirectory();
        }
        assertThat(repository.location()).doesNotExist();
        assertThat(repository.passwordFile()).doesNotExist();
        assertThat(offsiteCopy).doesNotExist();

        // Another client on the same server and the same backup stores: untouched.
        Server kept = other.servers().get(0);
        assertThat(MARIADB.rowCounts(kept.database())).containsEntry("ps_orders", 3L);
        assertThat(kept.directory().resolve("config/settings.inc.php")).isRegularFile();
        assertThat(repositories.repository(other.id()).location().resolve("config")).isRegularFile();
        assertThat(ftp.home().resolve(repositories.offsiteName(other.id())).resolve("config")).isRegularFile();

        // The audit record, through the managers' API.
        TestApi manager = TestApi.as(port, BackupFixture.user(identity, "deletionauditmanager", OpsGroups.MANAGERS),
                BackupFixture.PASSWORD);
        TestApi ops = TestApi.as(port, BackupFixture.user(identity, "deletionauditops", OpsGroups.OPS),
                BackupFixture.PASSWORD);
        assertThat(report.auditId()).isNotNull();
        TestApi.Answer answer = manager.get("/api/deletions/" + report.auditId());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode audit = answer.json();
        assertThat(audit.get("clientId").asLong()).isEqualTo(client.id());
        assertThat(audit.get("companyName").asText()).isEqualTo(client.companyName());
        assertThat(audit.get("contractReferences")).extracting(JsonNode::asText).containsExactly(client.contract());
        assertThat(audit.get("rule").asText()).isEqualTo("R8.2");
        assertThat(audit.get("decidedBy").asText()).isEqualTo("system");
        assertThat(audit.get("operationKey").asText()).isEqualTo(key);
        assertThat(OffsetDateTime.parse(audit.get("decidedAt").asText()).toInstant()).isEqualTo(DECIDED);
        assertThat(OffsetDateTime.parse(audit.get("completedAt").asText()).toInstant()).isEqualTo(DECIDED);
        List<String> items = new ArrayList<>();
        for (JsonNode item : audit.get("items")) {
            items.add(item.get("kind").asText() + " " + (item.get("serverName").isNull() ? "-"
                    : item.get("serverName").asText() + " " + item.get("serverAddress").asText()) + " "
                    + item.get("target").asText() + ": " + item.get("outcome").asText().replaceFirst(" .*", ""));
            assertThat(OffsetDateTime.parse(item.get("doneAt").asText()).toInstant()).isEqualTo(DECIDED);
        }
        assertThat(items).containsExactly(
                "DATABASE " + a.name() + " 127.0.0.1 " + a.database() + ": dropped",
                "DIRECTORY " + a.name() + " 127.0.0.1 " + a.directory() + ": removed",
                "DATABASE " + b.name() + " 127.0.0.1 " + b.database() + ": dropped",
                "DIRECTORY " + b.name() + " 127.0.0.1 " + b.directory() + ": removed",
                "LOCAL_REPOSITORY - " + repository.location() + ": deleted:",
                "OFFSITE_COPY - " + repositories.offsiteName(client.id()) + ": deleted");
        assertThat(audit.get("items").get(4).get("outcome").asText()).contains("repository " + repository.location())
                .contains("password file");
        assertThat(manager.get("/api/deletions?clientId=" + client.id()).json()).hasSize(1);
        assertThat(manager.get("/api/deletions").json()).extracting(d -> d.get("id").asLong())
                .contains(report.auditId());
        assertThat(ops.get("/api/deletions/" + report.auditId()).status()).as("managers only").isEqualTo(403);
        assertThat(ops.get("/api/deletions").status()).isEqualTo(403);
        assertThat(manager.get("/api/deletions/999999999").status()).isEqualTo(404);
        assertThat(clients.existsById(client.id())).as("the client's record is kept").isTrue();

        // The same key again: nothing sent, nothing deleted twice, the same record.
        SSH.reset();
        ClientServices.Report again = services.delete(client.id(), key, "R8.2");
        assertThat(SSH.executedCommands()).isEmpty();
        assertThat(again.auditId()).isEqualTo(report.auditId());
        assertThat(again.steps()).hasSize(6).allMatch(line -> line.endsWith("(done before)"));
    }

    @Test
    @DisplayName("R8.2: a deletion that fails half-way resumes on retry with what is not done; a database already gone is recorded, not dropped again")
    void deletionResumes() throws Exception {
        Client client = client("TIERCE");
        backedUpAndMirrored(client.id());
        Server s = client.servers().get(0);
        MARIADB.dropDatabase(s.database()); // gone already (by hand, or a drop whose result was lost)
        Path offsiteCopy = ftp.home().resolve(repositories.offsiteName(client.id()));
        writeFtpPassword("not-the-password"); // the off-site store refuses the login
        String key = key("delete");

        assertThatThrownBy(() -> services.delete(client.id(), key, "R8.2")).isInstanceOf(OffsiteException.class);
        assertThat(SSH.executedCommands()).containsExactly(
                "mysql --batch -- '" + s.database() + "'",
                "sudo -n rm -rf --one-file-system -- '" + s.directory() + "'");
        assertThat(s.directory()).doesNotExist();
        assertThat(repositories.repository(client.id()).location()).doesNotExist();
        assertThat(offsiteCopy).isDirectory();
        DeletionAudit audit = audits.find(key).orElseThrow();
        assertThat(audit.getCompletedAt()).isNull();
        assertThat(audit.getItems()).extracting(DeletionAuditItem::isDone).containsExactly(true, true, true, false);
        assertThat(audit.getItems().get(0).getOutcome()).startsWith("no database " + s.database() + " on the server");

        writeFtpPassword(EmbeddedFtpServer.PASSWORD);
        SSH.reset();
        ClientServices.Report report = services.delete(client.id(), key, "R8.2");
        assertThat(SSH.executedCommands()).as("the server's steps were done").isEmpty();
        assertThat(offsiteCopy).doesNotExist();
        assertThat(report.auditId()).isEqualTo(audit.getId());
        assertThat(audits.get(audit.getId()).getCompletedAt()).isNotNull();
    }

    @Test
    @DisplayName("R8.2: nothing is deleted without the audit record: when it cannot be written, no command is sent and every copy stays")
    void failingAuditWriteDeletesNothing() throws Exception {
        Client client = client("PROGERANCE");
        backedUpAndMirrored(client.id());
        Server s = client.servers().get(0);
        DeletionAuditLog refusing = new DeletionAuditLog(auditRecords, clients, holds, contractClock, transactions) {
            @Override
            public DeletionAudit open(RegisteredServices plan, String operationKey, String rule, String localRepository,
                    String offsiteName) {
                throw new DataAccessResourceFailureException("the database refuses the write (simulated)");
            }
        };
        ClientServicesOnServers deleting = new ClientServicesOnServers(register, operations, executor, settings,
                refusing, repositories, offsite);
        String key = key("delete");

        assertThatThrownBy(() -> deleting.delete(client.id(), key, "R8.2"))
                .isInstanceOf(DataAccessResourceFailureException.class);

        assertThat(SSH.executedCommands()).isEmpty();
        assertThat(databaseExists(s.database())).isTrue();
        assertThat(s.directory().resolve("index.php")).isRegularFile();
        assertThat(repositories.repository(client.id()).location().resolve("config")).isRegularFile();
        assertThat(ftp.home().resolve(repositories.offsiteName(client.id())).resolve("config")).isRegularFile();
        assertThat(audits.find(key)).isEmpty();
    }

    @Test
    @DisplayName("R8.2: a standing deletion hold refuses the deletion before anything is written or deleted")
    void heldClientIsNotDeleted() throws Exception {
        Client client = client("PROGERANCE");
        Server s = client.servers().get(0);
        DeletionHold hold = holds.place(client.id(), DeletionHoldReason.LEGAL_REQUEST, "Réquisition", "testmanager");
        String key = key("delete");

        assertThatThrownBy(() -> services.delete(client.id(), key, "R8.2")).isInstanceOf(DeletionHeldException.class);
        assertThat(SSH.executedCommands()).isEmpty();
        assertThat(databaseExists(s.database())).isTrue();
        assertThat(s.directory()).isDirectory();
        assertThat(audits.find(key)).isEmpty();

        holds.lift(client.id(), hold.getId(), "testmanager");
        services.delete(client.id(), key, "R8.2");
        assertThat(databaseExists(s.database())).isFalse();
    }

    @Test
    @DisplayName("R8.2: a database or directory another client's server also uses on the same address is never deleted")
    void sharedDataIsRefused() throws Exception {
        Client client = client("PROGERANCE");
        Server s = client.servers().get(0);
        Client other = client("PROGERANCE");
        Server elsewhere = other.servers().get(0);
        // The register says the other client's shop lives in the same database, in a directory below.
        RegisterApi api = new RegisterApi(port);
        TestApi.Answer moved = api.api.put("/api/servers/" + elsewhere.id(), with(RegisterApi.serverBody(
                other.contractId(), "PROGERANCE"), "name", elsewhere.name(), "address", SSH.host(), "sshPort",
                SSH.port(), "sshUser", SSH.user(), "hostKeyFingerprint", SSH.hostKeyFingerprint(),
                "databaseName", s.database(), "installPath", s.directory() + "/modules"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        String key = key("delete");

        assertThatThrownBy(() -> services.delete(client.id(), key, "R8.2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing was deleted")
                .hasMessageContaining("the database " + s.database() + " on 127.0.0.1 is also the database of server "
                        + elsewhere.name())
                .hasMessageContaining("the directory " + s.directory() + " on 127.0.0.1 overlaps");
        assertThat(SSH.executedCommands()).isEmpty();
        assertThat(databaseExists(s.database())).isTrue();
        assertThat(audits.find(key)).isEmpty();
    }

    @Test
    @DisplayName("R7.3, R8.2: bad operation keys and rules are refused before anything is sent")
    void badArguments() {
        Client client = client("PROGERANCE");
        assertThatThrownBy(() -> services.suspend(client.id(), "with space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> services.suspend(client.id(), "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> services.suspend(client.id(), "k".repeat(151)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> services.delete(client.id(), key("delete"), "whatever"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("R8.2");
        assertThat(SSH.executedCommands()).isEmpty();
    }

    // --- fixtures --------------------------------------------------------------------------------

    /** A client of the register with one ACTIVE contract whose servers (one per kind given) are the embedded SSH server. */
    private record Client(long id, String companyName, long contractId, String contract, List<Server> servers) {
    }

    /** One server of the register, its shop's database (with rows) and install directory (with files). */
    private record Server(long id, String name, String database, Path directory) {
    }

    private Client client(String... infrastructures) {
        RegisterApi api = new RegisterApi(port);
        Map<String, Object> clientBody = RegisterApi.clientBody();
        long clientId = created(api.api.post("/api/clients", clientBody));
        clientIds.add(clientId);
        repositories.delete(clientId); // what an earlier JVM left under target/ for the same id
        api.createContact(clientId, "PRIMARY", "mayAuthorise", true);
        api.createContact(clientId, "HOSTER_EMERGENCY");
        Map<String, Object> contractBody = with(RegisterApi.contractBody(clientId), "databaseConnectionQuota", 100);
        long contractId = created(api.api.post("/api/contracts", contractBody));
        List<Server> servers = new ArrayList<>();
        for (String infrastructure : infrastructures) {
            String database = RegisterApi.unique("susp_shop").replace('-', '_');
            Path directory = dir.resolve("www").resolve(database).resolve("prestashop");
            shopOnDisk(database, directory);
            String name = RegisterApi.unique("shop");
            long serverId = created(api.api.post("/api/servers", with(RegisterApi.serverBody(contractId, infrastructure),
                    "name", name, "address", SSH.host(), "sshPort", SSH.port(), "sshUser", SSH.user(),
                    "hostKeyFingerprint", SSH.hostKeyFingerprint(), "databaseName", database,
                    "installPath", directory.toString())));
            if (infrastructure.equals("TIERCE")) {
                TestApi.Answer checked = api.api.put("/api/servers/" + serverId + "/prerequisites", body("items",
                        Arrays.stream(Prerequisite.values()).map(p -> body("item", p.name(), "checked", true)).toList()));
                assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
            }
            servers.add(new Server(serverId, name, database, directory));
        }
        TestApi.Answer activated = api.setStatus(contractId, "ACTIVE");
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        SSH.reset();
        return new Client(clientId, (String) clientBody.get("companyName"), contractId,
                (String) contractBody.get("reference"), servers);
    }

    private void shopOnDisk(String database, Path directory) {
        try {
            databases.add(database);
            MARIADB.createDatabase(database);
            MARIADB.execute(database, "CREATE TABLE ps_orders (id_order INT PRIMARY KEY, total DECIMAL(10,2));"
                    + " INSERT INTO ps_orders VALUES (1, 10.00), (2, 20.00), (3, 30.00);");
            Files.createDirectories(directory.resolve("config"));
            Files.createDirectories(directory.resolve("img/p/1"));
            Files.writeString(directory.resolve("index.php"), "<?php // boutique\n");
            Files.writeString(directory.resolve("config/settings.inc.php"), "<?php define('_DB_NAME_', '" + database
                    + "');\n");
            Files.write(directory.resolve("img/p/1/1.jpg"), new byte[] {1, 2, 3});
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The client's real restic repository (restic init), mirrored to the FTP off-site store. */
    private void backedUpAndMirrored(long clientId) {
        ResticRepository repository = repositories.ensure(clientId);
        offsite.mirror(repository.location(), repositories.offsiteName(clientId));
        SSH.reset();
    }

    private static String key(String action) {
        return RegisterApi.unique("test-" + action);
    }

    private void running(String... units) {
        try {
            for (String unit : units) {
                Files.createFile(systemd.resolve(unit + ".enabled"));
                Files.createFile(systemd.resolve(unit + ".active"));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean active(String unit) {
        return Files.exists(systemd.resolve(unit + ".active"));
    }

    /** Stopped and disabled: neither running nor started at boot. */
    private static boolean stopped(String... units) {
        return Arrays.stream(units).noneMatch(u -> Files.exists(systemd.resolve(u + ".active"))
                || Files.exists(systemd.resolve(u + ".enabled")));
    }

    private static boolean databaseExists(String database) {
        return !MARIADB.query(null, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                + database + "'").isEmpty();
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void writeFtpPassword(String password) throws IOException {
        Files.createDirectories(FTP_PASSWORD_FILE.getParent());
        Files.deleteIfExists(FTP_PASSWORD_FILE);
        Files.createFile(FTP_PASSWORD_FILE, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(FTP_PASSWORD_FILE, password + "\n");
    }
}
