package fr.progerance.ops.backup;

import static fr.progerance.ops.backup.BackupScheduleProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
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
 * {@code BackupSchedule} (R3.6-b, R3.6-c, R8.2, R3.6-a) on the real delegates, handlers and worker,
 * fakes at the ports: its timers start one run per active server and kind, never twice on one date;
 * the retention forgets by the policy and the off-site copy follows; the integrity check rotates its
 * subset and fails into an incident and a mail. The runs it starts are driven to their end too
 * (the coverage gate covers every model this class touches).
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DisplayName("BackupSchedule flow on the real delegates and handlers (fakes at the ports)")
class BackupScheduleFlowTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    /** 02:00 in Paris on Tuesday 10 March 2026. */
    private static final Instant NIGHT = Instant.parse("2026-03-10T01:00:00Z");
    private static final LocalDate DATE = LocalDate.of(2026, 3, 10);
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
    MovableClock clock;
    @Autowired
    ContractClock contractClock;
    @Autowired
    ExternalTaskWorker worker;
    @Autowired
    FakeBackupPorts ports;
    @Autowired
    BackupScheduleKeeper keeper;
    @Autowired
    BackupStarter starter;
    @Autowired
    BackupRuns runs;
    @Autowired
    BackupHolds holds;
    @Autowired
    BackupSettings settings;

    private BackupFlowDriver driver;
    private RegisterApi register;
    private ProcessInstance schedule;

    @BeforeEach
    void setUp() {
        clock.set(NIGHT);
        ports.reset();
        BpmnAwareTests.init(engine);
        driver = new BackupFlowDriver(management, worker, clock);
        register = new RegisterApi(port);
        schedule = keeper.ensureRunning();
        driver.drain();
    }

    @AfterEach
    void tearDown() {
        ports.reset();
        clock.reset();
        BpmnAwareTests.reset();
    }

    /** Fires one timer of the schedule (whatever its due date), then the job of the task it leads to. */
    private void fire(String timer, String task) {
        Job job = management.createJobQuery().processInstanceId(schedule.getId()).activityId(timer).singleResult();
        Assertions.assertThat(job).as("the timer %s of the schedule", timer).isNotNull();
        management.executeJob(job.getId());
        if (task != null) {
            driver.executeJob(schedule.getId(), task);
        }
    }

    private List<ProcessInstance> backupsOf(long serverId, BackupKind kind) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY)
                .processInstanceBusinessKey(BackupStarter.scheduledKey(serverId, kind, DATE)).list();
    }

    @Test
    @DisplayName("R3.6-b: each timer's cycle comes from ops.backup.schedule.* (bean expression evaluated by the engine)")
    void timersFollowTheSettings() {
        Job database = management.createJobQuery().processInstanceId(schedule.getId()).activityId(START_DATABASE)
                .singleResult();
        LocalDateTime due = LocalDateTime.ofInstant(database.getDuedate().toInstant(), ZoneId.systemDefault());
        Assertions.assertThat(due.getHour()).as("ops.backup.schedule.database: %s", settings.getSchedule().getDatabase())
                .isEqualTo(2);
        Assertions.assertThat(due.getMinute()).isZero();
        Job files = management.createJobQuery().processInstanceId(schedule.getId()).activityId(START_FILES)
                .singleResult();
        LocalDateTime filesDue = LocalDateTime.ofInstant(files.getDuedate().toInstant(), ZoneId.systemDefault());
        Assertions.assertThat(filesDue.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        Assertions.assertThat(filesDue.getHour()).isEqualTo(3);
        for (String timer : List.of(START_SERVER, START_RETENTION, START_CHECK)) {
            Assertions.assertThat(management.createJobQuery().processInstanceId(schedule.getId()).activityId(timer)
                    .count()).as(timer).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("R3.6-b: the timers start one run per server of an active contract and kind, not twice when the job runs again the same day")
    void timersStartOneRunPerActiveServer() {
        BackupFixture active = BackupFixture.create(register, 2, true);
        BackupFixture draft = BackupFixture.create(register, 1, false);

        fire(START_DATABASE, START_DATABASE_BACKUPS);
        assertThat(schedule).hasPassed(START_DATABASE, START_DATABASE_BACKUPS, END_DATABASE);
        for (long serverId : active.serverIds()) {
            Assertions.assertThat(backupsOf(serverId, BackupKind.DATABASE)).as("server %s", serverId).hasSize(1);
        }
        Assertions.assertThat(backupsOf(draft.serverId(), BackupKind.DATABASE)).as("a DRAFT contract's server").isEmpty();

        // The same timer again on the same date (a retried job, a second node): nothing more.
        fire(START_DATABASE, START_DATABASE_BACKUPS);
        Assertions.assertThat(starter.startScheduled(active.serverId(), BackupKind.DATABASE, DATE)).isFalse();
        for (long serverId : active.serverIds()) {
            Assertions.assertThat(backupsOf(serverId, BackupKind.DATABASE)).hasSize(1);
        }

        fire(START_FILES, START_FILES_BACKUPS);
        fire(START_SERVER, START_SERVER_BACKUPS);
        assertThat(schedule).hasPassed(END_FILES, END_SERVER);
        Assertions.assertThat(backupsOf(active.serverId(), BackupKind.FILES)).hasSize(1);
        Assertions.assertThat(backupsOf(active.serverId(), BackupKind.SERVER)).hasSize(1);

        // The started runs go on by themselves: one is late (DESIGN rule 12), then all end backed up.
        ProcessInstance run = backupsOf(active.serverId(), BackupKind.DATABASE).get(0);
        driver.executeJob(run.getId(), BackupProcess.Elements.PREPARE);
        clock.advance(settings.getFreshness().getDatabase());
        driver.executeJob(run.getId(), BackupProcess.Elements.TIMER_OVERDUE);
        driver.executeJob(run.getId(), BackupProcess.Elements.REPORT_OVERDUE);
        driver.drain();
        assertThat(run).hasPassed(BackupProcess.Elements.END_OVERDUE_REPORTED, BackupProcess.Elements.END).isEnded();
        for (long serverId : active.serverIds()) {
            for (BackupKind kind : BackupKind.values()) {
                for (ProcessInstance other : backupsOf(serverId, kind)) {
                    if (!other.isEnded() && runtime.createProcessInstanceQuery().processInstanceId(other.getId())
                            .count() > 0) {
                        driver.executeJob(other.getId(), BackupProcess.Elements.PREPARE);
                    }
                }
            }
        }
        driver.drain();
        for (long serverId : active.serverIds()) {
            Assertions.assertThat(runs.running(serverId, BackupKind.DATABASE)).isFalse();
            Assertions.assertThat(ports.snapshots(active.clientId())).anyMatch(s -> s.tags().contains("server="
                    + serverId) && s.tags().contains("kind=server"));
        }
    }

    @Test
    @DisplayName("R3.6-c, R8.2: retention forgets snapshots older than 14 days from now, keeps held ones, and the off-site copy follows")
    void retentionForgetsByThePolicy() {
        BackupFixture client = BackupFixture.create(register, 1, true);
        BackupRun run = starter.start(client.serverId(), BackupKind.DATABASE, BackupTrigger.MANUAL);
        driver.executeJob(run.getProcessInstanceId(), BackupProcess.Elements.PREPARE);
        driver.drain();
        String tagServer = "server=" + client.serverId();
        // Snapshots taken earlier (restic's --time): the backups of this server stopped 20 days ago.
        ResticSnapshot twentyDays = ports.addSnapshot(client.clientId(), NIGHT.minus(Duration.ofDays(20)), tagServer,
                "kind=database");
        ResticSnapshot held = ports.addSnapshot(client.clientId(), NIGHT.minus(Duration.ofDays(15)), tagServer,
                "kind=database");
        ResticSnapshot recent = ports.addSnapshot(client.clientId(), NIGHT.minus(Duration.ofDays(2)), tagServer,
                "kind=files");
        BackupHold legal = holds.place(client.clientId(), held.shortId(), HoldReason.LEGAL, "Réquisition judiciaire",
                NIGHT.plus(Duration.ofDays(10)), "manager");
        BackupHold lifted = holds.place(client.clientId(), twentyDays.id(), HoldReason.DISPUTE, null,
                NIGHT.plus(Duration.ofDays(10)), "manager");
        holds.lift(lifted.getId(), "manager");
        runs.mirror(client.clientId()).orElseThrow();
        Assertions.assertThat(legal.getUntil()).isAfter(NIGHT);

        fire(START_RETENTION, null);
        assertThat(schedule).hasPassed(START_RETENTION);
        driver.drain();
        assertThat(schedule).hasPassed(APPLY_RETENTION, END_RETENTION);

        List<String> left = ports.snapshots(client.clientId()).stream().map(ResticSnapshot::id).toList();
        Assertions.assertThat(left).doesNotContain(twentyDays.id()).contains(held.id(), recent.id(),
                runs.get(run.getId()).getSnapshotId());
        Assertions.assertThat(ports.calls()).contains("forget client-" + client.clientId() + " 1 prune",
                "mirror client-" + client.clientId());
        Assertions.assertThat(ports.offsite(client.clientId())).doesNotContain(twentyDays.id()).contains(held.id());
    }

    @Test
    @DisplayName("R3.6-a: the weekly check reads a rotating subset locally and off-site; a problem becomes an incident and a mail")
    void integrityCheck() throws Exception {
        BackupFixture client = BackupFixture.create(register, 1, true);
        BackupRun run = starter.start(client.serverId(), BackupKind.DATABASE, BackupTrigger.MANUAL);
        driver.executeJob(run.getProcessInstanceId(), BackupProcess.Elements.PREPARE);
        driver.drain();
        int m = settings.getCheck().getSubsets();
        int n = (int) Math.floorMod(contractClock.weekIndex(), (long) m) + 1;

        fire(START_CHECK, null);
        driver.drain();
        assertThat(schedule).hasPassed(START_CHECK, CHECK, END_CHECK);
        Assertions.assertThat(ports.calls()).contains("check client-" + client.clientId() + " " + n + "/" + m,
                "offsite-check client-" + client.clientId() + " " + n + "/" + m);

        clock.advance(Duration.ofDays(7));
        ports.offsiteProblem("data/3f/3fa2 has 1200 bytes off-site, 4096 locally");
        fire(START_CHECK, null);
        driver.drain();
        driver.retryAfter(RETRY);
        driver.retryAfter(RETRY);
        Incident incident = runtime.createIncidentQuery().processInstanceId(schedule.getId()).activityId(CHECK)
                .singleResult();
        Assertions.assertThat(incident).isNotNull();
        Assertions.assertThat(incident.getIncidentMessage()).contains("4096 locally");
        Assertions.assertThat(ports.calls()).contains("check client-" + client.clientId() + " " + (n % m + 1) + "/" + m);
        Assertions.assertThat(Mails.text(Mails.to(MAIL, settings.getOpsAddress(), "[backup] ÉCHEC backup-check")))
                .contains("4096 locally");

        // Ops fix the off-site copy and retry in Cockpit.
        ports.reset();
        externalTasks.setRetries(incident.getConfiguration(), 1);
        driver.retryAfter(RETRY);
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(schedule.getId()).count()).isZero();
    }

    @Test
    @DisplayName("An administrator stops the schedule; the application starts a new one at its next start")
    void stopAndRestart() {
        runtime.createMessageCorrelation(BackupScheduleProcess.Messages.STOP)
                .processInstanceId(schedule.getId()).correlate();
        assertThat(schedule).hasPassed(STOPPED, END).isEnded();
        ProcessInstance next = keeper.ensureRunning();
        Assertions.assertThat(next.getId()).isNotEqualTo(schedule.getId());
        assertThat(next).isWaitingAt(STOPPED);
        Assertions.assertThat(keeper.ensureRunning().getId()).isEqualTo(next.getId());
    }
}
