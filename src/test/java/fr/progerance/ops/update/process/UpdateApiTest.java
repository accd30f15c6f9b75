package fr.progerance.ops.update.process;

import static fr.progerance.ops.update.process.UpdateFlowFixture.MANAGER;
import static fr.progerance.ops.update.process.UpdateFlowFixture.OPS;
import static fr.progerance.ops.update.process.UpdateFlowFixture.PASSWORD;
import static fr.progerance.ops.update.process.UpdateFlowFixture.paris;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.contract.RegisterApi;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.quote.QuoteApprovalProcess;
import fr.progerance.ops.quote.Quotes;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.update.shop.PrestaShopFixture;
import fr.progerance.ops.update.shop.PrestaShopFixture.Layout;
import fr.progerance.ops.update.shop.ShopVersions;
import java.nio.file.Path;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The updates API with logins (RD-ps, R4.0-b, R4.0-c): who may read and request, what is refused
 * and how (400 naming the field, 403, 404, 409), the filters, the shop's version. Real HTTP, real
 * security filters; the shops' versions are read over SSH from fixture shops (helper B's), quotes are
 * the real QuoteApproval's, the update records helper D's.
 */
@OpsSpringBootTest
@DisplayName("Updates API (/api/updates, /api/servers/{id}/version)")
class UpdateApiTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @TempDir
    static Path dir;

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identity;
    @Autowired
    MovableClock clock;
    @Autowired
    TaskService tasks;
    @Autowired
    UpdateTestPorts.Fakes fakes;
    @Autowired
    ShopVersions versions;
    @Autowired
    Quotes quotes;

    @Autowired
    Updates records;
    RegisterApi register;

    @BeforeAll
    static void shops() {
        PrestaShopFixture.serveWith(SSH.start(), dir);
    }

    @BeforeEach
    void setUp() {
        clock.set(paris("2026-03-09T10:00"));
        fakes.catalogue = new FakeCatalogue().release("1.7.8.10", LocalDate.of(2023, 10, 25), false)
                .release("1.7.8.11", LocalDate.of(2024, 1, 8), true).release("8.2.0", LocalDate.of(2024, 10, 16), false)
                .release("8.2.1", LocalDate.of(2025, 3, 4), true).release("9.0.0", LocalDate.of(2025, 6, 6), false);
        register = new RegisterApi(port);
        UpdateFlowFixture.user(identity, OPS, OpsGroups.OPS);
        UpdateFlowFixture.user(identity, MANAGER, OpsGroups.MANAGERS);
    }

    @AfterEach
    void tearDown() {
        for (String key : List.of(MajorUpdateProcess.KEY, MinorUpdateProcess.KEY, QuoteApprovalProcess.KEY)) {
            runtime.createProcessInstanceQuery().processDefinitionKey(key).list()
                    .forEach(p -> runtime.deleteProcessInstance(p.getId(), "end of test"));
        }
        fakes.clear();
        clock.reset();
    }

    private TestApi ops() {
        return TestApi.as(port, OPS, PASSWORD);
    }

    private TestApi manager() {
        return TestApi.as(port, MANAGER, PASSWORD);
    }

    /** A server of an ACTIVE contract whose fixture shop runs {@code version}, read over SSH (unless null). */
    private long shop(Layout layout, String version) {
        PrestaShopFixture files = PrestaShopFixture.create(dir, layout, version == null ? layout.fixtureVersion() : version);
        long serverId = UpdateFlowFixture.shop(register, "PROGERANCE", "address", SSH.host(), "sshPort", SSH.port(),
                "sshUser", SSH.user(), "hostKeyFingerprint", SSH.hostKeyFingerprint(),
                "installPath", files.installPath().toString(), "adminDirectory", files.adminDirectory()).serverId();
        if (version != null) {
            Assertions.assertThat(versions.read(serverId).version().text()).isEqualTo(version);
        }
        return serverId;
    }

    private static Map<String, Object> major(long serverId, String target) {
        return Map.of("serverId", serverId, "targetVersion", target);
    }

    @Test
    @DisplayName("R4.0-c: ops request a major update (201, Location, AWAITING_QUOTE, MajorUpdate started); a second one of the server is 409")
    void opsRequestAMajorUpdate() {
        long serverId = shop(Layout.PS_17, "1.7.8.11");
        TestApi.Answer created = ops().post("/api/updates", major(serverId, "v8.2.0"));
        long id = RegisterApi.created(created);
        JsonNode body = created.json();
        Assertions.assertThat(body.get("serverId").asLong()).isEqualTo(serverId);
        Assertions.assertThat(body.get("fromVersion").asText()).isEqualTo("1.7.8.11");
        Assertions.assertThat(body.get("toVersion").asText()).isEqualTo("8.2.0");
        Assertions.assertThat(body.get("kind").asText()).isEqualTo("MAJOR");
        Assertions.assertThat(body.get("dueAt").isNull()).as("R4.0-c: no R4.0-b delay").isTrue();
        Assertions.assertThat(body.get("processInstanceId").asText()).isNotBlank();
        Assertions.assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(MajorUpdateProcess.KEY)
                .processInstanceBusinessKey("update:" + id).count()).isEqualTo(1);

        TestApi.Answer again = ops().post("/api/updates", major(serverId, "9.0.0"));
        Assertions.assertThat(again.status()).as(again.toString()).isEqualTo(409);
        Assertions.assertThat(RegisterApi.fields(again)).containsExactly("serverId");
        Assertions.assertThat(again.body()).contains("major update " + id);
    }

    @Test
    @DisplayName("R4.0-c: 400 naming targetVersion for no version, an unpublished release, a minor update or no update; 400 for a missing or unknown field")
    void badRequests() {
        long serverId = shop(Layout.PS_17, "1.7.8.10");
        for (Object target : new Object[] {"8..1", "abc", "", "8.2.99", "1.7.8.11", "1.7.8.10", "x".repeat(41)}) {
            TestApi.Answer a = ops().post("/api/updates", major(serverId, (String) target));
            Assertions.assertThat(a.status()).as("%s: %s", target, a).isEqualTo(400);
            Assertions.assertThat(RegisterApi.fields(a)).as("%s", target).containsExactly("targetVersion");
        }
        TestApi.Answer minor = ops().post("/api/updates", major(serverId, "1.7.8.11"));
        Assertions.assertThat(minor.body()).contains("PATCH").contains("R4.0-c");
        TestApi.Answer noServer = ops().post("/api/updates", Map.of("targetVersion", "8.2.0"));
        Assertions.assertThat(RegisterApi.fields(noServer)).containsExactly("serverId");
        TestApi.Answer unknownField = ops().post("/api/updates", Map.of("serverId", serverId, "targetVersion", "8.2.0",
                "quoteApproved", true));
        Assertions.assertThat(unknownField.status()).as(unknownField.toString()).isEqualTo(400);
        TestApi.Answer control = ops().post("/api/updates", major(serverId, "8.2.0\u0000"));
        Assertions.assertThat(control.status()).isEqualTo(400);
        Assertions.assertThat(records.open()).noneMatch(u -> u.serverId() == serverId);
    }

    @Test
    @DisplayName("404 for an unknown server; 409 naming serverId when the shop's version was never read or its contract is suspended (R7.3)")
    void unknownOrUnreadServer() {
        TestApi.Answer unknown = ops().post("/api/updates", major(999_999_999L, "8.2.0"));
        Assertions.assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        long serverId = shop(Layout.PS_9, null);
        TestApi.Answer unread = ops().post("/api/updates", major(serverId, "8.2.0"));
        Assertions.assertThat(unread.status()).as(unread.toString()).isEqualTo(409);
        Assertions.assertThat(RegisterApi.fields(unread)).containsExactly("serverId");
        long suspended = shop(Layout.PS_17, "1.7.8.11");
        long contractId = register.api.get("/api/servers/" + suspended).json().get("contractId").asLong();
        Assertions.assertThat(register.setStatus(contractId, "SUSPENDED").status()).isEqualTo(200);
        TestApi.Answer refused = ops().post("/api/updates", major(suspended, "8.2.0"));
        Assertions.assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        Assertions.assertThat(refused.body()).contains("SUSPENDED");
        Assertions.assertThat(records.open()).noneMatch(u -> u.serverId() == suspended);
    }

    @Test
    @DisplayName("Logins: managers read but may not request a major update (403); anonymous callers get 401")
    void logins() {
        long serverId = shop(Layout.PS_17, "1.7.8.11");
        TestApi.Answer byManager = manager().post("/api/updates", major(serverId, "8.2.0"));
        Assertions.assertThat(byManager.status()).as(byManager.toString()).isEqualTo(403);
        Assertions.assertThat(records.open()).noneMatch(u -> u.serverId() == serverId);
        Assertions.assertThat(manager().get("/api/updates").status()).isEqualTo(200);
        Assertions.assertThat(manager().get("/api/servers/" + serverId + "/version").status()).isEqualTo(200);
        Assertions.assertThat(TestApi.anonymous(port).get("/api/updates").status()).isEqualTo(401);
        Assertions.assertThat(TestApi.anonymous(port).get("/api/servers/" + serverId + "/version").status())
                .isEqualTo(401);
        Assertions.assertThat(TestApi.anonymous(port).post("/api/updates", major(serverId, "8.2.0")).status())
                .isEqualTo(401);
    }

    @Test
    @DisplayName("RD-ps: the shop's version reading with the minor and major updates the catalogue offers; 404 unknown server or never read")
    void version() {
        long serverId = shop(Layout.PS_17, null);
        Assertions.assertThat(ops().get("/api/servers/" + serverId + "/version").status()).isEqualTo(404);
        Assertions.assertThat(ops().get("/api/servers/999999999/version").status()).isEqualTo(404);
        versions.read(serverId);
        TestApi.Answer a = ops().get("/api/servers/" + serverId + "/version");
        Assertions.assertThat(a.status()).as(a.toString()).isEqualTo(200);
        JsonNode v = a.json();
        Assertions.assertThat(v.get("version").asText()).isEqualTo("1.7.8.10");
        Assertions.assertThat(v.get("file").asText()).isEqualTo("app/AppKernel.php");
        Assertions.assertThat(v.get("readAt").asText()).startsWith("2026-03-09T10:00");
        Assertions.assertThat(v.get("minorUpdate").get("version").asText()).isEqualTo("1.7.8.11");
        Assertions.assertThat(v.get("minorUpdate").get("security").asBoolean()).isTrue();
        Assertions.assertThat(v.get("minorUpdate").get("needsQuote").asBoolean()).isFalse();
        Assertions.assertThat(v.get("majorUpdate").get("version").asText()).isEqualTo("9.0.0");
        Assertions.assertThat(v.get("majorUpdate").get("kind").asText()).isEqualTo("MAJOR");
        Assertions.assertThat(v.get("majorUpdate").get("needsQuote").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("RD-ps, R4.0-c: with the bundled release catalogue (helper A's): a 1.7.8.10 shop is offered 1.7.8.11 (security) and a 9.x major; ops request 8.1.7, a major from 1.7")
    void bundledCatalogue() {
        fakes.catalogue = null;
        long serverId = shop(Layout.PS_17, "1.7.8.10");
        JsonNode v = ops().get("/api/servers/" + serverId + "/version").json();
        Assertions.assertThat(v.get("minorUpdate").get("version").asText()).isEqualTo("1.7.8.11");
        Assertions.assertThat(v.get("minorUpdate").get("security").asBoolean()).isTrue();
        Assertions.assertThat(v.get("minorUpdate").get("publishedOn").asText()).isEqualTo("2024-01-02");
        Assertions.assertThat(v.get("majorUpdate").get("version").asText()).startsWith("9.");
        Assertions.assertThat(v.get("majorUpdate").get("needsQuote").asBoolean()).isTrue();
        TestApi.Answer created = ops().post("/api/updates", major(serverId, "8.1.7"));
        Assertions.assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Assertions.assertThat(created.json().get("toVersion").asText()).isEqualTo("8.1.7");
        TestApi.Answer unpublished = ops().post("/api/updates", major(serverId, "8.1.99"));
        Assertions.assertThat(RegisterApi.fields(unpublished)).containsExactly("targetVersion");
    }

    @Test
    @DisplayName("R4.0-b, R4.0-c: GET /api/updates lists open and recently finished updates, filtered by server, kind, status and overdue; GET /api/updates/{id} is 404 when unknown")
    void listAndFilters() {
        long a = shop(Layout.PS_17, "1.7.8.10");
        long b = shop(Layout.PS_8, "8.2.1");
        // R4.0-b: 1.7.8.11 published 8 January 2024: long overdue.
        UpdateView late = records.open(a, PrestaShopVersion.parse("1.7.8.10"),
                new Release(PrestaShopVersion.parse("1.7.8.11"), LocalDate.of(2024, 1, 8), true, "test"), "catalogue");
        UpdateView fresh = records.open(b, PrestaShopVersion.parse("8.2.0"),
                new Release(PrestaShopVersion.parse("8.2.1"), LocalDate.of(2026, 3, 8), true, "test"), "catalogue");
        long majorId = RegisterApi.created(ops().post("/api/updates", major(b, "9.0.0")));
        // The client declines the quote by phone: the update is final, still listed as recent.
        var pi = runtime.createProcessInstanceQuery().processDefinitionKey(MajorUpdateProcess.KEY)
                .processInstanceBusinessKey("update:" + majorId).singleResult();
        UpdateFlowDriver driver = new UpdateFlowDriver(management, runtime);
        QuoteSteps quote = new QuoteSteps(port, ops(), runtime, tasks, quotes, driver, MAIL);
        quote.prepareAndSend(pi, "2026-03-24T08:00+01:00", "2026-03-24T11:00+01:00", "2026-03-20");
        quote.answerByPhone(pi, "DECLINE");
        driver.settleCleanly(pi.getId());

        Assertions.assertThat(ids("/api/updates")).contains(late.id(), fresh.id(), majorId);
        Assertions.assertThat(ids("/api/updates?serverId=" + a)).containsExactly(late.id());
        Assertions.assertThat(ids("/api/updates?kind=MAJOR")).contains(majorId).doesNotContain(late.id(), fresh.id());
        Assertions.assertThat(ids("/api/updates?status=NOT_DONE")).contains(majorId).doesNotContain(late.id());
        Assertions.assertThat(ids("/api/updates?overdue=true")).contains(late.id()).doesNotContain(fresh.id(), majorId);
        Assertions.assertThat(ops().get("/api/updates?status=SOMETIMES").status()).isEqualTo(400);
        Assertions.assertThat(ops().get("/api/updates?serverId=0").status()).isEqualTo(400);

        JsonNode one = ops().get("/api/updates/" + late.id()).json();
        Assertions.assertThat(one.get("overdue").asBoolean()).isTrue();
        Assertions.assertThat(one.get("security").asBoolean()).isTrue();
        Assertions.assertThat(one.get("dueAt").asText()).isEqualTo("2024-01-10T00:00:00+01:00");
        JsonNode declined = ops().get("/api/updates/" + majorId).json();
        Assertions.assertThat(declined.get("status").asText()).isEqualTo("NOT_DONE");
        Assertions.assertThat(declined.get("quote").get("channel").asText()).isEqualTo("PHONE");
        Assertions.assertThat(declined.get("reason").asText()).contains("declined");
        Assertions.assertThat(ops().get("/api/updates/999999999").status()).isEqualTo(404);
    }

    private List<Long> ids(String path) {
        TestApi.Answer a = ops().get(path);
        Assertions.assertThat(a.status()).as(a.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        a.json().forEach(u -> ids.add(u.get("id").asLong()));
        return ids;
    }
}
