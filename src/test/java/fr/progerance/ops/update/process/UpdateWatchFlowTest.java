package fr.progerance.ops.update.process;

import static fr.progerance.ops.update.process.UpdateFlowFixture.paris;
import static fr.progerance.ops.update.process.UpdateWatchProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestPeers;
import fr.progerance.ops.contract.RegisterApi;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.quote.QuoteApprovalProcess;
import fr.progerance.ops.quote.Quotes;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.shop.PrestaShopFixture;
import fr.progerance.ops.update.shop.PrestaShopFixture.Layout;
import fr.progerance.ops.update.shop.ShopVersions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.TransitionInstance;
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
import org.springframework.test.context.TestExecutionListeners;

/**
 * {@code UpdateWatch} (RD-ps, R4.0-b, R4.0-c) on the real delegates and the real version reading: the
 * shops are fixture installations (helper B's {@link PrestaShopFixture}) served by a real SSH server
 * (DESIGN rule 10), read with the command template through the application's remote executor. The
 * timer start job runs as the job executor would run it; each server's check is its own job. The
 * release catalogue is written by the test (the dates of the scenarios), the update records are
 * helper D's; the processes the watch starts call the real
 * QuoteApproval (its French mail to GreenMail) and a stand-in of ApplyUpdate.
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = UpdateFlowCoverage.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@MeasuredProcesses(UpdateWatchProcess.KEY)
@DisplayName("UpdateWatch flow: versions read over SSH from fixture shops, updates opened and started once")
class UpdateWatchFlowTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @TempDir
    static Path dir;

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
    ShopVersions versions;

    @Autowired
    Quotes quotes;

    @Autowired
    Updates records;
    FakeCatalogue catalogue;
    UpdateFlowDriver driver;
    RegisterApi register;
    List<Long> mine = new ArrayList<>();

    @BeforeAll
    static void setUpAll(@Autowired RepositoryService repository, @Autowired RuntimeService runtime) {
        PrestaShopFixture.serveWith(SSH.start(), dir);
        mocks = new CalledProcessMocks(repository, runtime).deploy();
    }

    @AfterAll
    static void removeStandIns() {
        mocks.undeploy();
    }

    @BeforeEach
    void setUp() {
        // Friday 13 March 2026, 6:00 Paris: the watch's hour.
        clock.set(paris("2026-03-13T06:00"));
        // RD-ps, R4.0-b: 1.7.8.11 fixes security advisories (published Wednesday 11 March: due Friday 13 March
        // 00:00... see below); 8.2.1 does not (published Tuesday 10 March: due Tuesday 17 March).
        catalogue = new FakeCatalogue();
        fakes.catalogue = catalogue.release("1.7.8.10", LocalDate.of(2023, 10, 25), false)
                .release("1.7.8.11", LocalDate.of(2026, 3, 12), true).release("8.1.6", LocalDate.of(2024, 5, 15), true)
                .release("8.2.0", LocalDate.of(2024, 10, 16), false).release("8.2.1", LocalDate.of(2026, 3, 10), false)
                .release("9.0.0", LocalDate.of(2025, 6, 6), false);
        remote.useReal();
        driver = new UpdateFlowDriver(management, runtime);
        register = new RegisterApi(port);
        mine.clear();
        UpdateFlowFixture.user(identity, UpdateFlowFixture.OPS, OpsGroups.OPS);
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void tearDown() {
        for (String key : List.of(UpdateWatchProcess.KEY, MinorUpdateProcess.KEY, MajorUpdateProcess.KEY,
                QuoteApprovalProcess.KEY)) {
            runtime.createProcessInstanceQuery().processDefinitionKey(key).list()
                    .forEach(p -> runtime.deleteProcessInstance(p.getId(), "end of test"));
        }
        fakes.clear();
        clock.reset();
        BpmnAwareTests.reset();
    }

    /** A server of an ACTIVE contract whose shop is {@code shop} on the embedded SSH server. */
    private long server(PrestaShopFixture shop, String infrastructure) {
        long id = UpdateFlowFixture.shop(register, infrastructure, "address", SSH.host(), "sshPort", SSH.port(),
                "sshUser", SSH.user(), "hostKeyFingerprint", SSH.hostKeyFingerprint(),
                "installPath", shop.installPath().toString(), "adminDirectory", shop.adminDirectory()).serverId();
        mine.add(id);
        return id;
    }

    /** The timer start fires (as the job executor runs it); returns the new UpdateWatch instance. */
    private ProcessInstance watchFires() {
        Set<String> before = new java.util.HashSet<>(runtime.createProcessInstanceQuery()
                .processDefinitionKey(UpdateWatchProcess.KEY).list().stream().map(ProcessInstance::getId).toList());
        Job timer = management.createJobQuery().processDefinitionKey(UpdateWatchProcess.KEY).timers().list().stream()
                .filter(j -> j.getProcessInstanceId() == null).findFirst().orElseThrow();
        management.executeJob(timer.getId());
        ProcessInstance pi = runtime.createProcessInstanceQuery().processDefinitionKey(UpdateWatchProcess.KEY).list()
                .stream().filter(p -> !before.contains(p.getId())).findFirst().orElseThrow();
        assertThat(pi).hasPassed(START);
        // The save point before the list of servers: one job per server after it.
        driver.execute(pi.getId(), CHECK_SERVER + "#multiInstanceBody");
        return pi;
    }

    /** Runs the checks of this test's servers (other test classes' servers stay unchecked). */
    private List<String> checkMine(ProcessInstance watch) {
        return checkMine(watch, false);
    }

    /**
     * Runs the checks of this test's servers; with {@code othersAside}, the waiting checks of other
     * servers of the shared database (other test classes' shops, long gone) are first cancelled, so
     * that the watch can end when this test's servers are checked.
     */
    private List<String> checkMine(ProcessInstance watch, boolean othersAside) {
        if (othersAside) {
            ActivityInstance tree = runtime.getActivityInstance(watch.getId());
            for (ActivityInstance body : tree.getChildActivityInstances()) {
                for (TransitionInstance check : body.getChildTransitionInstances()) {
                    Object serverId = runtime.getVariableLocal(check.getExecutionId(), UpdateWatchProcess.Vars.SERVER_ID);
                    if (!(serverId instanceof Number n && mine.contains(n.longValue()))) {
                        runtime.createProcessInstanceModification(watch.getId())
                                .cancelTransitionInstance(check.getId()).execute();
                    }
                }
            }
        }
        List<String> failures = new ArrayList<>();
        for (Job job : management.createJobQuery().processInstanceId(watch.getId()).activityId(CHECK_SERVER).list()) {
            Object serverId = runtime.getVariableLocal(job.getExecutionId(), UpdateWatchProcess.Vars.SERVER_ID);
            if (serverId instanceof Number n && mine.contains(n.longValue())) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException e) {
                    failures.add(n + ": " + UpdateFlowDriver.root(e));
                }
            }
        }
        return failures;
    }

    private List<UpdateView> updatesOf(long serverId) {
        return records.open().stream().filter(u -> u.serverId() == serverId).toList();
    }

    private ProcessInstance processOf(UpdateView u) {
        String key = u.kind().needsQuote() ? MajorUpdateProcess.KEY : MinorUpdateProcess.KEY;
        List<ProcessInstance> list = runtime.createProcessInstanceQuery().processDefinitionKey(key)
                .processInstanceBusinessKey("update:" + u.id()).list();
        Assertions.assertThat(list).as("the %s of update %s", key, u.id()).hasSize(1);
        return list.get(0);
    }

    @Test
    @DisplayName("RD-ps, R4.0-b, R4.0-c: the watch reads each shop over SSH, opens its minor and major updates and starts MinorUpdate and MajorUpdate once; an up-to-date shop gets nothing; a second run starts nothing again")
    void opensAndStartsOnce() {
        long old17 = server(PrestaShopFixture.create(dir, Layout.PS_17, "1.7.8.10"), "PROGERANCE");
        long current9 = server(PrestaShopFixture.create(dir, Layout.PS_9, "9.0.0"), "TIERCE");
        ProcessInstance watch = watchFires();
        Assertions.assertThat(checkMine(watch, true)).isEmpty();
        assertThat(watch).hasPassedInOrder(START, CHECK_SERVER, END).isEnded();

        Assertions.assertThat(versions.latest(old17)).get().extracting(r -> r.version().text()).isEqualTo("1.7.8.10");
        Assertions.assertThat(versions.latest(current9)).get().extracting(r -> r.version().text()).isEqualTo("9.0.0");
        Assertions.assertThat(updatesOf(current9)).isEmpty();
        List<UpdateView> opened = updatesOf(old17);
        Assertions.assertThat(opened).extracting(u -> u.kind().name() + " " + u.fromVersion() + "->" + u.toVersion()
                + " " + u.requestedBy()).containsExactlyInAnyOrder("PATCH 1.7.8.10->1.7.8.11 catalogue",
                        "MAJOR 1.7.8.10->9.0.0 catalogue");
        UpdateView patch = opened.stream().filter(u -> !u.kind().needsQuote()).findFirst().orElseThrow();
        UpdateView major = opened.stream().filter(u -> u.kind().needsQuote()).findFirst().orElseThrow();
        ProcessInstance minorPi = processOf(patch);
        ProcessInstance majorPi = processOf(major);
        Assertions.assertThat(runtime.getVariable(minorPi.getId(), UpdateVariables.UPDATE_ID)).isEqualTo(patch.id());
        Assertions.assertThat(runtime.getVariable(majorPi.getId(), UpdateVariables.SERVER_ID)).isEqualTo(old17);

        // The second morning: nothing new is opened or started.
        clock.set(paris("2026-03-14T06:00"));
        ProcessInstance again = watchFires();
        Assertions.assertThat(checkMine(again)).isEmpty();
        Assertions.assertThat(updatesOf(old17)).extracting(UpdateView::id).containsExactlyInAnyOrder(patch.id(), major.id());
        processOf(patch);
        processOf(major);
        assertThat(again).hasPassed(CHECK_SERVER);
    }

    @Test
    @DisplayName("R4.0-b, security first: the security release's planning task comes first (priority 80 over 50) and is due earlier (2 days after publication, not 7)")
    void securityReleaseFirst() {
        long exposed = server(PrestaShopFixture.create(dir, Layout.PS_17, "1.7.8.10"), "PROGERANCE");
        long plain = server(PrestaShopFixture.create(dir, Layout.PS_8, "8.2.0"), "PROGERANCE");
        ProcessInstance watch = watchFires();
        Assertions.assertThat(checkMine(watch)).isEmpty();
        UpdateView security = updatesOf(exposed).stream().filter(u -> !u.kind().needsQuote()).findFirst().orElseThrow();
        UpdateView normal = updatesOf(plain).stream().filter(u -> !u.kind().needsQuote()).findFirst().orElseThrow();
        Assertions.assertThat(security.security()).isTrue();
        Assertions.assertThat(normal.security()).isFalse();
        ProcessInstance a = processOf(security);
        ProcessInstance b = processOf(normal);
        driver.settleCleanly(a.getId(), b.getId());
        List<Task> queue = tasks.createTaskQuery().processInstanceIdIn(a.getId(), b.getId())
                .taskDefinitionKey(MinorUpdateProcess.Elements.PLAN_WINDOW).orderByTaskPriority().desc()
                .orderByDueDate().asc().list();
        Assertions.assertThat(queue).extracting(Task::getProcessInstanceId).containsExactly(a.getId(), b.getId());
        Assertions.assertThat(queue.get(0).getPriority()).isEqualTo(80);
        Assertions.assertThat(queue.get(0).getDueDate()).as("12 March + 2 days").isEqualTo(Date.from(paris("2026-03-14T00:00")));
        Assertions.assertThat(queue.get(1).getPriority()).isEqualTo(50);
        Assertions.assertThat(queue.get(1).getDueDate()).as("10 March + 7 days").isEqualTo(Date.from(paris("2026-03-17T00:00")));
    }

    @Test
    @DisplayName("R4.0-b, security first: a security release published while the minor update is unplanned: the update aims at it, and the waiting task follows (priority 80, the earlier due date, the overdue timer moved)")
    void securityReleaseWhileUnplanned() {
        long shop = server(PrestaShopFixture.create(dir, Layout.PS_8, "8.2.0"), "PROGERANCE");
        Assertions.assertThat(checkMine(watchFires())).isEmpty();
        UpdateView u = updatesOf(shop).stream().filter(x -> !x.kind().needsQuote()).findFirst().orElseThrow();
        ProcessInstance pi = processOf(u);
        driver.settleCleanly(pi.getId());
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(task.getPriority()).isEqualTo(50);
        Assertions.assertThat(task.getDueDate()).isEqualTo(Date.from(paris("2026-03-17T00:00")));

        // Saturday 14 March: 8.2.2 fixes security advisories (published Friday 13 March: due Sunday 15 March).
        clock.set(paris("2026-03-14T06:00"));
        catalogue.release("8.2.2", LocalDate.of(2026, 3, 13), true);
        Assertions.assertThat(checkMine(watchFires())).isEmpty();
        UpdateView aimed = records.get(u.id());
        Assertions.assertThat(aimed.toVersion()).isEqualTo("8.2.2");
        Assertions.assertThat(aimed.security()).isTrue();
        Assertions.assertThat(processOf(aimed).getId()).as("the same process").isEqualTo(pi.getId());
        Task followed = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(followed.getId()).isEqualTo(task.getId());
        Assertions.assertThat(followed.getPriority()).isEqualTo(80);
        Assertions.assertThat(followed.getDueDate()).isEqualTo(Date.from(paris("2026-03-15T00:00")));
        Assertions.assertThat(runtime.getVariable(pi.getId(), MinorUpdateProcess.Vars.TO_VERSION)).isEqualTo("8.2.2");
        Assertions.assertThat(runtime.getVariable(pi.getId(), MinorUpdateProcess.Vars.DUE_TEXT))
                .isEqualTo("2026-03-15 00:00 (Europe/Paris)");
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId())
                .activityId(MinorUpdateProcess.Elements.TIMER_OVERDUE).singleResult().getDuedate())
                .isEqualTo(Date.from(paris("2026-03-15T00:00")));
    }

    @Test
    @DisplayName("R4.0-c: a major update declined by the client is not proposed again the next morning, but once ops.update.processes.major-proposal-interval (90 days) has passed")
    void declinedMajorNotProposedEveryMorning() {
        long shop = server(PrestaShopFixture.create(dir, Layout.PS_8, "8.2.1"), "PROGERANCE");
        Assertions.assertThat(checkMine(watchFires())).isEmpty();
        UpdateView major = updatesOf(shop).stream().filter(u -> u.kind().needsQuote()).findFirst().orElseThrow();
        ProcessInstance pi = processOf(major);
        QuoteSteps quote = new QuoteSteps(port, TestApi.as(port, UpdateFlowFixture.OPS, UpdateFlowFixture.PASSWORD),
                runtime, tasks, quotes, driver, MAIL);
        quote.prepareAndSend(pi, "2026-03-31T08:00+02:00", "2026-03-31T11:00+02:00", "2026-03-27");
        quote.answerByPhone(pi, "DECLINE");
        driver.settleCleanly(pi.getId());
        assertThat(pi).isEnded();
        Assertions.assertThat(records.get(major.id()).status()).isEqualTo(UpdateStatus.NOT_DONE);

        clock.set(paris("2026-03-14T06:00"));
        Assertions.assertThat(checkMine(watchFires())).isEmpty();
        Assertions.assertThat(updatesOf(shop)).as("no new quote the next morning").isEmpty();

        clock.set(paris("2026-06-12T06:00"));
        Assertions.assertThat(checkMine(watchFires())).isEmpty();
        Assertions.assertThat(updatesOf(shop)).extracting(u -> u.kind().name() + " " + u.toVersion())
                .containsExactly("MAJOR 9.0.0");
    }

    @Test
    @DisplayName("DESIGN rule 13: a shop that cannot be read fails its own job (retried, then a Camunda incident with the message); the other servers are checked")
    void unreadableShop() {
        PrestaShopFixture broken = PrestaShopFixture.create(dir, Layout.PS_8, "8.2.1");
        broken.write("src/Core/Version.php", "<?php // emptied by a failed deployment\n");
        broken.write("app/AppKernel.php", "<?php\n");
        broken.write("config/settings.inc.php", "<?php\n");
        long bad = server(broken, "PROGERANCE");
        long good = server(PrestaShopFixture.create(dir, Layout.PS_9, "9.0.0"), "PROGERANCE");
        ProcessInstance watch = watchFires();
        Assertions.assertThat(checkMine(watch)).singleElement().asString().startsWith(bad + ": ");
        Assertions.assertThat(versions.latest(good)).isPresent();
        Assertions.assertThat(versions.latest(bad)).isEmpty();
        Assertions.assertThat(updatesOf(bad)).isEmpty();
        assertThat(watch).isWaitingAt(CHECK_SERVER);
    }
}
