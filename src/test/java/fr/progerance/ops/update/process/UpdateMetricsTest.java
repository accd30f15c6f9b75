package fr.progerance.ops.update.process;

import static fr.progerance.ops.update.process.UpdateFlowFixture.paris;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.quote.QuoteApprovalProcess;
import fr.progerance.ops.quote.Quotes;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.update.UpdateMetrics;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import fr.progerance.ops.update.shop.PrestaShopFixture;
import fr.progerance.ops.update.shop.PrestaShopFixture.Layout;
import fr.progerance.ops.update.shop.ShopVersions;
import fr.progerance.ops.update.version.PrestaShopVersion;
import fr.progerance.ops.update.version.Release;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the updates dashboard reads (RD-ps, R4.0-b, R4.0-c): the gauges follow the records (versions
 * read over SSH from fixture shops, a real quote sent by QuoteApproval, helper D's update records;
 * one database shared with the other test classes, so counts are compared before and after), and every {@code ops_*} series of
 * {@code dashboards/grafana/dashboards/updates.json} is a meter of the engine (DashboardQueriesTest
 * evaluates the panels' queries against a real Prometheus).
 */
@OpsSpringBootTest
@DisplayName("Update metrics and the updates dashboard")
class UpdateMetricsTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @TempDir
    static Path dir;

    private static final Pattern SERIES = Pattern.compile("\\bops_[a-z_]+");

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry registry;
    @Autowired
    UpdateMetrics metrics;
    @Autowired
    UpdateTestPorts.Fakes fakes;
    @Autowired
    MovableClock clock;
    @Autowired
    ShopVersions versions;
    @Autowired
    Quotes quotes;
    @Autowired
    UpdateStarter starter;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identity;

    @Autowired
    Updates records;
    RegisterApi register;

    @BeforeAll
    static void shops() {
        PrestaShopFixture.serveWith(SSH.start(), dir);
    }

    @BeforeEach
    void setUp() {
        clock.set(paris("2026-03-16T10:00"));
        register = new RegisterApi(port);
        UpdateFlowFixture.user(identity, UpdateFlowFixture.OPS, OpsGroups.OPS);
    }

    @AfterEach
    void tearDown() {
        for (String key : List.of(MajorUpdateProcess.KEY, QuoteApprovalProcess.KEY)) {
            runtime.createProcessInstanceQuery().processDefinitionKey(key).list()
                    .forEach(p -> runtime.deleteProcessInstance(p.getId(), "end of test"));
        }
        fakes.clear();
        clock.reset();
        metrics.refresh();
    }

    private static Release release(String version, LocalDate published, boolean security) {
        return new Release(PrestaShopVersion.parse(version), published, security, "test");
    }

    private double gauge(String name, String... tags) {
        Gauge g = registry.find(name).tags(tags).gauge();
        return g == null ? 0 : g.value();
    }

    /** A server whose fixture shop runs {@code version}, read over SSH. */
    private long shop(Layout layout, String version) {
        PrestaShopFixture files = PrestaShopFixture.create(dir, layout, version);
        long serverId = UpdateFlowFixture.shop(register, "PROGERANCE", "address", SSH.host(), "sshPort", SSH.port(),
                "sshUser", SSH.user(), "hostKeyFingerprint", SSH.hostKeyFingerprint(),
                "installPath", files.installPath().toString(), "adminDirectory", files.adminDirectory()).serverId();
        versions.read(serverId);
        return serverId;
    }

    @Test
    @DisplayName("R4.0-b, R4.0-c: servers per version, open updates per kind and security flag, overdue minor updates, quotes awaiting the client")
    void gaugesFollowTheRecords() {
        metrics.refresh();
        double on17 = gauge("ops.update.servers", "version", "1.7.8.10");
        double on82 = gauge("ops.update.servers", "version", "8.2.0");
        double patchPlain = gauge("ops.update.updates.pending", "kind", "PATCH", "security", "false");
        double patchSecurity = gauge("ops.update.updates.pending", "kind", "PATCH", "security", "true");
        double majors = gauge("ops.update.updates.pending", "kind", "MAJOR", "security", "false");
        double awaiting = gauge("ops.update.quotes.awaiting");
        long one = shop(Layout.PS_17, "1.7.8.10");
        long two = shop(Layout.PS_17, "1.7.8.10");
        long three = shop(Layout.PS_8, "8.2.0");
        Set<Long> mine = Set.of(one, two, three);
        // Overdue: published 2 March + 7 days = 9 March < 16 March. Not yet: security, published 15 March + 2 days = 17 March.
        records.open(one, PrestaShopVersion.parse("1.7.8.10"), release("1.7.8.11", LocalDate.of(2026, 3, 2), false), "t");
        records.open(two, PrestaShopVersion.parse("1.7.8.10"), release("1.7.8.11", LocalDate.of(2026, 3, 15), true), "t");
        UpdateView major = records.open(three, PrestaShopVersion.parse("8.2.0"),
                release("9.0.0", LocalDate.of(2025, 6, 6), false), "t");
        records.open(one, PrestaShopVersion.parse("1.7.8.10"), release("9.0.0", LocalDate.of(2025, 6, 6), false), "t");
        metrics.refresh();
        assertThat(gauge("ops.update.servers", "version", "1.7.8.10")).isEqualTo(on17 + 2);
        assertThat(gauge("ops.update.servers", "version", "8.2.0")).isEqualTo(on82 + 1);
        assertThat(gauge("ops.update.updates.pending", "kind", "PATCH", "security", "false")).isEqualTo(patchPlain + 1);
        assertThat(gauge("ops.update.updates.pending", "kind", "PATCH", "security", "true")).isEqualTo(patchSecurity + 1);
        assertThat(gauge("ops.update.updates.pending", "kind", "MAJOR", "security", "false")).isEqualTo(majors + 2);
        assertThat(gauge("ops.update.updates.overdue", "security", "false")).isEqualTo(othersOverdue(false, mine) + 1);
        assertThat(gauge("ops.update.updates.overdue", "security", "true")).isEqualTo(othersOverdue(true, mine));
        assertThat(gauge("ops.update.quotes.awaiting")).as("no quote sent yet").isEqualTo(awaiting);

        // R4.0-c: the major update's quote is prepared by ops and sent: it awaits the client's answer.
        ProcessInstance pi = runtime.createProcessInstanceQuery()
                .processInstanceId(starter.ensureStarted(major).processInstanceId()).singleResult();
        UpdateFlowDriver driver = new UpdateFlowDriver(management, runtime);
        new QuoteSteps(port, TestApi.as(port, UpdateFlowFixture.OPS, UpdateFlowFixture.PASSWORD), runtime, tasks, quotes,
                driver, MAIL).prepareAndSend(pi, "2026-03-31T08:00+02:00", "2026-03-31T11:00+02:00", "2026-03-27");
        metrics.refresh();
        assertThat(gauge("ops.update.quotes.awaiting")).as("R4.0-c: sent, not answered").isEqualTo(awaiting + 1);

        // R4.0-b: the security update's due date passes, 17 March 00:00 Paris (judged at scrape time).
        clock.set(paris("2026-03-16T23:59"));
        metrics.refresh();
        assertThat(gauge("ops.update.updates.overdue", "security", "true")).isEqualTo(othersOverdue(true, mine));
        clock.set(paris("2026-03-17T00:00"));
        metrics.refresh();
        assertThat(gauge("ops.update.updates.overdue", "security", "true")).isEqualTo(othersOverdue(true, mine) + 1);
    }

    /** R4.0-b, as the dashboard counts it, among the open updates of other test classes' servers (one shared database). */
    private long othersOverdue(boolean security, Set<Long> mine) {
        return records.open().stream().filter(u -> !mine.contains(u.serverId())).filter(u -> u.security() == security)
                .filter(u -> u.kind().includedInContract() && u.dueAt() != null && !u.dueAt().isAfter(clock.instant()))
                .count();
    }

    @Test
    @DisplayName("Every ops_* series the updates dashboard queries is a meter of the engine")
    void dashboardReadsRealMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("dashboards/grafana/dashboards/updates.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> expressions.add(t.get("expr").asText())));
        TreeSet<String> series = new TreeSet<>();
        for (String e : expressions) {
            Matcher m = SERIES.matcher(e);
            while (m.find()) {
                series.add(m.group());
            }
        }
        assertThat(series).contains("ops_update_servers", "ops_update_updates_pending", "ops_update_updates_overdue",
                "ops_update_quotes_awaiting", "ops_update_escalations_total");
        shop(Layout.PS_8, "8.2.1");
        metrics.refresh();
        for (String s : series) {
            String meter = s.replaceFirst("_total$", "").replace('_', '.');
            assertThat(registry.find(meter).meter()).as("meter %s behind the series %s", meter, s).isNotNull();
        }
    }
}
