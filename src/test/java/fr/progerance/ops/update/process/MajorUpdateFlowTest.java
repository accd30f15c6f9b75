package fr.progerance.ops.update.process;

import static fr.progerance.ops.update.process.MajorUpdateProcess.Elements.*;
import static fr.progerance.ops.update.process.UpdateFlowFixture.OPS;
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
import fr.progerance.ops.contract.MaintenanceWindowView;
import fr.progerance.ops.contract.MaintenanceWindows;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.quote.QuoteApprovalProcess;
import fr.progerance.ops.quote.QuoteStatus;
import fr.progerance.ops.quote.QuoteView;
import fr.progerance.ops.quote.Quotes;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.remote.ScriptedRemote;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.shop.PrestaShopFixture;
import fr.progerance.ops.update.shop.PrestaShopFixture.Layout;
import fr.progerance.ops.update.shop.ShopVersions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
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
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of {@code MajorUpdate} (RD-ps, R4.0-c, RD-extra, DESIGN rule 11) on the real delegates,
 * listener and completion checks, with the real {@code QuoteApproval} (helper C's): ops request the
 * update through {@code POST /api/updates} and prepare the quote in its form through
 * {@code /engine-rest}, with their logins; the French quote goes out by mail (GreenMail); the client
 * answers on the signed link's page, or ops log a phone answer, or the quote expires by moving the
 * clock. The shop's version was read over SSH from a fixture shop (helper B's). Then the server is a
 * recording remote executor ({@link ScriptedRemote} behind the test peers' switch): R4.0-c, its log
 * stays empty until the approval. {@code ApplyUpdate} is a stand-in (it has its own flow test) whose
 * first step sends a command to the server; the update records are helper D's.
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = UpdateFlowCoverage.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@MeasuredProcesses(MajorUpdateProcess.KEY)
@DisplayName("MajorUpdate flow on the real delegates and the real QuoteApproval (ApplyUpdate stood in)")
class MajorUpdateFlowTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @TempDir
    static Path dir;

    static CalledProcessMocks mocks;

    /** The quote's window: Tuesday 24 March 2026 8:00-11:00 Paris; the client may accept until Friday 20 March. */
    static final String WINDOW_START = "2026-03-24T08:00+01:00";
    static final String WINDOW_END = "2026-03-24T11:00+01:00";
    static final String VALID_UNTIL = "2026-03-20";

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
    @Autowired
    MaintenanceWindows windows;
    ScriptedRemote ssh;
    UpdateFlowDriver driver;
    QuoteSteps quote;
    RegisterApi register;

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
        // Monday 9 March 2026, 10:00 Paris.
        clock.set(paris("2026-03-09T10:00"));
        fakes.catalogue = new FakeCatalogue().release("1.7.8.11", LocalDate.of(2024, 1, 8), true)
                .release("8.2.0", LocalDate.of(2024, 10, 16), false).release("9.0.0", LocalDate.of(2025, 6, 6), false);
        remote.useReal();
        driver = new UpdateFlowDriver(management, runtime);
        register = new RegisterApi(port);
        UpdateFlowFixture.user(identity, OPS, OpsGroups.OPS);
        quote = new QuoteSteps(port, ops(), runtime, tasks, quotes, driver, MAIL);
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void tearDown() {
        for (String key : java.util.List.of(MajorUpdateProcess.KEY, QuoteApprovalProcess.KEY)) {
            runtime.createProcessInstanceQuery().processDefinitionKey(key).list()
                    .forEach(p -> runtime.deleteProcessInstance(p.getId(), "end of test"));
        }
        identity.clearAuthentication();
        remote.useReal();
        fakes.clear();
        clock.reset();
        BpmnAwareTests.reset();
    }

    private TestApi ops() {
        return TestApi.as(port, OPS, PASSWORD);
    }

    /** A PROGERANCE server whose fixture shop runs 1.7.8.11, its version read over SSH. */
    private UpdateFlowFixture.Shop shop() {
        PrestaShopFixture files = PrestaShopFixture.create(dir, Layout.PS_17, "1.7.8.11");
        UpdateFlowFixture.Shop shop = UpdateFlowFixture.shop(register, "PROGERANCE", "address", SSH.host(),
                "sshPort", SSH.port(), "sshUser", SSH.user(), "hostKeyFingerprint", SSH.hostKeyFingerprint(),
                "installPath", files.installPath().toString(), "adminDirectory", files.adminDirectory());
        remote.useReal();
        Assertions.assertThat(versions.read(shop.serverId()).version().text()).isEqualTo("1.7.8.11");
        return shop;
    }

    /**
     * R4.0-c: ops request the major update 1.7.8.11 -> 8.2.0; from then on the server is the recording
     * executor; ops prepare the quote and it is mailed to the client.
     */
    private ProcessInstance requested(UpdateFlowFixture.Shop shop) {
        ssh = new ScriptedRemote();
        remote.use(ssh);
        TestApi.Answer answer = ops().post("/api/updates", Map.of("serverId", shop.serverId(), "targetVersion", "8.2.0"));
        Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        long id = answer.json().get("id").asLong();
        Assertions.assertThat(answer.json().get("kind").asText()).isEqualTo("MAJOR");
        Assertions.assertThat(answer.json().get("status").asText()).isEqualTo("AWAITING_QUOTE");
        Assertions.assertThat(answer.json().get("requestedBy").asText()).isEqualTo(OPS);
        ProcessInstance pi = runtime.createProcessInstanceQuery().processDefinitionKey(MajorUpdateProcess.KEY)
                .processInstanceBusinessKey("update:" + id).singleResult();
        Assertions.assertThat(pi).isNotNull();
        Assertions.assertThat(answer.json().get("processInstanceId").asText()).isEqualTo(pi.getId());
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassedInOrder(START, PREPARE_QUOTE_REQUEST).isWaitingAt(QUOTE_APPROVAL);
        ProcessInstance called = quote.quoteOf(pi);
        Assertions.assertThat(called.getBusinessKey()).isEqualTo("update:" + id);
        Assertions.assertThat(runtime.getVariables(called.getId()))
                .containsEntry(QuoteApprovalProcess.Vars.SUBJECT, "update:" + id)
                .containsEntry(QuoteApprovalProcess.Vars.CLIENT_ID, shop.clientId())
                .containsEntry(QuoteApprovalProcess.Vars.SERVER_ID, shop.serverId())
                .containsEntry(QuoteApprovalProcess.Vars.TITLE, "Mise à jour majeure de PrestaShop 1.7.8.11 vers 8.2.0");
        return pi;
    }

    private long updateId(ProcessInstance pi) {
        return Long.parseLong(pi.getBusinessKey().substring("update:".length()));
    }

    @Test
    @DisplayName("R4.0-c: approved by the client on the signed link: the quote's window is recorded and ApplyUpdate runs in it; no command reached the server before the approval")
    void approved() throws Exception {
        ProcessInstance pi = requested(shop());
        QuoteView sent = quote.prepareAndSend(pi, WINDOW_START, WINDOW_END, VALID_UNTIL);
        Assertions.assertThat(sent.status()).isEqualTo(QuoteStatus.SENT);
        String mail = Mails.text(Mails.to(MAIL, QuoteSteps.CLIENT_EMAIL, "Devis " + sent.number()));
        Assertions.assertThat(mail).contains("Mise à jour majeure de PrestaShop 1.7.8.11 vers 8.2.0")
                .contains("reste en version 1.7.8.11");
        // Days go by while the client reads the quote; reminders go out: nothing touches the server.
        clock.set(paris("2026-03-12T15:00"));
        driver.settleCleanly(pi.getId());
        Assertions.assertThat(ssh.sent()).as("R4.0-c: the server before the approval").isEmpty();

        quote.answerByLink(sent, "APPROVE");
        Assertions.assertThat(ssh.sent()).as("R4.0-c: approved, not yet read from the record").isEmpty();
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassedInOrder(QUOTE_APPROVAL, READ_QUOTE, GATEWAY_APPROVED, GATEWAY_WINDOW_AHEAD,
                SCHEDULE_QUOTED_WINDOW, JOIN_WINDOW).isWaitingAt(APPLY_UPDATE);
        UpdateView u = records.get(updateId(pi));
        Assertions.assertThat(u.quoteId()).isEqualTo(sent.id());
        Assertions.assertThat(u.status()).isEqualTo(UpdateStatus.SCHEDULED);
        Assertions.assertThat(u.windowStart()).isEqualTo(paris("2026-03-24T08:00"));
        Assertions.assertThat(u.windowEnd()).isEqualTo(paris("2026-03-24T11:00"));
        Assertions.assertThat(windows.find(MaintenanceWindowSource.UPDATE, Updates.key(updateId(pi)))).get()
                .extracting(MaintenanceWindowView::createdBy).isEqualTo("quote " + sent.number());
        ProcessInstance apply = mocks.called(pi.getId(), CalledProcesses.APPLY_UPDATE);
        Assertions.assertThat(runtime.getVariable(apply.getId(), CalledProcesses.APPLY_UPDATE_IN)).isEqualTo(updateId(pi));
        Assertions.assertThat(ssh.sent()).as("the first command, in ApplyUpdate").singleElement()
                .satisfies(s -> Assertions.assertThat(s.template()).isEqualTo(CommandTemplate.UPTIME));

        mocks.finishUpdate(pi.getId());
        assertThat(pi).hasPassed(END_APPLIED).hasNotPassed(CLOSE_NOT_APPROVED, PLAN_WINDOW).isEnded();
        TestApi.Answer view = ops().get("/api/updates/" + updateId(pi));
        Assertions.assertThat(view.json().get("status").asText()).as("the stand-in ApplyUpdate records nothing")
                .isEqualTo("SCHEDULED");
        Assertions.assertThat(view.json().get("quote").get("number").asText()).isEqualTo(sent.number());
        Assertions.assertThat(view.json().get("quote").get("status").asText()).isEqualTo("APPROVED");
        Assertions.assertThat(view.json().get("quote").get("channel").asText()).isEqualTo("LINK");
    }

    @Test
    @DisplayName("R4.0-c: declined by the client by phone (logged by ops): the update ends NOT_DONE with who declined and how; no command ever reaches the server")
    void declined() {
        ProcessInstance pi = requested(shop());
        QuoteView sent = quote.prepareAndSend(pi, WINDOW_START, WINDOW_END, VALID_UNTIL);
        quote.answerByPhone(pi, "DECLINE");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassedInOrder(READ_QUOTE, GATEWAY_APPROVED, CLOSE_NOT_APPROVED, END_NOT_DONE)
                .hasNotPassed(APPLY_UPDATE, SCHEDULE_QUOTED_WINDOW).isEnded();
        UpdateView u = records.get(updateId(pi));
        Assertions.assertThat(u.status()).isEqualTo(UpdateStatus.NOT_DONE);
        Assertions.assertThat(u.quoteId()).isEqualTo(sent.id());
        Assertions.assertThat(u.reason()).contains("R4.0-c").contains(sent.number()).contains("declined by " + OPS)
                .contains("PHONE").contains("nothing was sent");
        Assertions.assertThat(u.windowStart()).as("no window recorded").isNull();
        Assertions.assertThat(ssh.sent()).isEmpty();
        Assertions.assertThat(windows.find(MaintenanceWindowSource.UPDATE, Updates.key(updateId(pi)))).isEmpty();
    }

    @Test
    @DisplayName("R4.0-c, DESIGN rule 12: nobody answered by the end of the validity day: the quote expires, the update ends NOT_DONE, nothing reaches the server")
    void expired() {
        ProcessInstance pi = requested(shop());
        QuoteView sent = quote.prepareAndSend(pi, WINDOW_START, WINDOW_END, VALID_UNTIL);
        clock.set(paris("2026-03-20T23:59"));
        driver.settleCleanly(pi.getId());
        assertThat(pi).isWaitingAt(QUOTE_APPROVAL);
        clock.set(paris("2026-03-21T00:00"));
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(CLOSE_NOT_APPROVED, END_NOT_DONE).hasNotPassed(APPLY_UPDATE).isEnded();
        Assertions.assertThat(quotes.find(sent.id()).orElseThrow().status()).isEqualTo(QuoteStatus.EXPIRED);
        UpdateView u = records.get(updateId(pi));
        Assertions.assertThat(u.status()).isEqualTo(UpdateStatus.NOT_DONE);
        Assertions.assertThat(u.reason()).contains("expired without an answer").contains(VALID_UNTIL);
        Assertions.assertThat(ssh.sent()).isEmpty();
    }

    @Test
    @DisplayName("R4.0-c: approved on the last evening, read after the quoted window began (the engine was down): ops plan a new window (due 1 day later), recorded in their name, then ApplyUpdate")
    void approvedTooLate() throws Exception {
        ProcessInstance pi = requested(shop());
        QuoteView sent = quote.prepareAndSend(pi, WINDOW_START, WINDOW_END, VALID_UNTIL);
        clock.set(paris("2026-03-20T23:00"));
        quote.answerByLink(sent, "APPROVE");
        clock.set(paris("2026-03-24T09:00"));
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(GATEWAY_WINDOW_AHEAD).hasNotPassed(SCHEDULE_QUOTED_WINDOW).isWaitingAt(PLAN_WINDOW);
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(PLAN_WINDOW).singleResult();
        Assertions.assertThat(task.getDueDate()).isEqualTo(Date.from(paris("2026-03-25T09:00")));
        Assertions.assertThat(ssh.sent()).isEmpty();

        String submit = "/engine-rest/task/" + task.getId() + "/submit-form";
        TestApi.Answer past = ops().post(submit, window("2026-03-24T08:00+01:00", "2026-03-24T11:00+01:00", null));
        Assertions.assertThat(past.status()).as("the window must start in the future: %s", past).isEqualTo(400);
        // A major update is specific work on quote (R4.0-c): the window agreed with the client, evening included.
        TestApi.Answer planned = ops().post(submit, window("2026-03-26T19:00+01:00", "2026-03-26T21:00+01:00", null));
        Assertions.assertThat(planned.status()).as(planned.toString()).isEqualTo(204);
        Assertions.assertThat(windows.find(MaintenanceWindowSource.UPDATE, Updates.key(updateId(pi)))).get()
                .extracting(MaintenanceWindowView::createdBy).isEqualTo(OPS);
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassedInOrder(PLAN_WINDOW, JOIN_WINDOW).isWaitingAt(APPLY_UPDATE);
        mocks.finishUpdate(pi.getId());
        assertThat(pi).isEnded();
    }

    @Test
    @DisplayName("DESIGN rule 11: a quote id set by hand to another update's approved quote is never taken for this update's approval (a readable incident, nothing scheduled, nothing sent)")
    void foreignQuote() {
        ProcessInstance other = requested(shop());
        QuoteView approved = quote.prepareAndSend(other, WINDOW_START, WINDOW_END, VALID_UNTIL);
        quote.answerByPhone(other, "APPROVE");
        driver.settleCleanly(other.getId());
        Assertions.assertThat(quotes.find(approved.id()).orElseThrow().status()).isEqualTo(QuoteStatus.APPROVED);

        ProcessInstance pi = requested(shop());
        quote.prepareAndSend(pi, WINDOW_START, WINDOW_END, VALID_UNTIL);
        quote.answerByPhone(pi, "DECLINE");
        ProcessInstance called = quote.quoteOf(pi);
        driver.execute(called.getId(), QuoteApprovalProcess.Elements.RECORD_OUTCOME);
        assertThat(pi).isWaitingAt(READ_QUOTE);
        // An administrator (or anything else) points the instance at the other update's approval.
        runtime.setVariable(pi.getId(), MajorUpdateProcess.Vars.QUOTE_ID, approved.id());
        Assertions.assertThat(driver.settle(pi.getId())).singleElement().asString().contains(READ_QUOTE)
                .contains(approved.number());
        assertThat(pi).isWaitingAt(READ_QUOTE);
        Assertions.assertThat(records.get(updateId(pi)).status()).isEqualTo(UpdateStatus.AWAITING_QUOTE);
        Assertions.assertThat(records.get(updateId(pi)).windowStart()).isNull();
        Assertions.assertThat(ssh.sent()).isEmpty();
    }
}
