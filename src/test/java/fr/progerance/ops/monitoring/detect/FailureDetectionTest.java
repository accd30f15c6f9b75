package fr.progerance.ops.monitoring.detect;

import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPeers;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentIntake;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.IncidentStatus;
import fr.progerance.ops.monitoring.probe.CheckKind;
import fr.progerance.ops.monitoring.probe.CheckResult;
import fr.progerance.ops.monitoring.probe.CheckStatus;
import fr.progerance.ops.monitoring.probe.ProbeRound;
import fr.progerance.ops.monitoring.probe.ProbeRoundListener;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.EmbeddedSshServer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Detection on the running application (R4.1, R4.2, R4.4-p, R3.7): rounds are fed to the listener as
 * the probes would (a Prober-less path until the probes merge), and everything after them is real:
 * IncidentIntake and IncidentHandling, the recovery correlated to the process, the automatic restart
 * over real SSH (the embedded SSH server answers {@code sudo -n systemctl restart}), the records (V55),
 * the French mail through GreenMail, the metrics. The availability ledger, the planned windows, the
 * re-check and the restart policy are small in-test ports ({@link DetectionTestPorts}).
 */
@OpsSpringBootTest
@DisplayName("Detection: incidents, outages, recovery, planned windows, flapping, automatic restart, R3.7 warning")
class FailureDetectionTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    /** A Tuesday, 10:00 in Paris. */
    private static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");
    private static final String UNIT = "nginx.service";

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    TestPeers.SwitchableRemote remote;
    @Autowired
    DetectionSettings settings;
    @Autowired
    ServerRepository servers;
    @Autowired
    IncidentIntake intake;
    @Autowired
    IncidentService incidents;
    @Autowired
    RecoveryCorrelator recovery;
    @Autowired
    AutoRestarts restarts;
    @Autowired
    ConnectionWarnings warnings;
    @Autowired
    DetectionMetrics metrics;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    MeterRegistry registry;
    @Autowired
    List<ProbeRoundListener> listeners;

    private final DetectionTestPorts.Ledger ledger = new DetectionTestPorts.Ledger();
    private final DetectionTestPorts.Windows windows = new DetectionTestPorts.Windows();
    private final DetectionTestPorts.Restartable policy = new DetectionTestPorts.Restartable();
    private DetectionTestPorts.ScriptedProber prober;
    private FailureDetection detection;
    private RegisterApi register;

    @BeforeEach
    void setUp() {
        remote.useReal();
        clock.set(T0);
        prober = new DetectionTestPorts.ScriptedProber(clock);
        detection = new FailureDetection(settings, servers, intake, incidents, recovery, restarts, warnings, metrics,
                transactionManager, new FailureDetection.Ports(ledger, windows, prober, policy));
        register = new RegisterApi(port);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    // === fixture ==============================================================================

    private record Fixture(long serverId, long contractId, String primaryEmail) {
    }

    /** A PROGERANCE client with its primary contact, an ACTIVE contract (quota 100) and a server on the embedded SSH server. */
    private Fixture server(boolean activate) {
        long clientId = register.createClient();
        String primary = "primaire." + RegisterApi.unique("d").replace("-", "") + "@client.example";
        register.createContact(clientId, "PRIMARY", "email", primary, "mayAuthorise", true);
        long contractId = created(register.api.post("/api/contracts",
                with(RegisterApi.contractBody(clientId), "databaseConnectionQuota", 100)));
        long serverId = created(register.api.post("/api/servers", with(RegisterApi.serverBody(contractId, "PROGERANCE"),
                "address", SSH.host(), "sshPort", SSH.port(), "sshUser", SSH.user(),
                "hostKeyFingerprint", SSH.hostKeyFingerprint())));
        if (activate) {
            TestApi.Answer active = register.setStatus(contractId, "ACTIVE");
            assertThat(active.status()).as(active.toString()).isEqualTo(200);
        }
        return new Fixture(serverId, contractId, primary);
    }

    // === rounds ===============================================================================

    private static CheckResult result(CheckKind kind, String target, CheckStatus status, String detail, Double value,
            Instant at) {
        return new CheckResult(kind, target, status, detail, value, Duration.ofMillis(120), at);
    }

    private static CheckResult shop(CheckStatus status, Instant at) {
        return result(CheckKind.HTTP_STATUS, "shop.example.fr", status, status == CheckStatus.FAILED ? "HTTP 503"
                : "HTTP 200", null, at);
    }

    private static CheckResult nginx(CheckStatus status, Instant at) {
        return result(CheckKind.SERVICE, UNIT, status, status == CheckStatus.FAILED ? "inactive" : "active", null, at);
    }

    /** The round starting now (the clock), its checks done 2 seconds later; then the clock moves one minute. */
    private ProbeRound feed(long serverId, CheckStatus shop, CheckStatus... service) {
        Instant start = clock.instant();
        Instant checked = start.plusSeconds(2);
        List<CheckResult> results = new ArrayList<>(List.of(shop(shop, checked)));
        Arrays.stream(service).forEach(s -> results.add(nginx(s, checked)));
        ProbeRound round = new ProbeRound(serverId, start, checked, results);
        clock.set(checked);
        detection.roundFinished(round);
        clock.set(start.plus(Duration.ofMinutes(1)));
        return round;
    }

    private List<Incident> incidentsOf(long serverId) {
        return incidents.list(null).stream().filter(i -> i.getServerId() == serverId).toList();
    }

    private List<String> timeline(Incident incident) {
        return incidents.timeline(incident).stream().map(e -> e.getKind().name()).toList();
    }

    private ProcessInstance instance(String number) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
                .processDefinitionKey(IncidentHandlingProcess.KEY).singleResult();
    }

    private boolean passed(ProcessInstance pi, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).activityId(activityId)
                .finished().count() > 0;
    }

    private double counter(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    @Test
    @DisplayName("The application's detection listens to the probes' rounds; every detection series exists before anything happened")
    void wiredAsAListener() {
        assertThat(listeners).hasAtLeastOneElementOfType(FailureDetection.class);
        for (String infrastructure : List.of("PROGERANCE", "TIERCE")) {
            assertThat(registry.find("ops.monitoring.incidents.opened").tag("infrastructure", infrastructure).counter())
                    .isNotNull();
        }
        for (String outcome : List.of("restored", "still_down", "failed")) {
            assertThat(registry.find("ops.monitoring.auto.restarts").tag("outcome", outcome).counter()).isNotNull();
        }
        for (String reason : List.of("maintenance", "flapping")) {
            assertThat(registry.find("ops.monitoring.suppressed").tag("reason", reason).counter()).isNotNull();
        }
        assertThat(registry.find("ops.monitoring.flapping.servers").gauge()).isNotNull();
    }

    // === confirmation and recovery ==========================================================

    @Test
    @DisplayName("R4.1: three failed rounds open IncidentHandling detected at the first failed check, and the outage; "
            + "more failed rounds open nothing more; the first healthy round closes the outage and the incident records "
            + "the recovery without being interrupted")
    void confirmedFailureThenRecovery() {
        Fixture f = server(true);
        double opened = counter("ops.monitoring.incidents.opened", "infrastructure", "PROGERANCE");
        ProbeRound first = feed(f.serverId(), CheckStatus.FAILED);
        feed(f.serverId(), CheckStatus.FAILED);
        assertThat(incidentsOf(f.serverId())).as("two failed rounds confirm nothing").isEmpty();
        feed(f.serverId(), CheckStatus.FAILED);

        List<Incident> reported = incidentsOf(f.serverId());
        assertThat(reported).hasSize(1);
        Incident incident = reported.get(0);
        assertThat(incident.getDetectedAt()).isEqualTo(first.results().get(0).checkedAt());
        assertThat(incident.getSource()).isEqualTo(FailureDetection.SOURCE);
        assertThat(incident.getCategory()).isEqualTo(IncidentCategory.TROUBLESHOOTING);
        assertThat(incident.getSummary()).contains("HTTP_STATUS:shop.example.fr HTTP 503");
        ProcessInstance pi = instance(incident.getNumber());
        assertThat(pi).as("IncidentHandling started by the intake").isNotNull();
        assertThat(ledger.of(f.serverId())).singleElement().satisfies(o -> {
            assertThat(o.start).isEqualTo(first.results().get(0).checkedAt());
            assertThat(o.incidentNumber).isEqualTo(incident.getNumber());
            assertThat(o.cause).contains("HTTP 503");
        });
        assertThat(counter("ops.monitoring.incidents.opened", "infrastructure", "PROGERANCE")).isEqualTo(opened + 1);

        for (int i = 0; i < 5; i++) {
            feed(f.serverId(), CheckStatus.FAILED);
        }
        assertThat(incidentsOf(f.serverId())).hasSize(1);
        assertThat(timeline(incident)).doesNotContain(IncidentEvent.Kind.REPORT_ATTACHED.name());
        assertThat(ledger.calls).containsOnlyOnce("started " + f.serverId());

        ProbeRound healthy = feed(f.serverId(), CheckStatus.OK);
        assertThat(ledger.of(f.serverId()).get(0).end).isEqualTo(healthy.startedAt());
        assertThat(passed(pi, Elements.RECORD_MONITORED_RECOVERY)).isTrue();
        assertThat(passed(pi, Elements.END_MONITORING_RECOVERY)).isTrue();
        assertThat(incidents.timeline(incident)).filteredOn(e -> e.getKind() == IncidentEvent.Kind.MONITORING_RECOVERED)
                .singleElement().satisfies(e -> assertThat(e.getDetail()).contains("since 2026-03-10T10:08+01:00"));
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).active().count())
                .as("the recovery does not close the incident: ops confirm").isEqualTo(1);
        assertThat(runtime.createExecutionQuery().processInstanceId(pi.getId()).activityId(Elements.TAKE_CHARGE)
                .count()).isEqualTo(1);
        assertThat(incidents.get(incident.getNumber()).getStatus()).isEqualTo(IncidentStatus.OPEN);
    }

    @Test
    @DisplayName("The report, its IncidentHandling and the outage commit together: the ledger failing leaves no incident; the next round reports")
    void reportAndOutageInOneTransaction() {
        Fixture f = server(true);
        DetectionTestPorts.Ledger failingOnce = new DetectionTestPorts.Ledger() {
            private boolean failed;

            @Override
            public synchronized long outageStarted(long serverId, Instant since, String cause, String incidentNumber) {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("ledger unavailable");
                }
                return super.outageStarted(serverId, since, cause, incidentNumber);
            }
        };
        detection = new FailureDetection(settings, servers, intake, incidents, recovery, restarts, warnings, metrics,
                transactionManager, new FailureDetection.Ports(failingOnce, windows, prober, policy));
        ProbeRound first = feed(f.serverId(), CheckStatus.FAILED);
        feed(f.serverId(), CheckStatus.FAILED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> feed(f.serverId(), CheckStatus.FAILED))
                .hasMessageContaining("ledger unavailable");
        assertThat(incidentsOf(f.serverId())).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IncidentHandlingProcess.KEY)
                .variableValueEquals(IncidentHandlingProcess.Vars.SERVER_ID, f.serverId()).count()).isZero();

        feed(f.serverId(), CheckStatus.FAILED);
        Incident incident = incidentsOf(f.serverId()).get(0);
        assertThat(incident.getDetectedAt()).isEqualTo(first.results().get(0).checkedAt());
        assertThat(instance(incident.getNumber())).isNotNull();
        assertThat(failingOnce.of(f.serverId())).singleElement()
                .satisfies(o -> assertThat(o.incidentNumber).isEqualTo(incident.getNumber()));
    }

    @Test
    @DisplayName("R7.3: a server whose contract is not ACTIVE gets no incident")
    void noIncidentForAContractNotActive() {
        Fixture f = server(false);
        for (int i = 0; i < 4; i++) {
            feed(f.serverId(), CheckStatus.FAILED);
        }
        assertThat(incidentsOf(f.serverId())).isEmpty();
        assertThat(ledger.of(f.serverId())).isEmpty();
    }

    // === planned windows and flapping =========================================================

    @Test
    @DisplayName("R4.4-p: inside a planned window no incident opens (suppressed, counted once); still failing after it: "
            + "reported, detected at the first failed check after the window")
    void plannedWindowSuppresses() {
        Fixture f = server(true);
        double suppressed = counter("ops.monitoring.suppressed", "reason", "maintenance");
        windows.add(f.serverId(), new Interval(T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofMinutes(5))));
        for (int i = 0; i < 5; i++) {
            feed(f.serverId(), CheckStatus.FAILED);
        }
        assertThat(incidentsOf(f.serverId())).isEmpty();
        assertThat(ledger.of(f.serverId())).isEmpty();
        assertThat(counter("ops.monitoring.suppressed", "reason", "maintenance")).isEqualTo(suppressed + 1);

        ProbeRound after = feed(f.serverId(), CheckStatus.FAILED);
        assertThat(incidentsOf(f.serverId())).singleElement()
                .satisfies(i -> assertThat(i.getDetectedAt()).isEqualTo(after.results().get(0).checkedAt()));
        assertThat(ledger.of(f.serverId()).get(0).start).as("down since the first failure; C excludes the window")
                .isEqualTo(T0.plusSeconds(2));
    }

    @Test
    @DisplayName("Flapping: no incident while the server flaps (counted, gauge); one report once it settles failed")
    void flappingThenOneReport() {
        Fixture f = server(true);
        double suppressed = counter("ops.monitoring.suppressed", "reason", "flapping");
        for (int i = 0; i < 6; i++) {
            feed(f.serverId(), i % 2 == 0 ? CheckStatus.FAILED : CheckStatus.OK);
        }
        assertThat(detection.isFlapping(f.serverId())).isTrue();
        assertThat(registry.get("ops.monitoring.flapping.servers").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(counter("ops.monitoring.suppressed", "reason", "flapping")).isEqualTo(suppressed + 1);
        ProbeRound settledFailure = feed(f.serverId(), CheckStatus.FAILED);
        for (int i = 0; i < 9; i++) {
            feed(f.serverId(), CheckStatus.FAILED);
        }
        assertThat(incidentsOf(f.serverId())).as("held while it flaps").isEmpty();
        feed(f.serverId(), CheckStatus.FAILED);
        assertThat(detection.isFlapping(f.serverId())).isFalse();
        assertThat(incidentsOf(f.serverId())).singleElement().satisfies(i -> assertThat(i.getDetectedAt())
                .isEqualTo(settledFailure.results().get(0).checkedAt()));
        for (int i = 0; i < 5; i++) {
            feed(f.serverId(), CheckStatus.FAILED);
        }
        assertThat(incidentsOf(f.serverId())).hasSize(1);
    }

    // === automatic restart ====================================================================

    private String restartLine() {
        return CommandTemplate.RESTART_SERVICE.commandLine(UNIT);
    }

    private long restartsSent() {
        return SSH.executedCommands().stream().filter(restartLine()::equals).count();
    }

    @Test
    @DisplayName("Restart once: a restartable service FAILED at its first check is restarted over SSH, checked again, "
            + "the incident reported with the attempt; restored: the recovery at once; not again while the incident is open")
    void autoRestartRestored() {
        Fixture f = server(true);
        policy.units.add(UNIT);
        SSH.respond(restartLine(), 0, "", "");
        double restored = counter("ops.monitoring.auto.restarts", "outcome", "restored");

        ProbeRound failed = feed(f.serverId(), CheckStatus.FAILED, CheckStatus.FAILED);

        assertThat(restartsSent()).isEqualTo(1);
        assertThat(prober.rechecks).contains("SERVICE:" + UNIT, "HTTP_STATUS:shop.example.fr");
        Incident incident = incidentsOf(f.serverId()).get(0);
        assertThat(incident.getDetectedAt()).isEqualTo(failed.finishedAt());
        assertThat(incidents.timeline(incident)).filteredOn(e -> e.getKind() == IncidentEvent.Kind.AUTO_RESTART)
                .singleElement().satisfies(e -> {
                    assertThat(e.getDetail()).contains("SERVICE:" + UNIT).contains("exit status 0").contains("RESTORED");
                    assertThat(e.getActor()).isEqualTo(FailureDetection.SOURCE);
                });
        assertThat(timeline(incident)).contains(IncidentEvent.Kind.MONITORING_RECOVERED.name());
        assertThat(ledger.of(f.serverId())).singleElement().satisfies(o -> {
            assertThat(o.start).isEqualTo(failed.finishedAt());
            assertThat(o.end).isNotNull();
        });
        assertThat(restarts.recorded(f.serverId())).singleElement().satisfies(r -> {
            assertThat(r.get("outcome")).isEqualTo("RESTORED");
            assertThat(r.get("incident_number")).isEqualTo(incident.getNumber());
        });
        assertThat(counter("ops.monitoring.auto.restarts", "outcome", "restored")).isEqualTo(restored + 1);

        // It stops again while the incident is open: no second restart; confirmed, reported on the same incident.
        feed(f.serverId(), CheckStatus.OK, CheckStatus.OK);
        for (int i = 0; i < 3; i++) {
            feed(f.serverId(), CheckStatus.OK, CheckStatus.FAILED);
        }
        assertThat(restartsSent()).isEqualTo(1);
        assertThat(incidentsOf(f.serverId())).hasSize(1);
        assertThat(timeline(incident)).contains(IncidentEvent.Kind.REPORT_ATTACHED.name());
    }

    @Test
    @DisplayName("Restart once, still down: the outcome is recorded on the incident, the outage stays open")
    void autoRestartStillDown() {
        Fixture f = server(true);
        policy.units.add(UNIT);
        SSH.respond(restartLine(), 0, "", "");
        prober.answer = (kind, target) -> CheckStatus.FAILED;
        double stillDown = counter("ops.monitoring.auto.restarts", "outcome", "still_down");

        feed(f.serverId(), CheckStatus.OK, CheckStatus.FAILED);

        Incident incident = incidentsOf(f.serverId()).get(0);
        assertThat(incidents.timeline(incident)).filteredOn(e -> e.getKind() == IncidentEvent.Kind.AUTO_RESTART)
                .singleElement().satisfies(e -> assertThat(e.getDetail()).contains("STILL_DOWN"));
        assertThat(ledger.of(f.serverId())).singleElement().satisfies(o -> assertThat(o.end).isNull());
        assertThat(restarts.recorded(f.serverId()).get(0).get("outcome")).isEqualTo("STILL_DOWN");
        assertThat(counter("ops.monitoring.auto.restarts", "outcome", "still_down")).isEqualTo(stillDown + 1);
        for (int i = 0; i < 4; i++) {
            feed(f.serverId(), CheckStatus.OK, CheckStatus.FAILED);
        }
        assertThat(restartsSent()).isEqualTo(1);
        assertThat(incidentsOf(f.serverId())).hasSize(1);
    }

    @Test
    @DisplayName("DESIGN rule 13: a restart that exits non-zero is FAILED (no re-check), recorded on the incident")
    void autoRestartFails() {
        Fixture f = server(true);
        policy.units.add(UNIT);
        SSH.respond(restartLine(), 1, "", "Failed to restart nginx.service: Unit nginx.service not found.");

        feed(f.serverId(), CheckStatus.OK, CheckStatus.FAILED);

        assertThat(prober.rechecks).isEmpty();
        Incident incident = incidentsOf(f.serverId()).get(0);
        assertThat(incidents.timeline(incident)).filteredOn(e -> e.getKind() == IncidentEvent.Kind.AUTO_RESTART)
                .singleElement().satisfies(e -> assertThat(e.getDetail()).contains("exit status 1").contains("FAILED"));
        assertThat(restarts.recorded(f.serverId()).get(0).get("outcome")).isEqualTo("FAILED");
    }

    @Test
    @DisplayName("A service the configuration does not mark restartable is never restarted: N rounds confirm it as any check")
    void notRestartable() {
        Fixture f = server(true);
        for (int i = 0; i < 3; i++) {
            feed(f.serverId(), CheckStatus.OK, CheckStatus.FAILED);
        }
        assertThat(restartsSent()).isZero();
        assertThat(restarts.recorded(f.serverId())).isEmpty();
        assertThat(incidentsOf(f.serverId())).hasSize(1);
    }

    // === R3.7 =================================================================================

    private void connections(long serverId, int count) {
        Instant at = clock.instant();
        detection.roundFinished(new ProbeRound(serverId, at, at.plusSeconds(1), List.of(
                shop(CheckStatus.OK, at), result(CheckKind.DB_CONNECTIONS, "prestashop", CheckStatus.WARNING,
                        count + "/100 connections", (double) count, at))));
    }

    @Test
    @DisplayName("R3.7: connections near the quota mail the primary contact in French, recorded; once per day at most")
    void connectionWarning() throws Exception {
        Fixture f = server(true);
        connections(f.serverId(), 87);

        MimeMessage mail = Mails.to(MAIL, f.primaryEmail(), "PG-T");
        assertThat(mail.getSubject()).contains("connexions à la base de données proches du quota");
        assertThat(Mails.text(mail)).contains("87 connexions simultanées pour un quota de 100")
                .contains("mardi 10 mars 2026 à 10h00").contains("1 jour");
        List<Map<String, Object>> records = warnings.recorded(f.serverId());
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.get("status")).isEqualTo("SENT");
            assertThat(((Number) r.get("connections")).intValue()).isEqualTo(87);
            assertThat(((Number) r.get("quota")).intValue()).isEqualTo(100);
        });

        clock.set(T0.plus(Duration.ofHours(6)));
        connections(f.serverId(), 95);
        assertThat(warnings.recorded(f.serverId())).hasSize(1);

        clock.set(T0.plus(Duration.ofDays(1)).plusSeconds(1));
        connections(f.serverId(), 91);
        assertThat(warnings.recorded(f.serverId())).hasSize(2).first()
                .satisfies(r -> assertThat(r.get("status")).isEqualTo("SENT"));
        MAIL.waitForIncomingEmail(5_000, 2);
        assertThat(Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(f.primaryEmail()));
            } catch (Exception e) {
                return false;
            }
        })).hasSize(2);
    }
}
