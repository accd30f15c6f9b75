package fr.progerance.ops.update.apply;

import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static fr.progerance.ops.update.apply.ApplyUpdateProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.TestShop;
import fr.progerance.ops.backup.BackupFixture;
import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.BackupProcess;
import fr.progerance.ops.backup.BackupRun;
import fr.progerance.ops.backup.BackupRunStatus;
import fr.progerance.ops.backup.BackupRuns;
import fr.progerance.ops.backup.BackupTrigger;
import fr.progerance.ops.backup.FakeBackupPorts;
import fr.progerance.ops.backup.transfer.BackupTransferException;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.contract.MaintenanceWindowView;
import fr.progerance.ops.contract.MaintenanceWindows;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import fr.progerance.ops.remote.HostKeyMismatchException;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.update.ShopUpdate;
import fr.progerance.ops.update.UpdateService;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.apply.ApplyUpdateProcess.Vars;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import fr.progerance.ops.update.version.UpdateKind;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of {@code ApplyUpdate} (RD-ps, R4.0-b, R4.3-p2, R3.6-a/b/d, DESIGN rules 5, 11, 12, 13)
 * on the real delegates, handlers, checks, update records, the real {@code Backup} process it calls
 * and the application's worker, with fakes only at the ports: the update assistant and the shop's
 * version ({@link ApplyUpdateTestPorts}), the backup ports ({@link FakeBackupPorts}: restic, the SSH
 * transfer, the off-site store), the test clock (timers fire by moving it), GreenMail and a
 * loopback shop answering HTTP. Expected dates are worked out by hand from the contract (Paris time),
 * not by the code under test.
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DisplayName("ApplyUpdate flow on the real delegates and the Backup process (fakes at the ports)")
class ApplyUpdateFlowTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final TestShop SHOP = new TestShop();

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String OPS_USER = "updateolga";
    private static final String OPS_MAILBOX = "astreinte@progerance.example";
    private static final String MANAGERS = "direction@progerance.example";

    /** R4.0-b: 8.1.7 published Thursday 12 March 2026: due 7 calendar days later, Thursday 19 March 00:00 Paris. */
    private static final LocalDate PUBLISHED = LocalDate.of(2026, 3, 12);
    private static final Instant DUE = paris(2026, 3, 19, 0, 0);
    /** Ops plan the window on Monday 16 March 10:00 for Tuesday 17 March 9:00-11:00. */
    private static final Instant PLANNED = paris(2026, 3, 16, 10, 0);
    private static final Instant WINDOW_START = paris(2026, 3, 17, 9, 0);
    private static final Instant WINDOW_END = paris(2026, 3, 17, 11, 0);

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    IdentityService identity;
    @Autowired
    MovableClock clock;
    @Autowired
    ExternalTaskWorker worker;
    @Autowired
    FakeBackupPorts backupPorts;
    @Autowired
    ApplyUpdateTestPorts.Fakes updateFakes;
    @Autowired
    UpdateService updates;
    @Autowired
    BackupRuns backupRuns;
    @Autowired
    MaintenanceWindows windows;

    private FakeAssistant assistant;
    private FakeShopVersions versions;
    private RegisterApi register;

    /** A client with its primary contact, an ACTIVE contract and one server whose shop is {@link #SHOP}. */
    private record Shop(long clientId, long serverId, String primary, String serverName, String host) {
    }

    @BeforeEach
    void setUp() {
        clock.set(PLANNED);
        backupPorts.reset();
        assistant = new FakeAssistant();
        versions = new FakeShopVersions(clock);
        updateFakes.assistant = assistant;
        updateFakes.versions = versions;
        register = new RegisterApi(port);
        BpmnAwareTests.init(engine);
        worker.drain(); // leftovers of other test classes, while the clock is ours
    }

    @AfterEach
    void tearDown() {
        // Instances a scenario left waiting must not feed the next scenario's worker.
        runtime.createProcessInstanceQuery().processDefinitionKey(ApplyUpdateProcess.KEY).list()
                .forEach(p -> runtime.deleteProcessInstance(p.getId(), "end of test"));
        identity.clearAuthentication();
        updateFakes.clear();
        backupPorts.reset();
        clock.reset();
        BpmnAwareTests.reset();
    }

    // === updated and verified ======================================================================

    @Test
    @DisplayName("RD-ps, R4.0-b: the client is told the window in French; at 9:00 the update is RUNNING; the database and files are backed up (BEFORE_CHANGE); the assistant makes its backup then updates; the shop answers and reports 8.1.7: DONE, the client told")
    void updatedAndVerified() throws Exception {
        Shop shop = shop("PROGERANCE");
        UpdateView scheduled = scheduledUpdate(shop, "8.1.6", "8.1.7", false);
        Assertions.assertThat(scheduled.dueAt()).as("R4.0-b: publication + 7 days").isEqualTo(DUE);
        Assertions.assertThat(scheduled.status()).isEqualTo(UpdateStatus.SCHEDULED);
        MaintenanceWindowView window = windows.find(MaintenanceWindowSource.UPDATE, Updates.key(scheduled.id()))
                .orElseThrow();
        Assertions.assertThat(List.of(window.serverId(), window.start(), window.end(), window.createdBy()))
                .as("R4.4-p: the update's maintenance window").containsExactly(shop.serverId(), WINDOW_START,
                        WINDOW_END, OPS_USER);
        assistant.onUpdate = () -> versions.set(shop.serverId(), "8.1.7");

        ProcessInstance pi = start(scheduled.id());
        settle(pi);
        assertThat(pi).hasPassedInOrder(START, PREPARE, TELL_CLIENT_BEFORE).isWaitingAtExactly(TIMER_WINDOW_START);
        Assertions.assertThat(job(pi, TIMER_WINDOW_START).getDuedate()).isEqualTo(Date.from(WINDOW_START));
        String before = Mails.text(Mails.to(MAIL, shop.primary(), "MAJ-" + scheduled.id()
                + " : mise à jour de votre boutique PrestaShop le mardi 17 mars 2026 à 09h00"));
        Assertions.assertThat(before).contains("du mardi 17 mars 2026 à 09h00").contains("au mardi 17 mars 2026 à 11h00")
                .contains("Version actuelle : 8.1.6").contains("Version visée : 8.1.7 (mise à jour mineure incluse")
                .contains("nous sauvegardons la base de données et les fichiers");
        Assertions.assertThat(updates.get(scheduled.id()).status()).isEqualTo(UpdateStatus.SCHEDULED);

        clock.set(WINDOW_START);
        settle(pi);
        assertThat(pi).hasPassedInOrder(TIMER_WINDOW_START, MARK_RUNNING, BACKUP, CHECK_BACKUP, GATEWAY_BACKED_UP, RUN,
                VERIFY, GATEWAY_VERIFIED, RECORD_DONE, END_DONE, TELL_CLIENT_AFTER, END).isEnded();

        ShopUpdate u = updates.record(scheduled.id());
        Assertions.assertThat(u.getStatus()).isEqualTo(UpdateStatus.DONE);
        Assertions.assertThat(u.getStartedAt()).isEqualTo(WINDOW_START);
        Assertions.assertThat(u.getVersionAfter()).isEqualTo("8.1.7");
        Assertions.assertThat(u.getVerification()).contains("HTTP 200").contains("version 8.1.7 (app/AppKernel.php)");
        Assertions.assertThat(u.getReason()).startsWith("Updated from 8.1.6 to 8.1.7 and verified");
        Assertions.assertThat(u.getAssistantBackup()).isEqualTo("V8.1.6_20260317-090500-a1b2c3d4");
        Assertions.assertThat(updates.open()).extracting(UpdateView::id).doesNotContain(u.getId());
        // No update without its backup: this update's own runs, trigger BEFORE_CHANGE, its business keys.
        for (String runId : List.of(u.getDatabaseBackupRun(), u.getFilesBackupRun())) {
            BackupRun run = backupRuns.get(runId);
            Assertions.assertThat(run.getTrigger()).isEqualTo(BackupTrigger.BEFORE_CHANGE);
            Assertions.assertThat(run.getStatus()).isEqualTo(BackupRunStatus.MIRRORED);
            Assertions.assertThat(run.getBusinessKey()).isEqualTo(shop.serverId() + ":" + run.getKind()
                    + ":BEFORE_CHANGE:update-" + u.getId());
        }
        Assertions.assertThat(backupRuns.get(u.getDatabaseBackupRun()).getKind()).isEqualTo(BackupKind.DATABASE);
        Assertions.assertThat(backupRuns.get(u.getFilesBackupRun()).getKind()).isEqualTo(BackupKind.FILES);
        Assertions.assertThat(assistant.calls).containsExactly(
                "backup:create " + shop.serverId() + " update:" + u.getId() + ":assistant-backup",
                "update:start " + shop.serverId() + " update:" + u.getId() + ":start");
        Assertions.assertThat(backupPorts.calls()).noneMatch(c -> c.startsWith("restore"));

        String after = Mails.text(Mails.to(MAIL, shop.primary(), "MAJ-" + u.getId()
                + " : votre boutique PrestaShop est à jour (8.1.7)"));
        Assertions.assertThat(after).contains("en version 8.1.7 (auparavant 8.1.6)");
        Assertions.assertThat(received(OPS_MAILBOX)).as("nothing for ops when all went well").isEmpty();
    }

    // === the assistant fails -> rolled back ===========================================================

    @Test
    @DisplayName("RD-ps, DESIGN rule 13: update:start fails twice (ops.update.apply.run.attempts 2, 10 min apart) -> UPDATE_FAILED; this update's own pre-update snapshots (database, then files) are restored, the shop answers 8.1.6 again: ROLLED_BACK with why; client and ops told")
    void assistantFailsRolledBack() throws Exception {
        Shop shop = shop("PROGERANCE");
        UpdateView scheduled = scheduledUpdate(shop, "8.1.6", "8.1.7", true);
        assistant.failUpdate(2);
        ProcessInstance pi = start(scheduled.id());
        settle(pi);
        clock.set(WINDOW_START);
        settle(pi);
        assertThat(pi).isWaitingAt(RUN);
        ExternalTask run = externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).activityId(RUN)
                .singleResult();
        Assertions.assertThat(run.getRetries()).as("one attempt left").isEqualTo(1);
        Assertions.assertThat(run.getErrorMessage()).contains("Unable to download the PrestaShop archive (attempt 1)");
        Assertions.assertThat(updates.record(scheduled.id()).getStatus()).isEqualTo(UpdateStatus.RUNNING);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        settle(pi);
        assertThat(pi).hasPassedInOrder(RUN, ERROR_UPDATE_FAILED, JOIN_ROLLBACK, ROLLBACK, END_ROLLED_BACK,
                TELL_CLIENT_AFTER, END).hasNotPassed(VERIFY).isEnded();

        ShopUpdate u = updates.record(scheduled.id());
        Assertions.assertThat(u.getStatus()).isEqualTo(UpdateStatus.ROLLED_BACK);
        Assertions.assertThat(u.getFailure()).isEqualTo("The update assistant failed after 2 attempt(s): "
                + "ASSISTANT_UPDATE_START on shop exited with status 1: [ERROR] Unable to download the PrestaShop"
                + " archive (attempt 2)");
        Assertions.assertThat(u.getVersionAfter()).isEqualTo("8.1.6");
        Assertions.assertThat(u.getReason()).startsWith(u.getFailure() + " | Rolled back: restored DATABASE snapshot ")
                .contains("version 8.1.6");
        // Rule 11: what was restored are the snapshots of THIS update's BEFORE_CHANGE runs, database first.
        BackupRun database = backupRuns.get(u.getDatabaseBackupRun());
        BackupRun files = backupRuns.get(u.getFilesBackupRun());
        Assertions.assertThat(backupPorts.calls().stream().filter(c -> c.startsWith("restore")).toList()).containsExactly(
                "restore " + shop.host() + " DATABASE " + database.getSnapshotId() + " prestashop",
                "restore " + shop.host() + " FILES " + files.getSnapshotId() + " /var/www/prestashop");
        Assertions.assertThat(assistant.calls).containsExactly(
                "backup:create " + shop.serverId() + " update:" + u.getId() + ":assistant-backup",
                "update:start " + shop.serverId() + " update:" + u.getId() + ":start",
                "backup:create " + shop.serverId() + " update:" + u.getId() + ":assistant-backup",
                "update:start " + shop.serverId() + " update:" + u.getId() + ":start");

        String client = Mails.text(Mails.to(MAIL, shop.primary(), "MAJ-" + u.getId()
                + " : mise à jour annulée, votre boutique est revenue à son état précédent"));
        Assertions.assertThat(client).contains("de la version 8.1.6 vers la version 8.1.7")
                .contains("répond de nouveau en version 8.1.6");
        String ops = Mails.text(Mails.to(MAIL, OPS_MAILBOX, "MAJ-" + u.getId() + " : mise à jour ÉCHOUÉE puis annulée"));
        Assertions.assertThat(ops).contains("Unable to download the PrestaShop archive")
                .contains("Sauvegarde de l'assistant (pour un backup:restore manuel) : V8.1.6_20260317-090500-a1b2c3d4");
    }

    @Test
    @DisplayName("DESIGN rules 8, 13: the server presents another host key to the assistant's first command: nothing was sent, so an incident at once, no retry and no rollback; the record keeps the failure, RUNNING for ops")
    void hostKeyMismatchIsAnIncidentWithoutRollback() throws Exception {
        Shop shop = shop("PROGERANCE");
        UpdateView scheduled = scheduledUpdate(shop, "8.1.6", "8.1.7", false);
        assistant.backupFailures.add(new HostKeyMismatchException(shop.host(), 22, RegisterApi.FINGERPRINT,
                "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "ssh-ed25519"));
        ProcessInstance pi = start(scheduled.id());
        settle(pi);
        clock.set(WINDOW_START);
        settle(pi);

        assertThat(pi).isWaitingAt(RUN).hasNotPassed(ERROR_UPDATE_FAILED, ROLLBACK);
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult()
                .getIncidentMessage()).startsWith("SSH host key mismatch for " + shop.host());
        ShopUpdate u = updates.record(scheduled.id());
        Assertions.assertThat(u.getStatus()).isEqualTo(UpdateStatus.RUNNING);
        Assertions.assertThat(u.getFailure()).startsWith("The update could not run: SSH host key mismatch");
        Assertions.assertThat(assistant.calls).hasSize(1);
        Assertions.assertThat(backupPorts.calls()).noneMatch(c -> c.startsWith("restore"));
    }

    // === the check fails -> rolled back ===============================================================

    @Test
    @DisplayName("DESIGN rule 13: the assistant says it updated but the shop answers HTTP 500 -> the check fails, the pre-update snapshots are restored (the shop answers 200 and 8.1.6 again): ROLLED_BACK; the check's findings on the record")
    void checkFailsRolledBack() throws Exception {
        Shop shop = shop("PROGERANCE");
        UpdateView scheduled = scheduledUpdate(shop, "8.1.6", "8.1.7", false);
        assistant.onUpdate = () -> {
            versions.set(shop.serverId(), "8.1.7");
            SHOP.answer(500);
        };
        // What the restore of the files does on the (fake) server: the version file and the shop as before.
        backupPorts.onRestore(r -> {
            if (r.destination().kind() == BackupKind.FILES) {
                versions.set(shop.serverId(), "8.1.6");
                SHOP.answer(200);
            }
        });
        ProcessInstance pi = start(scheduled.id());
        settle(pi);
        clock.set(WINDOW_START);
        settle(pi);

        assertThat(pi).hasPassedInOrder(RUN, VERIFY, GATEWAY_VERIFIED, JOIN_ROLLBACK, ROLLBACK, END_ROLLED_BACK,
                TELL_CLIENT_AFTER).hasNotPassed(RECORD_DONE, ERROR_UPDATE_FAILED).isEnded();
        ShopUpdate u = updates.record(scheduled.id());
        Assertions.assertThat(u.getStatus()).isEqualTo(UpdateStatus.ROLLED_BACK);
        Assertions.assertThat(u.getVerification()).contains("HTTP 500").contains("expected 200")
                .contains("version 8.1.7");
        Assertions.assertThat(u.getFailure()).startsWith("The check after the update failed: ");
        Assertions.assertThat(u.getRollbackReport()).contains("HTTP 200").contains("version 8.1.6");
        Assertions.assertThat(u.getVersionAfter()).isEqualTo("8.1.6");
        Mails.to(MAIL, shop.primary(), "MAJ-" + u.getId() + " : mise à jour annulée");
        Mails.to(MAIL, OPS_MAILBOX, "MAJ-" + u.getId() + " : mise à jour ÉCHOUÉE puis annulée");
    }

    @Test
    @DisplayName("RD-ps: the shop answers but its files report 9.0.0, a major release the contract excludes -> the check fails and the update is rolled back")
    void majorJumpIsRolledBack() throws Exception {
        Shop shop = shop("PROGERANCE");
        UpdateView scheduled = scheduledUpdate(shop, "8.1.6", "8.1.7", false);
        assistant.onUpdate = () -> versions.set(shop.serverId(), "9.0.0");
        backupPorts.onRestore(r -> versions.set(shop.serverId(), "8.1.6"));
        ProcessInstance pi = start(scheduled.id());
        settle(pi);
        clock.set(WINDOW_START);
        settle(pi);

        assertThat(pi).hasPassed(VERIFY, ROLLBACK).isEnded();
        ShopUpdate u = updates.record(scheduled.id());
        Assertions.assertThat(u.getVerification()).contains("HTTP 200")
                .contains("version 9.0.0 (app/AppKernel.php), expected 8.1.7 or a later release of the same major");
        Assertions.assertThat(u.getStatus()).isEqualTo(UpdateStatus.ROLLED_BACK);
    }

    // === no backup, no update =========================================================================

    @Test
    @DisplayName("No update without its backup: the database and files backups keep failing; at 10:00 (backup-wait 1 h) they are stopped, the update is NOT_DONE with what the runs say, nothing reached the assistant; client and ops told")
    void backupNotInTimeUpdateNotRun() throws Exception {
        Shop shop = shop("PROGERANCE");
        UpdateView scheduled = scheduledUpdate(shop, "8.1.6", "8.1.7", false);
        ProcessInstance pi = start(scheduled.id());
        settle(pi);
        clock.set(WINDOW_START);
        backupPorts.failTransfer(new BackupTransferException("mysqldump: Got error: 2013: Lost connection to server",
                true, null), 50);
        settle(pi);
        assertThat(pi).isWaitingAt(BACKUP);
        Assertions.assertThat(job(pi, TIMER_BACKUP).getDuedate()).isEqualTo(Date.from(paris(2026, 3, 17, 10, 0)));
        // The Backup's own freshness report runs too (the coverage gate covers every model this class touches).
        ProcessInstance database = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
                .variableValueEquals(BackupProcess.Vars.KIND, BackupKind.DATABASE.name()).singleResult();
        management.executeJob(job(database, BackupProcess.Elements.TIMER_OVERDUE).getId());
        settle(pi);

        clock.set(paris(2026, 3, 17, 10, 0));
        settle(pi);
        assertThat(pi).hasPassedInOrder(TIMER_BACKUP, JOIN_NOT_RUN, RECORD_NOT_RUN, END_NOT_RUN, TELL_CLIENT_AFTER, END)
                .hasNotPassed(CHECK_BACKUP, RUN).isEnded();
        Assertions.assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).count())
                .as("the pre-update backups were stopped").isZero();
        ShopUpdate u = updates.record(scheduled.id());
        Assertions.assertThat(u.getStatus()).isEqualTo(UpdateStatus.NOT_DONE);
        Assertions.assertThat(u.getReason()).startsWith("No update without its backup")
                .contains("DATABASE: FAILED").contains("FILES: FAILED").contains("cancelled before its snapshot");
        Assertions.assertThat(u.getBackedUpAt()).isNull();
        Assertions.assertThat(assistant.calls).as("nothing was sent to the assistant").isEmpty();
        Assertions.assertThat(versions.reads.get()).isZero();
        String client = Mails.text(Mails.to(MAIL, shop.primary(), "MAJ-" + u.getId()
                + " : mise à jour de votre boutique reportée"));
        Assertions.assertThat(client).contains("Rien n'a été modifié sur votre boutique, qui reste en version 8.1.6");
        Mails.to(MAIL, OPS_MAILBOX, "MAJ-" + u.getId() + " : mise à jour NON faite, sauvegarde préalable absente");
    }

    @Test
    @DisplayName("Rule 11: ops cancel the pre-update files backup in Cockpit -> the call ends without a files snapshot on record -> the update is not run")
    void backupCancelledUpdateNotRun() throws Exception {
        Shop shop = shop("PROGERANCE");
        UpdateView scheduled = scheduledUpdate(shop, "8.1.6", "8.1.7", false);
        ProcessInstance pi = start(scheduled.id());
        settle(pi);
        clock.set(WINDOW_START);
        for (int i = 0; i < 4; i++) {
            executeDue(pi); // the window opens, RUNNING, the Backup instances start and record their runs; no worker yet
        }
        ProcessInstance files = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
                .variableValueEquals(BackupProcess.Vars.KIND, BackupKind.FILES.name()).singleResult();
        Assertions.assertThat(files).isNotNull();
        runtime.deleteProcessInstance(files.getId(), "cancelled by ops in Cockpit");
        settle(pi);

        assertThat(pi).hasPassedInOrder(BACKUP, CHECK_BACKUP, GATEWAY_BACKED_UP, JOIN_NOT_RUN, RECORD_NOT_RUN)
                .hasNotPassed(RUN).isEnded();
        ShopUpdate u = updates.record(scheduled.id());
        Assertions.assertThat(u.getStatus()).isEqualTo(UpdateStatus.NOT_DONE);
        Assertions.assertThat(u.getReason()).contains("DATABASE: MIRRORED").contains("FILES: FAILED");
        Assertions.assertThat(assistant.calls).isEmpty();
    }

    // === R4.3-p2 ======================================================================================

    @Test
    @DisplayName("R4.3-p2: a PROGERANCE window opening Friday 17:30 has 2 h of level-2 window time: due Monday 8:30; the work is still going on then -> ops and managers are warned, the update goes on and is DONE")
    void timeLimitWarning() throws Exception {
        Shop shop = shop("PROGERANCE");
        clock.set(paris(2026, 3, 20, 10, 0));
        UpdateView scheduled = scheduledUpdate(shop, "8.1.6", "8.1.7", false, paris(2026, 3, 20, 17, 30),
                paris(2026, 3, 20, 19, 30));
        assistant.failUpdate(1);
        assistant.onUpdate = () -> versions.set(shop.serverId(), "8.1.7");
        ProcessInstance pi = start(scheduled.id());
        settle(pi);
        Instant monday830 = paris(2026, 3, 23, 8, 30);
        clock.set(paris(2026, 3, 20, 17, 30));
        settle(pi);
        assertThat(pi).isWaitingAt(RUN);
        Assertions.assertThat(job(pi, TIMER_TIME_LIMIT).getDuedate()).as("17:30-18:00 Friday, then 7:00-8:30 Monday")
                .isEqualTo(Date.from(monday830));

        clock.set(monday830);
        settle(pi);
        assertThat(pi).hasPassed(TIMER_TIME_LIMIT, WARN_TIME_LIMIT, END_WARNED, RUN, VERIFY, RECORD_DONE).isEnded();
        Assertions.assertThat(updates.record(scheduled.id()).getStatus()).isEqualTo(UpdateStatus.DONE);
        MimeMessage warning = Mails.to(MAIL, MANAGERS, "MAJ-" + scheduled.id()
                + " : délai de mise à jour dépassé sur " + shop.serverName());
        Assertions.assertThat(Arrays.stream(warning.getAllRecipients()).map(Object::toString).toList())
                .containsExactlyInAnyOrder(OPS_MAILBOX, MANAGERS);
        Assertions.assertThat(Mails.text(warning)).contains("échéance du lundi 23 mars 2026 à 08h30")
                .contains("2 h de plage de niveau 2").contains("État : RUNNING").doesNotContain("null");
    }

    // === the rollback fails ===========================================================================

    @Test
    @DisplayName("DESIGN rule 13: the update fails and the restore of its snapshots fails 3 times -> a Camunda incident, the update FAILED, ops mailed; ops fix it and retry: ROLLED_BACK, the client told")
    void rollbackFailsThenOpsRetry() throws Exception {
        Shop shop = shop("TIERCE");
        UpdateView scheduled = scheduledUpdate(shop, "1.7.8.10", "1.7.8.11", true);
        Assertions.assertThat(scheduled.dueAt()).as("R4.0-b: a security release, 2 days").isEqualTo(
                paris(2026, 3, 14, 0, 0));
        assistant.failUpdate(2);
        backupPorts.failRestore(new BackupTransferException("mysql on shop exited with status 1: ERROR 2013 (HY000):"
                + " Lost connection", true, null), 3);
        ProcessInstance pi = start(scheduled.id());
        settle(pi);
        Assertions.assertThat(job(pi, TIMER_WINDOW_START).getDuedate()).isEqualTo(Date.from(WINDOW_START));
        clock.set(WINDOW_START);
        settle(pi);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(10).plusSeconds(1));
            settle(pi);
        }
        assertThat(pi).isWaitingAt(ROLLBACK);
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult()
                .getIncidentMessage()).contains("Lost connection");
        ShopUpdate failed = updates.record(scheduled.id());
        Assertions.assertThat(failed.getStatus()).isEqualTo(UpdateStatus.FAILED);
        Assertions.assertThat(failed.getRollbackReport()).startsWith("The rollback failed: mysql on shop exited");
        Assertions.assertThat(updates.open()).extracting(UpdateView::id).as("FAILED stays open: ops act")
                .contains(failed.getId());
        Mails.to(MAIL, OPS_MAILBOX, "MAJ-" + failed.getId() + " : ÉCHEC de l'annulation de la mise à jour");

        // Ops repaired the connection and retry the task in Cockpit.
        ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult();
        externalTasks.setRetries(task.getId(), 1);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1)); // the failed attempt's retry timeout
        settle(pi);
        assertThat(pi).hasPassed(END_ROLLED_BACK, TELL_CLIENT_AFTER).isEnded();
        ShopUpdate u = updates.record(scheduled.id());
        Assertions.assertThat(u.getStatus()).isEqualTo(UpdateStatus.ROLLED_BACK);
        Assertions.assertThat(u.getVersionAfter()).isEqualTo("1.7.8.10");
        Mails.to(MAIL, shop.primary(), "MAJ-" + u.getId() + " : mise à jour annulée");
    }

    // === what may not happen ==========================================================================

    @Test
    @DisplayName("Rule 11: an update whose window is not planned is refused (incident, nothing sent); a second ApplyUpdate of a claimed update is refused; ops may not start ApplyUpdate through /engine-rest (403); the window of a claimed update does not move")
    void refusals() throws Exception {
        Shop shop = shop("PROGERANCE");
        versions.set(shop.serverId(), "8.1.6");
        UpdateView pending = updates.open(shop.serverId(), PrestaShopVersion.parse("8.1.6"), release("8.1.7", false),
                "catalogue");
        Assertions.assertThat(pending.status()).isEqualTo(UpdateStatus.PENDING);
        ProcessInstance unplanned = start(pending.id());
        List<String> failures = settle(unplanned);
        Assertions.assertThat(failures).singleElement().asString().contains(PREPARE)
                .contains("is PENDING: it cannot be applied (its window is not planned)");

        updates.schedule(pending.id(), WINDOW_START, WINDOW_END, OPS_USER);
        ProcessInstance first = start(pending.id());
        settle(first);
        assertThat(first).isWaitingAt(TIMER_WINDOW_START);
        ProcessInstance second = start(pending.id());
        Assertions.assertThat(settle(second)).singleElement().asString().contains("is applied by process instance "
                + first.getId());
        Assertions.assertThatThrownBy(() -> updates.schedule(pending.id(), WINDOW_START.plusSeconds(3600),
                WINDOW_END.plusSeconds(3600), OPS_USER)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its window does not move");

        TestApi ops = TestApi.as(port, BackupFixture.user(identity, OPS_USER, OpsGroups.OPS), BackupFixture.PASSWORD);
        TestApi.Answer started = ops.post("/engine-rest/process-definition/key/" + ApplyUpdateProcess.KEY + "/start",
                Map.of("variables", Map.of(Vars.UPDATE_ID, Map.of("value", pending.id(), "type", "Long"))));
        Assertions.assertThat(started.status()).as(started.toString()).isEqualTo(403);
        Assertions.assertThat(assistant.calls).isEmpty();
    }

    // === helpers ======================================================================================

    private static Instant paris(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(PARIS).toInstant();
    }

    private static Release release(String version, boolean security) {
        return new Release(PrestaShopVersion.parse(version), PUBLISHED, security,
                "https://github.com/PrestaShop/PrestaShop/releases/tag/" + version);
    }

    private Shop shop(String infrastructure) {
        long clientId = register.createClient();
        String primary = RegisterApi.unique("primaire").replace("-", "") + "@client.example";
        register.createContact(clientId, "PRIMARY", "email", primary, "mayAuthorise", true);
        long contractId = created(register.api.post("/api/contracts", with(RegisterApi.contractBody(clientId),
                "databaseConnectionQuota", 100)));
        if (infrastructure.equals("TIERCE")) {
            register.createContact(clientId, "HOSTER_EMERGENCY");
        }
        Map<String, Object> body = with(RegisterApi.serverBody(contractId, infrastructure), "prestashopUrl", SHOP.url());
        long serverId = created(register.api.post("/api/servers", body));
        if (infrastructure.equals("TIERCE")) {
            TestApi.Answer checked = register.api.put("/api/servers/" + serverId + "/prerequisites", RegisterApi.body(
                    "items", Arrays.stream(fr.progerance.ops.contract.Prerequisite.values()).map(p -> RegisterApi.body(
                            "item", p.name(), "checked", true)).toList()));
            Assertions.assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
        }
        TestApi.Answer activated = register.setStatus(contractId, "ACTIVE");
        Assertions.assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        return new Shop(clientId, serverId, primary, (String) body.get("name"), (String) body.get("address"));
    }

    private UpdateView scheduledUpdate(Shop shop, String from, String to, boolean security) {
        return scheduledUpdate(shop, from, to, security, WINDOW_START, WINDOW_END);
    }

    /** Opened as UpdateWatch does (the version read from the shop, a catalogue release), then planned by ops. */
    private UpdateView scheduledUpdate(Shop shop, String from, String to, boolean security, Instant start,
            Instant end) {
        versions.set(shop.serverId(), from);
        UpdateView open = updates.open(shop.serverId(), PrestaShopVersion.parse(from), release(to, security),
                "catalogue");
        Assertions.assertThat(open.kind()).isIn(UpdateKind.MINOR, UpdateKind.PATCH);
        return updates.schedule(open.id(), start, end, OPS_USER);
    }

    /** ApplyUpdate as MinorUpdate and MajorUpdate call it: the update's id in. */
    private ProcessInstance start(long updateId) {
        return runtime.startProcessInstanceByKey(ApplyUpdateProcess.KEY, Updates.key(updateId),
                Map.of(Vars.UPDATE_ID, updateId));
    }

    /**
     * Runs what is due for the instance and the Backup instances it called, as the job executor and
     * the worker would, until nothing moves; returns the job failures met (left for their retry).
     */
    private List<String> settle(ProcessInstance pi) {
        List<String> met = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            boolean moved = false;
            for (Job job : dueJobs(pi)) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException e) {
                    met.add(activity(job) + ": " + root(e));
                }
                moved = true;
            }
            if (worker.drain() > 0) {
                moved = true;
            }
            if (!moved) {
                return met;
            }
        }
        throw new AssertionError("The instance never came to rest: " + pi.getId());
    }

    /** One round of the due jobs only (no worker). */
    private void executeDue(ProcessInstance pi) {
        for (Job job : dueJobs(pi)) {
            management.executeJob(job.getId());
        }
    }

    private List<Job> dueJobs(ProcessInstance pi) {
        List<Job> due = new ArrayList<>(management.createJobQuery().processInstanceId(pi.getId()).executable().list());
        for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).list()) {
            due.addAll(management.createJobQuery().processInstanceId(called.getId()).executable().list());
        }
        return due;
    }

    private String activity(Job job) {
        var definition = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
        return definition == null ? job.getId() : definition.getActivityId();
    }

    private static String root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private Job job(ProcessInstance pi, String activityId) {
        Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
        Assertions.assertThat(job).as("the job of %s", activityId).isNotNull();
        return job;
    }

    private static List<String> received(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
