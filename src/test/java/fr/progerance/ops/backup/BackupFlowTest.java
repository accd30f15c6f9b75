package fr.progerance.ops.backup;

import static fr.progerance.ops.backup.BackupProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.backup.BackupProcess.Vars;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.backup.transfer.BackupTransferException;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import fr.progerance.ops.security.OpsGroups;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
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
import org.camunda.bpm.engine.runtime.Incident;
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
 * Every path of {@code Backup} (R3.6-a, R3.6-b) on the real delegates, handlers, services and
 * worker of the running application, with fakes only at the ports (restic, the transfer, the
 * off-site store, the repository locator, the clock; GreenMail for SMTP). External tasks are done by
 * {@link ExternalTaskWorker#drain()}; retries wait for the clock, not for time.
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DisplayName("Backup flow on the real delegates and handlers (fakes at the ports)")
class BackupFlowTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    /** A Tuesday night in Paris. */
    private static final Instant T0 = Instant.parse("2026-03-10T01:00:00Z");
    private static final Duration RETRY = Duration.ofMinutes(10);

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
    FakeBackupPorts ports;
    @Autowired
    BackupStarter starter;
    @Autowired
    BackupRuns runs;
    @Autowired
    BackupSettings settings;

    private BackupFlowDriver driver;
    private BackupFixture fixture;

    @BeforeEach
    void setUp() {
        clock.set(T0);
        ports.reset();
        BpmnAwareTests.init(engine);
        driver = new BackupFlowDriver(management, worker, clock);
        fixture = BackupFixture.create(new RegisterApi(port), 1, true);
        driver.drain(); // leftovers of other test classes, while the clock is ours
    }

    @AfterEach
    void tearDown() {
        identity.clearAuthentication();
        ports.reset();
        clock.reset();
        BpmnAwareTests.reset();
    }

    private ProcessInstance startDatabaseBackup() {
        BackupRun run = starter.start(fixture.serverId(), BackupKind.DATABASE, BackupTrigger.MANUAL);
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(run.getProcessInstanceId())
                .singleResult();
        assertThat(pi).isWaitingAt(PREPARE);
        return pi;
    }

    private int mailsWithSubject(String start) throws Exception {
        return (int) Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith(start);
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    @Test
    @DisplayName("R3.6-a, R3.6-b: the run is recorded, backed up with a verified tagged snapshot, then mirrored off-site, and ends")
    void happyPath() {
        ProcessInstance pi = startDatabaseBackup();
        BackupRun run = runs.ofProcessInstance(pi.getId());
        Assertions.assertThat(run.getStatus()).isEqualTo(BackupRunStatus.RUNNING);
        Assertions.assertThat(run.isActive()).isTrue();

        driver.executeJob(pi.getId(), PREPARE);
        assertThat(pi).hasPassedInOrder(START, PREPARE, RUN_START).isWaitingAtExactly(RUN, RUN_BACKUP);
        assertThat(pi).variables().containsEntry(Vars.RUN_ID, run.getId()).containsEntry(Vars.CLIENT_ID,
                fixture.clientId()).containsEntry(Vars.OVERDUE_AT, Date.from(T0.plus(Duration.ofHours(26))));

        // The mirror fails once: the run is BACKED_UP (verified snapshot) before it is MIRRORED.
        ports.failMirror(new IllegalStateException("FTP 421 Service not available"), 1);
        driver.drain();
        assertThat(pi).isWaitingAtExactly(RUN, MIRROR);
        BackupRun backedUp = runs.get(run.getId());
        Assertions.assertThat(backedUp.getStatus()).isEqualTo(BackupRunStatus.BACKED_UP);
        Assertions.assertThat(backedUp.getBytes()).isEqualTo(2_000_000L);
        Assertions.assertThat(backedUp.getDataAdded()).isEqualTo(500_000L);
        List<ResticSnapshot> snapshots = ports.snapshots(fixture.clientId());
        Assertions.assertThat(snapshots).hasSize(1);
        ResticSnapshot snapshot = snapshots.get(0);
        Assertions.assertThat(snapshot.id()).isEqualTo(backedUp.getSnapshotId());
        Assertions.assertThat(snapshot.tags()).containsExactlyInAnyOrder("server=" + fixture.serverId(),
                "kind=database", "run=" + run.getId());
        Assertions.assertThat(ports.calls()).contains("backup " + runs.server(fixture.serverId()).getAddress()
                + " DATABASE prestashop");
        Assertions.assertThat(backedUp.getFailedStep()).isEqualTo(MIRROR);

        clock.advance(Duration.ofMinutes(1));
        driver.retryAfter(RETRY);
        assertThat(pi).hasPassedInOrder(RUN_BACKUP, MIRROR, RUN_END, END).isEnded();
        BackupRun mirrored = runs.get(run.getId());
        Assertions.assertThat(mirrored.getStatus()).isEqualTo(BackupRunStatus.MIRRORED);
        Assertions.assertThat(mirrored.isActive()).as("the slot is free for the next run").isFalse();
        Assertions.assertThat(ports.offsite(fixture.clientId())).contains(snapshot.id());
        Assertions.assertThat(runs.mirror(fixture.clientId()).orElseThrow().getLastSuccessStartedAt())
                .isAfter(snapshot.time());
        Assertions.assertThat(runs.running(fixture.serverId(), BackupKind.DATABASE)).isFalse();
    }

    @Test
    @DisplayName("DESIGN rule 13: a failed transfer retries with retries - 1, then becomes an incident and one mail to ops")
    void transferFailureBecomesAnIncidentAndAMail() throws Exception {
        ProcessInstance pi = startDatabaseBackup();
        driver.executeJob(pi.getId(), PREPARE);
        ports.failTransfer(new BackupTransferException("mysqldump on the server exited 2: Access denied", true, null),
                3);

        driver.drain();
        ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(task.getRetries()).isEqualTo(settings.getRetry().getAttempts() - 1);
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        BackupRun attempt = runs.ofProcessInstance(pi.getId());
        Assertions.assertThat(attempt.getStatus()).isEqualTo(BackupRunStatus.RUNNING);
        Assertions.assertThat(attempt.getFailureMessage()).contains("Access denied");

        driver.drain();
        Assertions.assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult()
                .getRetries()).as("not fetched again before the retry timeout").isEqualTo(2);
        driver.retryAfter(RETRY);
        driver.retryAfter(RETRY);

        Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(incident).as("the incident ops see in Cockpit").isNotNull();
        Assertions.assertThat(incident.getActivityId()).isEqualTo(RUN_BACKUP);
        Assertions.assertThat(incident.getIncidentMessage()).contains("Access denied");
        BackupRun failed = runs.ofProcessInstance(pi.getId());
        Assertions.assertThat(failed.getStatus()).isEqualTo(BackupRunStatus.FAILED);
        Assertions.assertThat(failed.getSnapshotId()).isNull();
        Assertions.assertThat(ports.snapshots(fixture.clientId())).isEmpty();
        MimeMessage mail = Mails.to(MAIL, settings.getOpsAddress(), "[backup] ÉCHEC DATABASE");
        Assertions.assertThat(Mails.text(mail)).contains("Access denied").contains(failed.getId())
                .contains(RUN_BACKUP);
        Assertions.assertThat(mailsWithSubject("[backup] ÉCHEC DATABASE")).isEqualTo(1);

        // Ops fix the cause and retry in Cockpit: the run completes.
        externalTasks.setRetries(incident.getConfiguration(), 1);
        driver.retryAfter(RETRY);
        assertThat(pi).isEnded();
        Assertions.assertThat(runs.get(failed.getId()).getStatus()).isEqualTo(BackupRunStatus.MIRRORED);
    }

    @Test
    @DisplayName("R3.6-a: a failing off-site mirror retries, then becomes an incident and a mail; the local snapshot stays recorded")
    void offsiteFailureBecomesAnIncidentAndAMail() throws Exception {
        ProcessInstance pi = startDatabaseBackup();
        driver.executeJob(pi.getId(), PREPARE);
        ports.failMirror(new IllegalStateException("FTP 530 Login incorrect"), 3);
        driver.drain();
        driver.retryAfter(RETRY);
        driver.retryAfter(RETRY);

        Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(incident).isNotNull();
        Assertions.assertThat(incident.getActivityId()).isEqualTo(MIRROR);
        BackupRun run = runs.ofProcessInstance(pi.getId());
        Assertions.assertThat(run.getStatus()).isEqualTo(BackupRunStatus.FAILED);
        Assertions.assertThat(run.getSnapshotId()).isNotNull();
        Assertions.assertThat(runs.mirror(fixture.clientId()).orElseThrow().getLastFailureMessage())
                .contains("530");
        MimeMessage mail = Mails.to(MAIL, settings.getOpsAddress(), "[backup] ÉCHEC DATABASE");
        Assertions.assertThat(Mails.text(mail)).contains("530").contains(MIRROR);
    }

    @Test
    @DisplayName("DESIGN rule 13: a failure retrying cannot fix goes to an incident at once")
    void nonRetryableFailure() {
        ProcessInstance pi = startDatabaseBackup();
        driver.executeJob(pi.getId(), PREPARE);
        ports.failTransfer(new BackupTransferException("host key of the server changed", false, null), 1);
        driver.drain();
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
        Assertions.assertThat(runs.ofProcessInstance(pi.getId()).getStatus()).isEqualTo(BackupRunStatus.FAILED);
    }

    @Test
    @DisplayName("DESIGN rule 12: a run not done at its kind's freshness limit (26 h) is mailed to ops and goes on")
    void overdueRunIsReported() throws Exception {
        ProcessInstance pi = startDatabaseBackup();
        driver.executeJob(pi.getId(), PREPARE);
        Job timer = management.createJobQuery().processInstanceId(pi.getId()).activityId(TIMER_OVERDUE).singleResult();
        Assertions.assertThat(timer.getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofHours(26))));

        clock.advance(Duration.ofHours(26));
        management.executeJob(timer.getId());
        driver.executeJob(pi.getId(), REPORT_OVERDUE);
        assertThat(pi).hasPassed(TIMER_OVERDUE, REPORT_OVERDUE, END_OVERDUE_REPORTED).isWaitingAtExactly(RUN, RUN_BACKUP);
        MimeMessage mail = Mails.to(MAIL, settings.getOpsAddress(), "[backup] EN RETARD DATABASE");
        Assertions.assertThat(Mails.text(mail)).contains(runs.ofProcessInstance(pi.getId()).getId());

        driver.drain();
        assertThat(pi).isEnded();
    }

    @Test
    @DisplayName("DESIGN rule 11: ops forging variables or completing the tasks through /engine-rest never mark a run backed up")
    void hostileOpsCannotMarkARunBackedUp() {
        String ops = BackupFixture.user(identity, "backuphostileops", OpsGroups.OPS);
        TestApi api = TestApi.as(port, ops, BackupFixture.PASSWORD);
        ProcessInstance pi = startDatabaseBackup();
        driver.executeJob(pi.getId(), PREPARE);
        BackupRun run = runs.ofProcessInstance(pi.getId());
        ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult();

        TestApi.Answer fetched = api.post("/engine-rest/external-task/fetchAndLock", Map.of("workerId", "ops-laptop",
                "maxTasks", 10, "topics", List.of(Map.of("topicName", BackupProcess.Topics.RUN, "lockDuration", 60000))));
        Assertions.assertThat(fetched.body()).as(fetched.toString()).doesNotContain(task.getId());
        TestApi.Answer completed = api.post("/engine-rest/external-task/" + task.getId() + "/complete",
                Map.of("workerId", "ops-laptop", "variables", Map.of(Vars.SNAPSHOT_ID, Map.of("value", "deadbeef"))));
        Assertions.assertThat(completed.status()).as(completed.toString()).isIn(400, 403, 404);
        TestApi.Answer forged = api.post("/engine-rest/process-instance/" + pi.getId() + "/variables",
                Map.of("modifications", Map.of(Vars.RUN_ID, Map.of("value", "forged"), "status",
                        Map.of("value", "BACKED_UP"))));
        Assertions.assertThat(forged.status()).as(forged.toString()).isEqualTo(403);
        // Ops may start a Backup with made-up variables: its own run record ignores them.
        TestApi.Answer started = api.post("/engine-rest/process-definition/key/" + BackupProcess.KEY + "/start",
                Map.of("variables", Map.of(Vars.SERVER_ID, Map.of("value", fixture.serverId(), "type", "Long"),
                        Vars.KIND, Map.of("value", "FILES"), Vars.RUN_ID, Map.of("value", run.getId()),
                        Vars.SNAPSHOT_ID, Map.of("value", "deadbeef"))));
        Assertions.assertThat(started.status()).as(started.toString()).isEqualTo(200);
        String forgedPid = started.json().get("id").asText();
        driver.executeJob(forgedPid, PREPARE);
        Assertions.assertThat(runs.ofProcessInstance(forgedPid).getId()).isNotEqualTo(run.getId());
        Assertions.assertThat(runs.ofProcessInstance(forgedPid).getStatus()).isEqualTo(BackupRunStatus.RUNNING);

        BackupRun untouched = runs.get(run.getId());
        Assertions.assertThat(untouched.getStatus()).isEqualTo(BackupRunStatus.RUNNING);
        Assertions.assertThat(untouched.getSnapshotId()).isNull();
        driver.drain();
        Assertions.assertThat(runs.get(run.getId()).getStatus()).isEqualTo(BackupRunStatus.MIRRORED);
    }
}
