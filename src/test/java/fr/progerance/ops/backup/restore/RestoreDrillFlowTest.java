package fr.progerance.ops.backup.restore;

import static fr.progerance.ops.backup.restore.RestoreDrillProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
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
 * Every path of {@code RestoreDrill} on the real handler, drill service and delegates, with fakes
 * at the ports (restic, the repositories, the scratch database: the real-MariaDB test of
 * {@link MysqlScratchDatabase} comes at merge with the MariaDbServer test peer). The weekly timer
 * fires by hand; the drill runs through the application's worker.
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DisplayName("RestoreDrill flow on the real handler (fakes at the ports)")
class RestoreDrillFlowTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final Instant SUNDAY_2H = Instant.parse("2026-03-15T01:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    MovableClock clock;
    @Autowired
    RestoreTestPorts.Fakes fakes;
    @Autowired
    ExternalTaskWorker worker;
    @Autowired
    RestoreDrillRepository drills;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private FakeRestic restic;
    private FakeScratch scratch;
    private RegisterApi register;

    /** A scratch database that "loads" by counting the dump again, unless a test says otherwise. */
    static final class FakeScratch implements ScratchDatabase {
        final List<String> calls = new ArrayList<>();
        final Map<String, byte[]> loaded = new ConcurrentHashMap<>();
        volatile Map<String, Long> override;

        @Override
        public void recreate(String database) {
            calls.add("recreate " + database);
        }

        @Override
        public Load load(String database) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            return new Load() {
                @Override
                public void write(int b) {
                    buffer.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    buffer.write(b, off, len);
                }

                @Override
                public void close() {
                    loaded.put(database, buffer.toByteArray());
                    calls.add("loaded " + database);
                }

                @Override
                public void abort() {
                    calls.add("aborted " + database);
                }
            };
        }

        @Override
        public Map<String, Long> countRows(String database) {
            if (override != null) {
                return override;
            }
            DumpCounter again = new DumpCounter();
            byte[] b = loaded.get(database);
            again.write(b, 0, b.length);
            return again.rows();
        }

        @Override
        public void drop(String database) {
            calls.add("drop " + database);
        }
    }

    @BeforeEach
    void setUp() {
        restic = new FakeRestic();
        scratch = new FakeScratch();
        fakes.restic = restic;
        fakes.scratch = scratch;
        fakes.repositories = clientId -> java.util.Optional.of(repo(clientId));
        clock.set(SUNDAY_2H);
        register = new RegisterApi(port);
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void tearDown() {
        runtime.createProcessInstanceQuery().processDefinitionKey(RestoreDrillProcess.KEY).list()
                .forEach(p -> runtime.deleteProcessInstance(p.getId(), "end of test"));
        fakes.clear();
        clock.reset();
        BpmnAwareTests.reset();
    }

    @Test
    @DisplayName("R3.6-d evidence: the weekly timer starts the drill; each server's latest database dump loads into its scratch database, matches the dump, is dropped and recorded with how long it took")
    void weeklyDrillMatches() throws Exception {
        long server = server();
        long other = server();
        byte[] dump = fixture();
        restic.add(repoOf(server), hex('a'), SUNDAY_2H.minusSeconds(86400 * 2), tags(server), "/prestashop.sql",
                "-- old".getBytes(StandardCharsets.UTF_8));
        restic.add(repoOf(server), hex('b'), SUNDAY_2H.minusSeconds(86400), tags(server), "/prestashop.sql", dump);
        restic.add(repoOf(other), hex('c'), SUNDAY_2H.minusSeconds(3600), tags(other), "/prestashop.sql", dump);
        double matchedBefore = meters.counter("ops.backup.drill.runs", "result", "matched").count();

        ProcessInstance pi = fireWeeklyTimer();
        assertThat(pi).hasPassed(START).isWaitingAt(RUN);
        worker.drain();
        assertThat(pi).hasPassed(GATEWAY_ALL_MATCHED, END_MATCHED).isEnded();
        String runId = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId()).variableName(RestoreDrillProcess.Vars.RUN_ID).singleResult().getValue();
        List<RestoreDrill> rows = drills.findByRunIdOrderByIdAsc(runId);
        Assertions.assertThat(rows).hasSizeGreaterThanOrEqualTo(2);
        RestoreDrill mine = rows.stream().filter(d -> d.getServerId() == server).findFirst().orElseThrow();
        Assertions.assertThat(mine.getSnapshotId()).as("the latest database snapshot").isEqualTo(hex('b'));
        Assertions.assertThat(mine.isMatched()).isTrue();
        Assertions.assertThat(mine.getTablesExpected()).isEqualTo(3);
        Assertions.assertThat(mine.getRowsExpected()).isEqualTo(8);
        Assertions.assertThat(mine.getRowsLoaded()).isEqualTo(8);
        Assertions.assertThat(mine.getTook()).isNotNull();
        Assertions.assertThat(scratch.calls).containsSubsequence("recreate ops_drill_" + server, "loaded ops_drill_" + server,
                "drop ops_drill_" + server);
        Assertions.assertThat(meters.counter("ops.backup.drill.runs", "result", "matched").count() - matchedBefore)
                .isGreaterThanOrEqualTo(2);
        Assertions.assertThat(meters.find("ops.backup.drill.duration").timers()).isNotEmpty();
    }

    @Test
    @DisplayName("A dump that does not load as dumped (rows missing) is recorded as not matched and ops get the French mail; the scratch database is dropped anyway")
    void mismatchIsReported() throws Exception {
        long server = server();
        restic.add(repoOf(server), hex('d'), SUNDAY_2H.minusSeconds(600), tags(server), "/prestashop.sql", fixture());
        scratch.override = Map.of("ps_orders", 5L, "ps_weird`name", 2L, "ps_empty", 0L);
        ProcessInstance pi = fireWeeklyTimer();
        worker.drain();
        assertThat(pi).isWaitingAt(REPORT_FAILURES);
        Job report = management.createJobQuery().processInstanceId(pi.getId()).activityId(REPORT_FAILURES).singleResult();
        management.executeJob(report.getId());
        assertThat(pi).hasPassed(END_FAILURES_REPORTED).isEnded();
        String mail = Mails.text(Mails.to(MAIL, "astreinte@progerance.example", "Exercice de restauration"));
        Assertions.assertThat(mail).contains("server " + server).contains("table ps_orders: 6 row(s) in the dump, 5 loaded");
        Assertions.assertThat(scratch.calls).contains("drop ops_drill_" + server);
    }

    private ProcessInstance fireWeeklyTimer() {
        Job timer = management.createJobQuery().processDefinitionKey(RestoreDrillProcess.KEY).timers()
                .list().stream().filter(j -> j.getProcessInstanceId() == null).findFirst()
                .orElseThrow(() -> new AssertionError("no weekly timer"));
        Assertions.assertThat(timer.getDuedate()).as("a cron on Sundays at 02:00").isNotNull();
        management.executeJob(timer.getId());
        return runtime.createProcessInstanceQuery().processDefinitionKey(RestoreDrillProcess.KEY).active().list()
                .stream().findFirst().orElseThrow();
    }

    private long server() {
        long clientId = register.createClient();
        long contractId = register.createContract(clientId);
        return register.createServer(contractId, "PROGERANCE");
    }

    private ResticRepository repoOf(long serverId) {
        long clientId = TestApi.asAdmin(port).get("/api/servers/" + serverId).json().get("contractId").asLong();
        clientId = TestApi.asAdmin(port).get("/api/contracts/" + clientId).json().get("clientId").asLong();
        return repo(clientId);
    }

    private static ResticRepository repo(long clientId) {
        return new ResticRepository(Path.of("/srv/restic/client-" + clientId), Path.of("/srv/restic/pw-" + clientId));
    }

    private static List<String> tags(long serverId) {
        return List.of("server=" + serverId, "kind=database");
    }

    private static String hex(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = RestoreDrillFlowTest.class.getResourceAsStream("/backup/restore/tricky.sql")) {
            return in.readAllBytes();
        }
    }
}
