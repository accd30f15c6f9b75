package fr.progerance.ops.update.process;

import static fr.progerance.ops.update.process.UpdateFlowFixture.OPS;
import static fr.progerance.ops.update.process.UpdateFlowFixture.PASSWORD;
import static fr.progerance.ops.update.process.UpdateFlowFixture.paris;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPeers;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.TestShop;
import fr.progerance.ops.backup.FakeBackupPorts;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import fr.progerance.ops.quote.QuoteApprovalProcess;
import fr.progerance.ops.quote.QuoteView;
import fr.progerance.ops.quote.Quotes;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.ScriptedRemote;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.apply.ApplyUpdateProcess;
import fr.progerance.ops.update.shop.ShopVersions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * R4.0-c end to end, with no stand-in: ops request a major update, the real {@code QuoteApproval}
 * sends the quote, the client approves it on the signed link's page, {@code MajorUpdate} records the
 * quoted window and calls the real {@code ApplyUpdate} (helper D's): the client is told, at the
 * window's start the pre-update backups run (the real {@code Backup} process, fakes at the backup
 * ports), then the real update assistant (helper B's command templates) and the real version reading
 * go to the server, here a recording remote executor ({@link ScriptedRemote}) that answers as the shop
 * would, and the loopback shop answers HTTP. Its log shows that no command reached the server before
 * the approval, and which commands did after.
 */
@OpsSpringBootTest
@DisplayName("R4.0-c end to end: MajorUpdate, QuoteApproval and ApplyUpdate together")
class UpdateChainTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final TestShop SHOP = new TestShop();

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
    ExternalTaskWorker worker;
    @Autowired
    FakeBackupPorts backupPorts;
    @Autowired
    ShopVersions versions;
    @Autowired
    Quotes quotes;
    @Autowired
    Updates updates;

    ScriptedRemote server;
    /** What the shop's version files hold, as the recording executor answers them. */
    final AtomicReference<String> shopVersion = new AtomicReference<>("8.1.6");
    UpdateFlowDriver driver;

    @BeforeEach
    void setUp() {
        clock.set(paris("2026-03-09T10:00"));
        backupPorts.reset();
        server = shopServer();
        remote.use(server);
        driver = new UpdateFlowDriver(management, runtime, worker);
        UpdateFlowFixture.user(identity, OPS, OpsGroups.OPS);
        BpmnAwareTests.init(engine);
        worker.drain(); // leftovers of other test classes, while the clock is ours
    }

    @AfterEach
    void tearDown() {
        for (String key : List.of(MajorUpdateProcess.KEY, QuoteApprovalProcess.KEY, ApplyUpdateProcess.KEY)) {
            runtime.createProcessInstanceQuery().processDefinitionKey(key).list()
                    .forEach(p -> runtime.deleteProcessInstance(p.getId(), "end of test"));
        }
        remote.useReal();
        backupPorts.reset();
        clock.reset();
        BpmnAwareTests.reset();
    }

    @Test
    @DisplayName("R4.0-c: requested, quoted, approved by the client; only then the backups and the update assistant reach the server; 8.1.6 -> 9.0.0 DONE")
    void approvedThenApplied() throws Exception {
        RegisterApi register = new RegisterApi(port);
        long serverId = UpdateFlowFixture.shop(register, "PROGERANCE", "prestashopUrl", SHOP.url(),
                "adminDirectory", "admin4f7x").serverId();
        Assertions.assertThat(versions.read(serverId).version().text()).isEqualTo("8.1.6");
        // From now on the log records every command that reaches the server.
        server = shopServer();
        remote.use(server);

        TestApi ops = TestApi.as(port, OPS, PASSWORD);
        TestApi.Answer requested = ops.post("/api/updates", Map.of("serverId", serverId, "targetVersion", "9.0.0"));
        long id = RegisterApi.created(requested);
        ProcessInstance pi = runtime.createProcessInstanceQuery().processDefinitionKey(MajorUpdateProcess.KEY)
                .processInstanceBusinessKey(Updates.key(id)).singleResult();
        QuoteSteps quote = new QuoteSteps(port, ops, runtime, tasks, quotes, driver, MAIL);
        QuoteView sent = quote.prepareAndSend(pi, "2026-03-24T08:00+01:00", "2026-03-24T11:00+01:00", "2026-03-20");
        clock.set(paris("2026-03-16T09:00"));
        driver.settleCleanly(pi.getId());
        Assertions.assertThat(server.sent()).as("R4.0-c: nothing reaches the server before the approval").isEmpty();

        quote.answerByLink(sent, "APPROVE");
        driver.settleCleanly(pi.getId());
        assertThat(pi).isWaitingAt(MajorUpdateProcess.Elements.APPLY_UPDATE);
        Assertions.assertThat(updates.get(id).status()).isEqualTo(UpdateStatus.SCHEDULED);
        Assertions.assertThat(server.sent()).as("ApplyUpdate waits for the window").isEmpty();

        clock.set(paris("2026-03-24T08:00"));
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(MajorUpdateProcess.Elements.END_APPLIED).isEnded();
        UpdateView done = updates.get(id);
        Assertions.assertThat(done.status()).as(String.valueOf(done.reason())).isEqualTo(UpdateStatus.DONE);
        Assertions.assertThat(server.sent()).extracting(ScriptedRemote.Sent::template).as("after the approval")
                .contains(CommandTemplate.ASSISTANT_BACKUP_CREATE, CommandTemplate.ASSISTANT_UPDATE_START,
                        CommandTemplate.SHOP_VERSION_LINES)
                .startsWith(CommandTemplate.ASSISTANT_BACKUP_CREATE);
        HistoricProcessInstance apply = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(ApplyUpdateProcess.KEY).superProcessInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(apply.getState()).isEqualTo("COMPLETED");
        Assertions.assertThat(TestApi.as(port, OPS, PASSWORD).get("/api/updates/" + id).json().get("status").asText())
                .isEqualTo("DONE");
    }

    /**
     * The shop's server as the recording executor answers it: its version files hold {@link #shopVersion};
     * update:start installs 9.0.0; the other commands answer as ScriptedRemote's working shop.
     */
    private ScriptedRemote shopServer() {
        ScriptedRemote s = new ScriptedRemote();
        s.answer(CommandTemplate.SHOP_VERSION_LINES, args -> new CommandResult(CommandTemplate.SHOP_VERSION_LINES,
                0, args.get(0) + ":    public const VERSION = '" + shopVersion.get() + "';\n", "", Duration.ofMillis(20)));
        s.answer(CommandTemplate.ASSISTANT_UPDATE_START, args -> {
            shopVersion.set("9.0.0");
            return new CommandResult(CommandTemplate.ASSISTANT_UPDATE_START, 0, "INFO - Starting upgrade...\n"
                    + "INFO - Shop updated to 9.0.0. Congratulations! You can now reactivate your shop.\n", "",
                    Duration.ofMillis(20));
        });
        return s;
    }
}
