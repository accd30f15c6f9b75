package fr.progerance.ops.update.process;

import static fr.progerance.ops.update.process.MajorUpdateProcess.Elements.*;
import static fr.progerance.ops.update.process.UpdateFlowFixture.OPS;
import static fr.progerance.ops.update.process.UpdateFlowFixture.PASSWORD;
import static fr.progerance.ops.update.process.UpdateFlowFixture.paris;
import static fr.progerance.ops.update.process.UpdateFlowFixture.window;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPeers;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.quote.QuoteApprovalProcess;
import fr.progerance.ops.quote.QuoteStatus;
import fr.progerance.ops.quote.QuoteView;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.ScriptedRemote;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of {@code MajorUpdate} (RD-ps, R4.0-c, RD-extra, DESIGN rule 11) on the real delegates,
 * listener and completion checks of the running application, started by ops through
 * {@code POST /api/updates} with their login. The server is a recording remote executor
 * ({@link ScriptedRemote} behind the test peers' switch): R4.0-c, its log stays empty until the
 * client approved the quote. QuoteApproval and ApplyUpdate are stand-ins here (they have their own
 * flow tests): the stand-in QuoteApproval returns the quote id of a record the test writes as the
 * real one would; the stand-in ApplyUpdate sends its first command to the server. The records are
 * in-memory stand-ins until helpers C's and D's are merged.
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = UpdateFlowCoverage.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@MeasuredProcesses(MajorUpdateProcess.KEY)
@DisplayName("MajorUpdate flow on the real delegates (QuoteApproval and ApplyUpdate stood in)")
class MajorUpdateFlowTest {

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

    InMemoryUpdates records;
    InMemoryQuotes quotes;
    FakeShopVersions versions;
    ScriptedRemote ssh;
    UpdateFlowDriver driver;
    RegisterApi register;
    UpdateFlowFixture.Shop shop;

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
        // Monday 9 March 2026, 10:00 Paris.
        clock.set(paris("2026-03-09T10:00"));
        records = new InMemoryUpdates(Clock.systemUTC());
        quotes = new InMemoryQuotes();
        versions = new FakeShopVersions(clock);
        fakes.updates = records;
        fakes.quotes = quotes;
        fakes.versions = versions;
        fakes.catalogue = new FakeCatalogue().release("1.7.8.11", LocalDate.of(2024, 1, 8), true)
                .release("8.2.0", LocalDate.of(2024, 10, 16), false).release("9.0.0", LocalDate.of(2025, 6, 6), false);
        ssh = new ScriptedRemote();
        remote.use(ssh);
        driver = new UpdateFlowDriver(management, runtime);
        register = new RegisterApi(port);
        UpdateFlowFixture.user(identity, OPS, OpsGroups.OPS);
        shop = UpdateFlowFixture.shop(register, "PROGERANCE");
        versions.readEarlier(shop.serverId(), "1.7.8.11");
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void tearDown() {
        runtime.createProcessInstanceQuery().processDefinitionKey(MajorUpdateProcess.KEY).list()
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

    /** R4.0-c: ops request the major update 1.7.8.11 -> 8.2.0; its quote is with the client. */
    private ProcessInstance requested() {
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
        ProcessInstance quote = mocks.called(pi.getId(), QuoteApprovalProcess.KEY);
        Assertions.assertThat(runtime.getVariables(quote.getId()))
                .containsEntry(QuoteApprovalProcess.Vars.SUBJECT, "update:" + id)
                .containsEntry(QuoteApprovalProcess.Vars.CLIENT_ID, shop.clientId())
                .containsEntry(QuoteApprovalProcess.Vars.SERVER_ID, shop.serverId())
                .containsEntry(QuoteApprovalProcess.Vars.TITLE, "Mise à jour majeure de PrestaShop 1.7.8.11 vers 8.2.0");
        Assertions.assertThat(quote.getBusinessKey()).isEqualTo("update:" + id);
        return pi;
    }

    private long updateId(ProcessInstance pi) {
        return Long.parseLong(pi.getBusinessKey().substring("update:".length()));
    }

    /** The quote record QuoteApproval leaves behind, decided. */
    private QuoteView decided(ProcessInstance pi, QuoteStatus status, String windowStart, String windowEnd) {
        return quotes.put("update:" + updateId(pi), shop.clientId(), shop.serverId(), status,
                windowStart == null ? null : paris(windowStart), windowEnd == null ? null : paris(windowEnd),
                LocalDate.of(2026, 3, 20), status == QuoteStatus.EXPIRED ? "system" : "client@example.fr",
                clock.instant(), status == QuoteStatus.EXPIRED ? "EXPIRY" : "LINK");
    }

    @Test
    @DisplayName("R4.0-c: approved: the quote's window is recorded and ApplyUpdate runs; no command reached the server before the approval")
    void approved() {
        ProcessInstance pi = requested();
        // Days go by while the client reads the quote: nothing touches the server.
        clock.set(paris("2026-03-12T15:00"));
        driver.settleCleanly(pi.getId());
        Assertions.assertThat(ssh.sent()).as("R4.0-c: the server before the approval").isEmpty();

        QuoteView q = decided(pi, QuoteStatus.APPROVED, "2026-03-24T08:00", "2026-03-24T11:00");
        mocks.answerQuote(pi.getId(), q);
        Assertions.assertThat(ssh.sent()).as("R4.0-c: approved, but not yet read from the record").isEmpty();
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassedInOrder(QUOTE_APPROVAL, READ_QUOTE, GATEWAY_APPROVED, GATEWAY_WINDOW_AHEAD,
                SCHEDULE_QUOTED_WINDOW, JOIN_WINDOW).isWaitingAt(APPLY_UPDATE);
        UpdateView u = records.get(updateId(pi));
        Assertions.assertThat(u.quoteId()).isEqualTo(q.id());
        Assertions.assertThat(u.status()).isEqualTo(UpdateStatus.SCHEDULED);
        Assertions.assertThat(u.windowStart()).isEqualTo(paris("2026-03-24T08:00"));
        Assertions.assertThat(u.windowEnd()).isEqualTo(paris("2026-03-24T11:00"));
        Assertions.assertThat(records.scheduled).singleElement().asString().endsWith("quote " + q.number());
        ProcessInstance apply = mocks.called(pi.getId(), CalledProcesses.APPLY_UPDATE);
        Assertions.assertThat(runtime.getVariable(apply.getId(), CalledProcesses.APPLY_UPDATE_IN)).isEqualTo(updateId(pi));
        Assertions.assertThat(ssh.sent()).as("the first command, in ApplyUpdate").singleElement()
                .satisfies(s -> Assertions.assertThat(s.template()).isEqualTo(CommandTemplate.UPTIME));

        records.finish(updateId(pi), UpdateStatus.DONE, null);
        mocks.finishUpdate(pi.getId());
        assertThat(pi).hasPassed(END_APPLIED).hasNotPassed(CLOSE_NOT_APPROVED, PLAN_WINDOW).isEnded();
        TestApi.Answer view = ops().get("/api/updates/" + updateId(pi));
        Assertions.assertThat(view.json().get("status").asText()).isEqualTo("DONE");
        Assertions.assertThat(view.json().get("quote").get("number").asText()).isEqualTo(q.number());
        Assertions.assertThat(view.json().get("quote").get("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    @DisplayName("R4.0-c: declined by the client: the update ends NOT_DONE with who declined and how; no command ever reaches the server")
    void declined() {
        ProcessInstance pi = requested();
        QuoteView q = decided(pi, QuoteStatus.DECLINED, "2026-03-24T08:00", "2026-03-24T11:00");
        mocks.answerQuote(pi.getId(), q);
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassedInOrder(READ_QUOTE, GATEWAY_APPROVED, CLOSE_NOT_APPROVED, END_NOT_DONE)
                .hasNotPassed(APPLY_UPDATE, SCHEDULE_QUOTED_WINDOW).isEnded();
        UpdateView u = records.get(updateId(pi));
        Assertions.assertThat(u.status()).isEqualTo(UpdateStatus.NOT_DONE);
        Assertions.assertThat(u.quoteId()).isEqualTo(q.id());
        Assertions.assertThat(u.reason()).contains("R4.0-c").contains(q.number()).contains("declined by client@example.fr")
                .contains("LINK").contains("nothing was sent");
        Assertions.assertThat(u.windowStart()).as("no window recorded").isNull();
        Assertions.assertThat(ssh.sent()).isEmpty();
        Assertions.assertThat(records.scheduled).isEmpty();
    }

    @Test
    @DisplayName("R4.0-c, DESIGN rule 12: the quote expired unanswered: the update ends NOT_DONE, nothing reaches the server")
    void expired() {
        ProcessInstance pi = requested();
        clock.set(paris("2026-03-21T00:00"));
        QuoteView q = decided(pi, QuoteStatus.EXPIRED, "2026-03-24T08:00", "2026-03-24T11:00");
        mocks.answerQuote(pi.getId(), q);
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(CLOSE_NOT_APPROVED, END_NOT_DONE).hasNotPassed(APPLY_UPDATE).isEnded();
        UpdateView u = records.get(updateId(pi));
        Assertions.assertThat(u.status()).isEqualTo(UpdateStatus.NOT_DONE);
        Assertions.assertThat(u.reason()).contains("expired without an answer").contains("2026-03-20");
        Assertions.assertThat(ssh.sent()).isEmpty();
    }

    @Test
    @DisplayName("R4.0-c, R4.3-p2: approved after the quoted window began: ops plan a new window (due 1 day later), recorded in their name, then ApplyUpdate")
    void approvedTooLate() {
        ProcessInstance pi = requested();
        clock.set(paris("2026-03-24T09:00"));
        QuoteView q = decided(pi, QuoteStatus.APPROVED, "2026-03-24T08:00", "2026-03-24T11:00");
        mocks.answerQuote(pi.getId(), q);
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(GATEWAY_WINDOW_AHEAD).isWaitingAt(PLAN_WINDOW);
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(PLAN_WINDOW).singleResult();
        Assertions.assertThat(task.getDueDate()).isEqualTo(Date.from(paris("2026-03-25T09:00")));
        Assertions.assertThat(ssh.sent()).isEmpty();

        String submit = "/engine-rest/task/" + task.getId() + "/submit-form";
        TestApi.Answer night = ops().post(submit, window("2026-03-26T19:00+01:00", "2026-03-26T21:00+01:00", null));
        Assertions.assertThat(night.status()).as("R4.3-p2 on PROGERANCE: %s", night).isEqualTo(400);
        TestApi.Answer planned = ops().post(submit, window("2026-03-26T08:00+01:00", "2026-03-26T10:00+01:00", null));
        Assertions.assertThat(planned.status()).as(planned.toString()).isEqualTo(204);
        Assertions.assertThat(records.scheduled).singleElement().asString().endsWith(" " + OPS);
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassedInOrder(PLAN_WINDOW, JOIN_WINDOW).isWaitingAt(APPLY_UPDATE)
                .hasNotPassed(SCHEDULE_QUOTED_WINDOW);
        records.finish(updateId(pi), UpdateStatus.DONE, null);
        mocks.finishUpdate(pi.getId());
        assertThat(pi).isEnded();
    }

    @Test
    @DisplayName("DESIGN rule 11: a quote id pointing at another subject's approved quote is never taken for this update's approval (a readable incident, nothing scheduled)")
    void foreignQuote() {
        ProcessInstance pi = requested();
        QuoteView other = quotes.put("incident:INC-2026-0001", shop.clientId(), shop.serverId(), QuoteStatus.APPROVED,
                paris("2026-03-24T08:00"), paris("2026-03-24T11:00"), LocalDate.of(2026, 3, 20), "client@example.fr",
                clock.instant(), "LINK");
        mocks.answerQuote(pi.getId(), other);
        Assertions.assertThat(driver.settle(pi.getId())).singleElement().asString().contains(READ_QUOTE)
                .contains("incident:INC-2026-0001");
        assertThat(pi).isWaitingAt(READ_QUOTE);
        Assertions.assertThat(records.get(updateId(pi)).status()).isEqualTo(UpdateStatus.AWAITING_QUOTE);
        Assertions.assertThat(records.scheduled).isEmpty();
        Assertions.assertThat(ssh.sent()).isEmpty();
    }
}
