package fr.progerance.ops.update.process;

import static fr.progerance.ops.update.process.MinorUpdateProcess.Elements.*;
import static fr.progerance.ops.update.process.UpdateFlowFixture.MANAGER;
import static fr.progerance.ops.update.process.UpdateFlowFixture.MANAGERS_MAILBOX;
import static fr.progerance.ops.update.process.UpdateFlowFixture.OPS;
import static fr.progerance.ops.update.process.UpdateFlowFixture.OPS_MAILBOX;
import static fr.progerance.ops.update.process.UpdateFlowFixture.PASSWORD;
import static fr.progerance.ops.update.process.UpdateFlowFixture.paris;
import static fr.progerance.ops.update.process.UpdateFlowFixture.window;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPeers;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.contract.MaintenanceWindows;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.ScriptedRemote;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of {@code MinorUpdate} (RD-ps, R4.0-b, R4.3-p2, DESIGN rules 11 and 12) on the real
 * delegates, listener, completion checks, mails and metrics of the running application: ops plan the
 * window through Camunda's REST API with their login, the overdue timer fires by moving the test
 * clock, GreenMail receives the escalation. {@code ApplyUpdate} is a stand-in here (it has its own
 * flow test); the update records are helper D's.
 * Expected dates are worked out by hand (Europe/Paris).
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = UpdateFlowCoverage.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@MeasuredProcesses(MinorUpdateProcess.KEY)
@DisplayName("MinorUpdate flow on the real delegates (ApplyUpdate stood in)")
class MinorUpdateFlowTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    /** 8.1.7, published Tuesday 10 March 2026: R4.0-b due Tuesday 17 March 00:00 (7 days), or Thursday 12 March (security, 2 days). */
    static final LocalDate PUBLISHED = LocalDate.of(2026, 3, 10);

    static CalledProcessMocks mocks;

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identity;
    @Autowired
    MovableClock clock;
    @Autowired
    TestPeers.SwitchableRemote remote;
    @Autowired
    UpdateTestPorts.Fakes fakes;
    @Autowired
    Updates updates;
    @Autowired
    UpdateStarter starter;
    @Autowired
    MeterRegistry meters;

    @Autowired
    Updates records;
    @Autowired
    MaintenanceWindows windows;
    ScriptedRemote ssh;
    UpdateFlowDriver driver;
    RegisterApi register;

    @BeforeAll
    static void standIns(@Autowired RepositoryService repository, @Autowired RuntimeService runtime) {
        mocks = new CalledProcessMocks(repository, runtime).deploy();
    }

    @AfterAll
    static void removeStandIns() {
        mocks.undeploy();
    }

    @BeforeEach
    void setUp() {
        clock.set(paris("2026-03-11T10:00"));
        ssh = new ScriptedRemote();
        remote.use(ssh);
        driver = new UpdateFlowDriver(management, runtime);
        register = new RegisterApi(port);
        UpdateFlowFixture.user(identity, OPS, OpsGroups.OPS);
        UpdateFlowFixture.user(identity, MANAGER, OpsGroups.MANAGERS);
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void tearDown() {
        runtime.createProcessInstanceQuery().processDefinitionKey(MinorUpdateProcess.KEY).list()
                .forEach(p -> runtime.deleteProcessInstance(p.getId(), "end of test"));
        identity.clearAuthentication();
        remote.useReal();
        fakes.clear();
        clock.reset();
        BpmnAwareTests.reset();
    }

    private TestApi ops() {
        return TestApi.as(port, OPS, PASSWORD);
    }

    private TestApi manager() {
        return TestApi.as(port, MANAGER, PASSWORD);
    }

    /** The update of the server from 8.1.5 to 8.1.7, opened as UpdateWatch opens it, and its MinorUpdate. */
    private ProcessInstance minorUpdate(long serverId, boolean security) {
        UpdateView u = updates.open(serverId, PrestaShopVersion.parse("8.1.5"),
                new Release(PrestaShopVersion.parse("8.1.7"), PUBLISHED, security, "test"), UpdateWatcher.CATALOGUE);
        UpdateStarter.Started started = starter.ensureStarted(u);
        Assertions.assertThat(started.startedNow()).isTrue();
        Assertions.assertThat(starter.ensureStarted(u).startedNow()).as("started once (business key)").isFalse();
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(started.processInstanceId())
                .singleResult();
        Assertions.assertThat(pi.getBusinessKey()).isEqualTo("update:" + u.id());
        return pi;
    }

    private Task planningTask(ProcessInstance pi) {
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(PLAN_WINDOW).singleResult();
        Assertions.assertThat(task).as("the planning task").isNotNull();
        return task;
    }

    private long updateId(ProcessInstance pi) {
        return ((Number) runtime.getVariable(pi.getId(), MinorUpdateProcess.Vars.UPDATE_ID)).longValue();
    }

    @Test
    @DisplayName("R4.0-b, R4.3-p2, DESIGN rule 11: ops plan the window inside 7h-18h of a business day before the due date; it is recorded in their name; ApplyUpdate is called with the update id; no command reaches the server before")
    void plannedThenApplied() {
        UpdateFlowFixture.Shop shop = UpdateFlowFixture.shop(register, "PROGERANCE");
        ProcessInstance pi = minorUpdate(shop.serverId(), false);
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassedInOrder(START, LOAD, WITHIN_DELAY_START).isWaitingAt(PLAN_WINDOW);
        Task task = planningTask(pi);
        Assertions.assertThat(task.getDueDate()).as("R4.0-b: 10 March + 7 days").isEqualTo(Date.from(paris("2026-03-17T00:00")));
        Assertions.assertThat(task.getPriority()).isEqualTo(50);
        Assertions.assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(l -> l.getGroupId())
                .containsExactly(OpsGroups.OPS);
        Assertions.assertThat(runtime.getVariables(pi.getId())).containsEntry(MinorUpdateProcess.Vars.SERVER_NAME,
                shop.serverName()).containsEntry(MinorUpdateProcess.Vars.TO_VERSION, "8.1.7")
                .containsEntry(MinorUpdateProcess.Vars.INFRASTRUCTURE, "PROGERANCE")
                .containsEntry(MinorUpdateProcess.Vars.DUE_TEXT, "2026-03-17 00:00 (Europe/Paris)");

        String submit = "/engine-rest/task/" + task.getId() + "/submit-form";
        // R4.3-p2: Friday 13 March 17:00-19:00 runs past 18h.
        TestApi.Answer late = ops().post(submit, window("2026-03-13T17:00+01:00", "2026-03-13T19:00+01:00", null));
        Assertions.assertThat(late.status()).as(late.toString()).isEqualTo(400);
        Assertions.assertThat(late.body()).contains("R4.3-p2");
        // Saturday 14 March is no business day.
        TestApi.Answer saturday = ops().post(submit, window("2026-03-14T09:00+01:00", "2026-03-14T11:00+01:00", null));
        Assertions.assertThat(saturday.status()).as(saturday.toString()).isEqualTo(400);
        // In the past (the clock says Wednesday 11 March 10:00).
        TestApi.Answer past = ops().post(submit, window("2026-03-11T08:00+01:00", "2026-03-11T09:00+01:00", null));
        Assertions.assertThat(past.status()).as(past.toString()).isEqualTo(400);
        Assertions.assertThat(past.body()).contains("future");
        TestApi.Answer backwards = ops().post(submit, window("2026-03-13T11:00+01:00", "2026-03-13T09:00+01:00", null));
        Assertions.assertThat(backwards.status()).as(backwards.toString()).isEqualTo(400);
        // R4.0-b: Wednesday 18 March ends after the due date: a reason is needed.
        TestApi.Answer afterDue = ops().post(submit, window("2026-03-18T09:00+01:00", "2026-03-18T11:00+01:00", null));
        Assertions.assertThat(afterDue.status()).as(afterDue.toString()).isEqualTo(400);
        Assertions.assertThat(afterDue.body()).contains("R4.0-b").contains(UpdateVariables.LATE_WINDOW_REASON);
        // Garbage, and a variable the task does not own (DESIGN rule 11).
        TestApi.Answer garbage = ops().post(submit, window("vendredi matin", "2026-03-13T11:00+01:00", null));
        Assertions.assertThat(garbage.status()).as(garbage.toString()).isEqualTo(400);
        TestApi.Answer foreign = ops().post(submit, java.util.Map.of("variables", java.util.Map.of(
                UpdateVariables.WINDOW_START, java.util.Map.of("value", "2026-03-13T09:00+01:00"),
                UpdateVariables.WINDOW_END, java.util.Map.of("value", "2026-03-13T11:00+01:00"),
                UpdateVariables.DUE_AT, java.util.Map.of("value", "2026-04-30T00:00:00.000+0200", "type", "Date"))));
        Assertions.assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        Assertions.assertThat(foreign.body()).contains(UpdateVariables.DUE_AT);
        // The task is ops' (managers may not complete it).
        TestApi.Answer byManager = manager().post(submit, window("2026-03-13T09:00+01:00", "2026-03-13T11:00+01:00", null));
        Assertions.assertThat(byManager.status()).as(byManager.toString()).isEqualTo(403);
        Assertions.assertThat(records.get(updateId(pi)).status()).isEqualTo(UpdateStatus.PENDING);

        TestApi.Answer planned = ops().post(submit, window("2026-03-13T09:00+01:00", "2026-03-13T11:00+01:00", null));
        Assertions.assertThat(planned.status()).as(planned.toString()).isEqualTo(204);
        UpdateView scheduled = records.get(updateId(pi));
        Assertions.assertThat(scheduled.status()).isEqualTo(UpdateStatus.SCHEDULED);
        Assertions.assertThat(scheduled.windowStart()).isEqualTo(paris("2026-03-13T09:00"));
        Assertions.assertThat(scheduled.windowEnd()).isEqualTo(paris("2026-03-13T11:00"));
        Assertions.assertThat(windows.find(MaintenanceWindowSource.UPDATE, Updates.key(updateId(pi))))
                .get().satisfies(w -> {
                    Assertions.assertThat(w.createdBy()).as("recorded in the name of who planned it").isEqualTo(OPS);
                    Assertions.assertThat(w.start()).isEqualTo(paris("2026-03-13T09:00"));
                });
        Assertions.assertThat(ssh.sent()).as("nothing reached the server while planning").isEmpty();

        driver.settleCleanly(pi.getId());
        assertThat(pi).isWaitingAt(APPLY_UPDATE);
        ProcessInstance apply = mocks.called(pi.getId(), CalledProcesses.APPLY_UPDATE);
        Assertions.assertThat(runtime.getVariable(apply.getId(), CalledProcesses.APPLY_UPDATE_IN)).isEqualTo(updateId(pi));
        Assertions.assertThat(apply.getBusinessKey()).isEqualTo(pi.getBusinessKey());
        Assertions.assertThat(ssh.count(CommandTemplate.UPTIME)).as("ApplyUpdate's first command").isEqualTo(1);

        mocks.finishUpdate(pi.getId());
        assertThat(pi).hasPassedInOrder(PLAN_WINDOW, APPLY_UPDATE, WITHIN_DELAY_END, END).hasPassed(WITHIN_DELAY).isEnded();
        assertThat(pi).hasNotPassed(ESCALATE_OVERDUE);
    }

    @Test
    @DisplayName("R4.0-b: the due date passes before the window is planned: managers are mailed once (ops in copy), the escalation is counted, the task stays; ops then plan a late window with its reason")
    void overdueEscalation() throws Exception {
        UpdateFlowFixture.Shop shop = UpdateFlowFixture.shop(register, "TIERCE");
        ProcessInstance pi = minorUpdate(shop.serverId(), false);
        long id = updateId(pi);
        driver.settleCleanly(pi.getId());
        double before = escalations(false);

        clock.set(paris("2026-03-16T23:59"));
        driver.settleCleanly(pi.getId());
        assertThat(pi).isWaitingAt(PLAN_WINDOW);
        clock.set(paris("2026-03-17T00:00"));
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(TIMER_OVERDUE, ESCALATE_OVERDUE, END_ESCALATED).isWaitingAt(PLAN_WINDOW);
        Assertions.assertThat(escalations(false)).isEqualTo(before + 1);

        var mail = Mails.to(MAIL, MANAGERS_MAILBOX, "ESCALADE MAJ-" + updateId(pi));
        Assertions.assertThat(mail.getSubject()).contains(shop.serverName());
        Assertions.assertThat(java.util.Arrays.stream(mail.getAllRecipients()).map(Object::toString))
                .contains(MANAGERS_MAILBOX, OPS_MAILBOX);
        Assertions.assertThat(Mails.text(mail)).contains("8.1.5").contains("8.1.7").contains("mardi 17 mars 2026 à 00h00")
                .contains("article 4.0").contains("PENDING");

        // TIERCE: R4.3-p2 does not bind the hours; the window after the due date needs its reason.
        Task task = planningTask(pi);
        String submit = "/engine-rest/task/" + task.getId() + "/submit-form";
        TestApi.Answer noReason = ops().post(submit, window("2026-03-17T21:00+01:00", "2026-03-17T23:00+01:00", ""));
        Assertions.assertThat(noReason.status()).as(noReason.toString()).isEqualTo(400);
        TestApi.Answer planned = ops().post(submit, window("2026-03-17T21:00+01:00", "2026-03-17T23:00+01:00",
                "Le client a demandé une intervention le soir, hors de ses heures de vente."));
        Assertions.assertThat(planned.status()).as(planned.toString()).isEqualTo(204);
        Assertions.assertThat(records.get(updateId(pi)).windowStart()).isEqualTo(paris("2026-03-17T21:00"));
        driver.settleCleanly(pi.getId());
        mocks.finishUpdate(pi.getId());
        assertThat(pi).hasPassed(END).isEnded();
        Assertions.assertThat(escalations(false)).as("escalated once").isEqualTo(before + 1);
        Assertions.assertThat(MAIL.getReceivedMessages()).filteredOn(m -> {
            try {
                return m.getSubject().startsWith("ESCALADE MAJ-" + id);
            } catch (Exception e) {
                return false;
            }
        }).as("one mail per recipient").hasSize(2);
    }

    @Test
    @DisplayName("R4.0-b, security first: a security release's planning task has the higher priority and is due 2 days after publication")
    void securityReleaseFirst() {
        UpdateFlowFixture.Shop plain = UpdateFlowFixture.shop(register, "PROGERANCE");
        UpdateFlowFixture.Shop exposed = UpdateFlowFixture.shop(register, "PROGERANCE");
        ProcessInstance normal = minorUpdate(plain.serverId(), false);
        ProcessInstance security = minorUpdate(exposed.serverId(), true);
        driver.settleCleanly(normal.getId(), security.getId());
        Task first = tasks.createTaskQuery().taskDefinitionKey(PLAN_WINDOW).processInstanceIdIn(normal.getId(),
                security.getId()).orderByTaskPriority().desc().list().get(0);
        Assertions.assertThat(first.getProcessInstanceId()).isEqualTo(security.getId());
        Assertions.assertThat(first.getPriority()).isEqualTo(80);
        Assertions.assertThat(first.getDueDate()).isEqualTo(Date.from(paris("2026-03-12T00:00")));
        Assertions.assertThat(planningTask(normal).getPriority()).isEqualTo(50);
        Assertions.assertThat(planningTask(normal).getDueDate()).isEqualTo(Date.from(paris("2026-03-17T00:00")));
        Assertions.assertThat(runtime.getVariable(security.getId(), MinorUpdateProcess.Vars.SECURITY)).isEqualTo(true);
    }

    @Test
    @DisplayName("DESIGN rule 13: a MinorUpdate started for a record that is no PENDING minor update stops at its first task with a readable incident")
    void wrongRecord() {
        UpdateFlowFixture.Shop shop = UpdateFlowFixture.shop(register, "PROGERANCE");
        ProcessInstance pi = minorUpdate(shop.serverId(), false);
        records.notDone(updateId(pi), "cancelled (test)");
        Assertions.assertThat(driver.settle(pi.getId())).singleElement().asString().contains(LOAD)
                .contains("NOT_DONE").contains("PENDING");
        assertThat(pi).isWaitingAt(LOAD);
    }

    private double escalations(boolean security) {
        return meters.get("ops.update.escalations").tag("security", String.valueOf(security)).counter().count();
    }
}
