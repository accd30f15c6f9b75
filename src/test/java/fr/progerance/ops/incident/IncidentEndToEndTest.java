package fr.progerance.ops.incident;

import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.quote.QuoteApprovalProcess;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.security.OpsGroups;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * IncidentHandling end to end, in the running application, against real peers started by the test:
 * an SSH server executing real commands (pinned host key), an SMTP server reading the French mails,
 * and an HTTP server standing for the shop. Tasks are completed through Camunda's REST API as
 * Tasklist does, some as a hostile ops user would; client links are answered through the public
 * decision pages. The clock is the test's ({@link MovableClock}), fixed at known instants: the
 * expected deadlines come from the contract's tables below, never from the code under test, and
 * time passes by moving the clock, never by sleeping.
 */
@OpsSpringBootTest
class IncidentEndToEndTest {

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final String FAILED_UNITS = "systemctl --failed --no-legend --plain";
    private static final String RESTART_PHP = "sudo -n systemctl restart -- 'php8.2-fpm'";
    private static final String REBOOT = "sudo -n systemctl reboot";

    private static final java.time.ZoneId PARIS = java.time.ZoneId.of("Europe/Paris");
    /** RC-business, RC-n2: a Tuesday at 10:00, inside both windows. */
    private static final Instant TUESDAY_10H = paris(2026, 3, 10, 10, 0);
    /** R4.3-p2: a level-2 troubleshooting reported at 10:00 is due after 1 h of the 7h-18h window. */
    private static final Instant TUESDAY_11H = paris(2026, 3, 10, 11, 0);
    /** R4.3-p2: a level-2 update is due after 2 h of the window. */
    private static final Instant TUESDAY_12H = paris(2026, 3, 10, 12, 0);
    /** R4.3-t2: a Sunday night, outside business hours. */
    private static final Instant SUNDAY_3H = paris(2026, 3, 15, 3, 0);
    private static final String OPS = "alicee2e";
    private static final String OPS_PASSWORD = "e2e-alice-password";

    @RegisterExtension
    static final fr.progerance.ops.TestShop SHOP = new fr.progerance.ops.TestShop();

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    ManagementService management;

    @Autowired
    fr.progerance.ops.MovableClock clock;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    org.camunda.bpm.engine.IdentityService identity;

    @Autowired
    fr.progerance.ops.notify.ClientDecisions decisions;

    @Autowired
    fr.progerance.ops.quote.QuoteRepository quoteRecords;

    RegisterApi register;
    TestApi api;

    @BeforeEach
    void setUp() {
        clock.set(TUESDAY_10H);
        register = new RegisterApi(port);
        api = register.api;
        SSH.respond(FAILED_UNITS, 0, "php8.2-fpm.service loaded failed failed The PHP 8.2 FastCGI Process Manager\n", "");
        SSH.respond(RESTART_PHP, 0, "", "");
        user(OPS, OPS_PASSWORD, OpsGroups.OPS);
    }

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Instant paris(int year, int month, int day, int hour, int minute) {
        return java.time.ZonedDateTime.of(year, month, day, hour, minute, 0, 0, PARIS).toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atZone(PARIS).toOffsetDateTime();
    }

    /** A client, its contacts, an ACTIVE contract and a server reachable over the embedded SSH server. */
    private record Fixture(long clientId, long contractId, long serverId, String primaryEmail, String secondaryEmail) {
    }

    private Fixture activeContract(String infrastructure, int level, String fingerprint, String sshUser,
            boolean withProcedure) {
        long clientId = register.createClient();
        String tag = RegisterApi.unique("c").replace("-", "");
        String primary = "primaire." + tag + "@client.example";
        String secondary = "secours." + tag + "@client.example";
        register.createContact(clientId, "PRIMARY", "email", primary, "mayAuthorise", true);
        register.createContact(clientId, "SECONDARY", "email", secondary, "secondaryOrder", 1, "mayAuthorise", true);
        register.createContact(clientId, "ON_CALL", "email", "astreinte." + tag + "@client.example",
                "mayAuthorise", true);
        register.createContact(clientId, "HOSTER_EMERGENCY", "email", "urgence." + tag + "@hebergeur.example");
        Map<String, Object> contract = with(RegisterApi.contractBody(clientId), "serviceLevel", level,
                "databaseConnectionQuota", 100, "tierceOutOfHoursAgreed", true);
        if (withProcedure) {
            contract = with(contract, "emergencyProcedure", body("steps", List.of("Restaurer la dernière sauvegarde"),
                    "allowedActions", List.of("RESTORE_BACKUP")), "emergencyBudgetExclTax", 500);
        }
        long contractId = created(api.post("/api/contracts", contract));
        Map<String, Object> server = with(RegisterApi.serverBody(contractId, infrastructure), "address", SSH.host(),
                "sshPort", SSH.port(), "sshUser", sshUser, "hostKeyFingerprint", fingerprint,
                "prestashopUrl", SHOP.url());
        long serverId = created(api.post("/api/servers", server));
        if (infrastructure.equals("TIERCE")) {
            api.put("/api/servers/" + serverId + "/prerequisites", body("items", Arrays.stream(
                    fr.progerance.ops.contract.Prerequisite.values()).map(p -> body("item", p.name(), "checked", true))
                    .toList()));
        }
        TestApi.Answer activated = register.setStatus(contractId, "ACTIVE");
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        return new Fixture(clientId, contractId, serverId, primary, secondary);
    }

    private Fixture activeContract() {
        return activeContract("PROGERANCE", 2, SSH.hostKeyFingerprint(), EmbeddedSshServer.USER, true);
    }

    private TestApi.Answer report(long serverId, String category, OffsetDateTime detectedAt) {
        return api.post("/api/incidents", body("serverId", serverId, "category", category, "level", 2,
                "summary", "La boutique renvoie une erreur 502", "source", "monitoring", "detectedAt",
                detectedAt.toString()));
    }

    @Test
    @DisplayName("R4.3-p2: an incident from the API gets its deadlines, a diagnosis over SSH, a restart, a check and a French report")
    void happyPath() throws Exception {
        Fixture f = activeContract();
        OffsetDateTime detectedAt = at(TUESDAY_10H);
        TestApi.Answer reported = report(f.serverId(), "TROUBLESHOOTING", detectedAt);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        String number = reported.json().get("number").asText();
        assertThat(number).matches("INC-\\d{4}-\\d{6}");
        assertThat(reported.response().headers().firstValue("Location")).hasValue("/api/incidents/" + number);

        // A second report of the same kind is attached, not duplicated.
        TestApi.Answer again = report(f.serverId(), "TROUBLESHOOTING", detectedAt.plusSeconds(30));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("number").asText()).isEqualTo(number);
        assertThat(again.json().get("attached").asBoolean()).isTrue();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isEqualTo(1);

        // R4.3-p2 from the table: 10:00 + 1 h of the level-2 window = 11:00, both deadlines.
        String pid = processInstanceId(number);
        Task takeCharge = task(pid, Elements.TAKE_CHARGE);
        assertThat(takeCharge.getDueDate().toInstant()).isEqualTo(TUESDAY_11H);
        assertThat(OffsetDateTime.parse(reported.json().at("/sla/interventionDue").asText()).toInstant())
                .isEqualTo(TUESDAY_11H);
        assertThat(OffsetDateTime.parse(reported.json().at("/sla/restorationDue").asText()).toInstant())
                .isEqualTo(TUESDAY_11H);
        assertThat(reported.json().at("/sla/rule").asText()).isEqualTo("R4.3-p2");

        // Diagnosis over SSH: real commands, plus the failed unit the server reports.
        executeJob(pid, Elements.DIAGNOSE);
        String diagnosis = (String) runtime.getVariable(pid, Vars.DIAGNOSIS);
        assertThat(diagnosis).contains("Uptime:").contains("php8.2-fpm.service").contains("Shop: HTTP 200");
        assertThat(SSH.executedCommands()).contains("cat /proc/uptime", "cat /proc/loadavg", "df -P -k", FAILED_UNITS);

        clock.advance(java.time.Duration.ofMinutes(12));
        complete(takeCharge, Map.of(Vars.CAUSE_CATEGORY, "SYSTEM", Vars.TAKE_CHARGE_NOTES, "PHP-FPM planté"));
        Task choose = task(pid, Elements.CHOOSE_REMEDIATION);
        // The server refuses a service outside the allowed list (the form offers only allowed ones),
        // with a readable message, and the task stays open: 400, as a form validation.
        TestApi.Answer refused = completeAnswer(choose, Map.of(Vars.REMEDIATION_ACTION, "RESTART_SERVICE",
                Vars.SERVICE_NAME, "sshd"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("Service to restart: choose one of");
        assertThat(task(pid, Elements.CHOOSE_REMEDIATION)).isNotNull();
        complete(choose, Map.of(Vars.REMEDIATION_ACTION, "RESTART_SERVICE", Vars.SERVICE_NAME, "php8.2-fpm"));
        executeJob(pid, Elements.RUN_REMEDIATION);
        assertThat(SSH.executedCommands()).contains(RESTART_PHP);
        executeJob(pid, Elements.RUN_REMEDIATION); // the save point after it (asyncAfter): never run twice
        executeJob(pid, Elements.CHECK_SERVICE);
        assertThat(runtime.getVariable(pid, Vars.SERVICE_ANSWERS)).isEqualTo(true);

        clock.advance(java.time.Duration.ofMinutes(20));
        complete(task(pid, Elements.CONFIRM_RESTORATION), Map.of(Vars.RESTORED, true, Vars.RESTORATION_NOTES,
                "Service PHP relancé"));
        executeJob(pid, Elements.SEND_REPORT);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pid).count())
                .as("the terminate end event also ends the restoration watch").isZero();

        MimeMessage reportMail = mailTo(f.primaryEmail(), number + " : rapport d'incident");
        String body = Mails.text(reportMail);
        assertThat(body).contains("est clos").contains("respecté").contains("Chronologie");

        JsonNode record = api.get("/api/incidents/" + number).json();
        assertThat(record.get("status").asText()).isEqualTo("CLOSED");
        assertThat(OffsetDateTime.parse(record.get("takenInChargeAt").asText()).toInstant())
                .isEqualTo(TUESDAY_10H.plusSeconds(12 * 60));
        assertThat(OffsetDateTime.parse(record.get("restoredAt").asText()).toInstant())
                .isEqualTo(TUESDAY_10H.plusSeconds(32 * 60));
        assertThat(record.get("restoredBy").asText()).isEqualTo(TestApi.ADMIN);
        assertThat(record.get("interventionBreached").asBoolean()).isFalse();
        assertThat(record.get("causeCategory").asText()).isEqualTo("SYSTEM");
        assertThat(record.get("responsibility").asText()).isEqualTo("PROVIDER");
        List<String> kinds = new ArrayList<>();
        record.get("timeline").forEach(e -> kinds.add(e.get("kind").asText()));
        assertThat(kinds).containsSubsequence("REPORTED", "CLOCKS_STARTED", "REPORT_ATTACHED", "DIAGNOSIS",
                "TAKEN_IN_CHARGE", "REMEDIATION_RUN", "SERVICE_CHECKED", "RESTORED", "CLOSED", "REPORT_SENT");
    }

    @Test
    @DisplayName("R4.3-t3, R4.3-t4: an action needing the client's decision is approved by the signed link in the French mail")
    void clientApprovesByLink() throws Exception {
        Fixture f = activeContract();
        String number = awaitingClientDecision(f, "DATABASE", "RESTORE_BACKUP",
                "Restaurer la base de données de la nuit dernière", 200);
        String pid = processInstanceId(number);
        assertThat(task(pid, Elements.CALL_CONTACT)).isNotNull();

        MimeMessage request = mailTo(f.primaryEmail(), number + " : Votre décision est requise");
        String text = Mails.text(request);
        assertThat(text).contains("Restaurer la base de données").contains("200 € HT");
        String approvePath = decisionPath(text, "APPROVE");

        TestApi.Answer page = TestApi.anonymous(port).send(TestApi.anonymous(port).request(approvePath)
                .setHeader("Accept", "text/html").GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Restaurer la base de données");
        assertThat(decisions.find((String) runtime.getVariable(pid, Vars.DECISION_ID)).orElseThrow().getStatus())
                .as("GET never decides").isEqualTo(fr.progerance.ops.notify.DecisionStatus.PENDING);

        String tokenPath = approvePath.substring(0, approvePath.indexOf('?'));
        TestApi.Answer answered = answerByLink(tokenPath, "APPROVE");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);

        executeJob(pid, Elements.RECORD_ANSWER);
        assertThat(runtime.getVariable(pid, Vars.DECISION_OUTCOME)).isEqualTo("CLIENT_APPROVED");
        assertThat(task(pid, Elements.CARRY_OUT_ACTION)).isNotNull();

        TestApi.Answer reused = answerByLink(tokenPath, "DECLINE");
        assertThat(reused.status()).isEqualTo(409);
        assertThat(runtime.getVariable(pid, Vars.DECISION_OUTCOME)).isEqualTo("CLIENT_APPROVED");
    }

    @Test
    @DisplayName("R4.3-t5: a phone answer logged by ops is recorded on the decision (channel, who) and closes its link")
    void phoneAnswerIsRecorded() throws Exception {
        Fixture f = activeContract();
        String number = awaitingClientDecision(f, "SYSTEM", "MIGRATION", "Migrer vers un serveur plus grand", 900);
        String pid = processInstanceId(number);
        String approvePath = decisionPath(Mails.text(mailTo(f.primaryEmail(), number + " : Votre décision")), "APPROVE");
        String decisionId = (String) runtime.getVariable(pid, Vars.DECISION_ID);

        complete(task(pid, Elements.CALL_CONTACT), Map.of(Vars.PHONE_OUTCOME, "DECLINE"));
        executeJob(pid, Elements.RECORD_ANSWER);
        assertThat(runtime.getVariable(pid, Vars.DECISION_OUTCOME)).isEqualTo("CLIENT_DECLINED");
        var decision = decisions.find(decisionId).orElseThrow();
        assertThat(decision.getStatus()).isEqualTo(fr.progerance.ops.notify.DecisionStatus.DECLINED);
        assertThat(decision.getAnswerChannel()).isEqualTo(fr.progerance.ops.notify.AnswerChannel.PHONE);
        assertThat(decision.getAnsweredByUser()).isEqualTo(TestApi.ADMIN);

        String tokenPath = approvePath.substring(0, approvePath.indexOf('?'));
        TestApi.Answer late = answerByLink(tokenPath, "APPROVE");
        assertThat(late.status()).as("the link no longer decides").isEqualTo(409);
    }

    @Test
    @DisplayName("R4.3-p2: when the intervention deadline passes, on-call ops and managers get the escalation and the breach is recorded")
    void interventionBreachEscalates() throws Exception {
        Fixture f = activeContract();
        String number = report(f.serverId(), "UPDATE", at(TUESDAY_10H)).json().get("number").asText();
        String pid = processInstanceId(number);
        Job timer = management.createJobQuery().processInstanceId(pid).timers().activityId(Elements.TIMER_INTERVENTION)
                .singleResult();
        assertThat(timer.getDuedate().toInstant()).as("R4.3-p2: 2 h for updates").isEqualTo(TUESDAY_12H);
        clock.set(TUESDAY_12H.plusSeconds(1));
        management.executeJob(timer.getId());
        double before = breaches("intervention");
        // R4.3 metrics count committed work: a job whose transaction fails after recording the
        // breach leaves the counter alone, and its retry counts it once.
        Job escalation = job(pid, Elements.ESCALATE_INTERVENTION);
        assertThatThrownBy(() -> inTransactionThatFails(() -> management.executeJob(escalation.getId())))
                .hasMessageContaining("commit failed");
        assertThat(breaches("intervention")).isEqualTo(before);
        executeJob(pid, Elements.ESCALATE_INTERVENTION);
        assertThat(breaches("intervention")).isEqualTo(before + 1);

        mailTo("astreinte@progerance.example", "ESCALADE " + number);
        mailTo("direction@progerance.example", "ESCALADE " + number);
        assertThat(task(pid, Elements.TAKE_CHARGE)).as("the timer does not interrupt the task").isNotNull();
        assertThat(api.get("/api/incidents/" + number).json().get("interventionBreached").asBoolean()).isTrue();
        JsonNode breaches = api.get("/actuator/metrics/ops.incident.breaches?tag=deadline:intervention"
                + "&tag=infrastructure:PROGERANCE").json();
        assertThat(breaches.at("/measurements/0/value").asDouble()).as("the dashboards count the breach").isPositive();
        assertThat(mailsTo("astreinte@progerance.example", "ESCALADE " + number)).as("escalated once").isEqualTo(1);
        assertThat(api.get("/actuator/metrics/ops.incidents.open?tag=infrastructure:PROGERANCE").json()
                .at("/measurements/0/value").asDouble()).isPositive();
    }

    @Test
    @DisplayName("DESIGN rule 8: a changed host key is refused and raises a Camunda incident at once, not a retry loop")
    void changedHostKeyRaisesIncident() {
        Fixture f = activeContract("PROGERANCE", 2, RegisterApi.FINGERPRINT, EmbeddedSshServer.USER, true);
        String number = report(f.serverId(), "TROUBLESHOOTING", at(TUESDAY_10H)).json()
                .get("number").asText();
        String pid = processInstanceId(number);
        Job diagnosis = job(pid, Elements.DIAGNOSE);
        assertThatThrownBy(() -> management.executeJob(diagnosis.getId())).hasMessageContaining("host key");
        Incident incident = runtime.createIncidentQuery().processInstanceId(pid).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(Elements.DIAGNOSE);
        assertThat(incident.getIncidentMessage()).contains(RegisterApi.FINGERPRINT).contains(SSH.hostKeyFingerprint());
        assertThat(management.createJobQuery().jobId(diagnosis.getId()).singleResult().getRetries()).isZero();
        assertThat(SSH.executedCommands()).isEmpty();
        assertThat(task(pid, Elements.TAKE_CHARGE)).as("the diagnosis never delays the take-charge task").isNotNull();
    }

    @Test
    @DisplayName("A failed SSH login retries on the task's schedule, then becomes an incident with a readable message")
    void failedLoginRetriesThenIncident() {
        Fixture f = activeContract("PROGERANCE", 2, SSH.hostKeyFingerprint(), "intruder", true);
        String pid = processInstanceId(report(f.serverId(), "TROUBLESHOOTING", at(TUESDAY_10H))
                .json().get("number").asText());
        Job diagnosis = job(pid, Elements.DIAGNOSE);
        assertThatThrownBy(() -> management.executeJob(diagnosis.getId()));
        Job retried = management.createJobQuery().jobId(diagnosis.getId()).singleResult();
        assertThat(retried.getRetries()).isEqualTo(2);
        assertThat(retried.getDuedate().toInstant()).as("R3/PT1M").isEqualTo(TUESDAY_10H.plusSeconds(60));
        assertThat(runtime.createIncidentQuery().processInstanceId(pid).count()).isZero();
        assertThatThrownBy(() -> management.executeJob(diagnosis.getId()));
        assertThatThrownBy(() -> management.executeJob(diagnosis.getId()));
        Incident incident = runtime.createIncidentQuery().processInstanceId(pid).singleResult();
        assertThat(incident.getIncidentMessage()).contains("refused the engine's client key")
                .contains("intruder@127.0.0.1");
    }

    @Test
    @DisplayName("R4.2, R3.5: a hardware incident on TIERCE is routed to the hoster; the hoster and the client get the French mail")
    void tierceHardwareGoesToHoster() throws Exception {
        Fixture f = activeContract("TIERCE", 2, SSH.hostKeyFingerprint(), EmbeddedSshServer.USER, true);
        String number = report(f.serverId(), "TROUBLESHOOTING", at(TUESDAY_10H)).json()
                .get("number").asText();
        String pid = processInstanceId(number);
        complete(task(pid, Elements.TAKE_CHARGE), Map.of(Vars.CAUSE_CATEGORY, "HARDWARE"));
        executeJob(pid, Elements.NOTIFY_HOSTER);
        MimeMessage toClient = mailTo(f.primaryEmail(), number + " : incident matériel ou réseau");
        assertThat(Mails.text(toClient)).contains("hébergeur").contains("devis préalable");
        assertThat(Arrays.stream(toClient.getAllRecipients()).map(Object::toString))
                .anyMatch(a -> a.contains("@hebergeur.example"));
        assertThat(task(pid, Elements.COORDINATE_HOSTER)).isNotNull();
        assertThat(api.get("/api/incidents/" + number).json().get("responsibility").asText()).isEqualTo("HOSTER");
    }

    @Test
    @DisplayName("Ops start an incident from Tasklist's start form: same process, business key = incident number; a second one is attached")
    void startFormFromTasklist() {
        Fixture f = activeContract();
        Map<String, Object> form = Map.of("serverId", f.serverId(), "category", "UPDATE", "level", "2",
                "summary", "Mise à jour de sécurité urgente", "source", "tasklist",
                "detectedAt", at(TUESDAY_10H).toString());
        TestApi.Answer started = submitStartForm(form);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        String pid = started.json().get("id").asText();
        String number = (String) runtime.getVariable(pid, Vars.INCIDENT_NUMBER);
        assertThat(started.json().get("businessKey").asText()).isEqualTo(number);
        assertThat(task(pid, Elements.TAKE_CHARGE).getDueDate().toInstant()).as("R4.3-p2, 2 h for an update")
                .isEqualTo(TUESDAY_12H);
        assertThat(api.get("/api/incidents/" + number).json().at("/sla/rule").asText()).isEqualTo("R4.3-p2");

        TestApi.Answer second = submitStartForm(form);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("ended").asBoolean()).as("attached, not duplicated").isTrue();
        assertThat(second.json().get("businessKey").asText()).isEqualTo(number);

        // Tasklist shows the refusal on the start form: 400, as a form validation.
        TestApi.Answer unknown = submitStartForm(with(form, "serverId", 987654321));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).contains("Invalid input: serverId (no server has id 987654321)");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IncidentHandlingProcess.KEY)
                .variableValueEquals(Vars.SERVER_ID, 987654321L).count()).as("nothing half-started").isZero();
    }

    @Test
    @DisplayName("R4.3-t2: TIERCE outside business hours without prior agreement: the client is told in French, ops record its agreement")
    void tierceOutOfHoursNeedsAgreement() throws Exception {
        Fixture f = activeContract("TIERCE", 1, SSH.hostKeyFingerprint(), EmbeddedSshServer.USER, true);
        TestApi.Answer contract = api.get("/api/contracts/" + f.contractId());
        TestApi.Answer noPriorAgreement = api.put("/api/contracts/" + f.contractId(), with(
                RegisterApi.contractBody(f.clientId()), "reference", contract.json().get("reference").asText(),
                "serviceLevel", 1, "databaseConnectionQuota", 100, "tierceOutOfHoursAgreed", false));
        assertThat(noPriorAgreement.status()).as(noPriorAgreement.toString()).isEqualTo(200);
        clock.set(SUNDAY_3H);
        TestApi.Answer reported = api.post("/api/incidents", body("serverId", f.serverId(), "category", "TROUBLESHOOTING",
                "level", 1, "summary", "Service PHP arrêté", "source", "monitoring", "detectedAt",
                at(SUNDAY_3H).toString()));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        String number = reported.json().get("number").asText();
        String pid = processInstanceId(number);
        assertThat(runtime.getVariable(pid, Vars.NEEDS_CLIENT_AGREEMENT)).isEqualTo(true);
        assertThat(task(pid, Elements.TAKE_CHARGE)).as("nothing to take in charge before the agreement").isNull();

        executeJob(pid, Elements.NOTIFY_OUT_OF_HOURS);
        MimeMessage told = mailTo(f.primaryEmail(), number + " : incident signalé hors heures ouvrées");
        assertThat(Mails.text(told)).contains("aucun délai d'intervention n'est garanti").contains("prochaine ouverture");

        clock.advance(java.time.Duration.ofMinutes(20));
        complete(task(pid, Elements.RECORD_AGREEMENT), Map.of(Vars.CLIENT_AGREES_NOW, true));
        Task takeCharge = task(pid, Elements.TAKE_CHARGE);
        // R4.3-t2 with the client's agreement: the R4.3-t1 15 minutes from the agreement (03:20)
        assertThat(takeCharge.getDueDate().toInstant()).isEqualTo(paris(2026, 3, 15, 3, 35));
        JsonNode record = api.get("/api/incidents/" + number).json();
        assertThat(record.at("/sla/restorationBestEffort").asBoolean()).isTrue();
        assertThat(record.at("/outOfHoursAgreement/recordedBy").asText()).isEqualTo(TestApi.ADMIN);
        List<String> kinds = new ArrayList<>();
        record.get("timeline").forEach(e -> kinds.add(e.get("kind").asText()));
        assertThat(kinds).containsSubsequence("REPORTED", "CLIENT_TOLD_NO_GUARANTEE", "CLIENT_AGREED_TO_ACT_NOW",
                "CLOCKS_STARTED");
    }

    @Test
    @DisplayName("R9: managers declare force majeure; the SLA timers stop, and lifting it in Tasklist moves the deadlines")
    void forceMajeure() throws Exception {
        manager("fmmanager");
        Fixture f = activeContract();
        String number = report(f.serverId(), "TROUBLESHOOTING", at(TUESDAY_10H)).json()
                .get("number").asText();
        String pid = processInstanceId(number);
        Date dueBefore = (Date) runtime.getVariable(pid, Vars.INTERVENTION_DUE);

        TestApi ops = TestApi.asAdmin(port);
        TestApi manager = TestApi.as(port, "fmmanager", "fm-manager-password");
        assertThat(TestApi.as(port, "fmops", "fm-ops-password").post("/api/incidents/" + number + "/force-majeure",
                Map.of("reason", "x")).status()).as("ops may not declare it").isEqualTo(403);
        assertThat(manager.post("/api/incidents/" + number + "/force-majeure", Map.of("reason", " ")).status())
                .isEqualTo(400);
        TestApi.Answer declared = manager.post("/api/incidents/" + number + "/force-majeure",
                Map.of("reason", "Inondation du centre de données"));
        assertThat(declared.status()).as(declared.toString()).isEqualTo(200);
        assertThat(declared.json().get("forceMajeureSince").isNull()).isFalse();
        assertThat(manager.post("/api/incidents/" + number + "/force-majeure", Map.of("reason", "encore")).status())
                .as("already declared").isEqualTo(409);
        assertThat(management.createJobQuery().processInstanceId(pid).timers().suspended().count())
                .as("the GTI and GTR timers are suspended").isEqualTo(2);

        clock.advance(java.time.Duration.ofMinutes(45)); // the suspension lasts 45 minutes
        Task lift = task(pid, Elements.LIFT_FORCE_MAJEURE);
        TestApi.Answer byOps = TestApi.as(port, "fmops", "fm-ops-password").post("/engine-rest/task/" + lift.getId()
                + "/complete", Map.of("variables", Map.of()));
        assertThat(byOps.status()).as("a managers' task is not for ops: " + byOps).isEqualTo(403);
        assertThat(byOps.body()).contains("[managers]");
        TestApi.Answer lifted = manager.post("/engine-rest/task/" + lift.getId() + "/complete", Map.of("variables",
                Map.of(Vars.FORCE_MAJEURE_NOTES, Map.of("value", "Eau évacuée"))));
        assertThat(lifted.status()).as(lifted.toString()).isEqualTo(204);
        executeJob(pid, Elements.REACTIVATE_TIMERS);

        Date dueAfter = (Date) runtime.getVariable(pid, Vars.INTERVENTION_DUE);
        // R4.3-p2, R9: 11:00 moves by the 45 minutes of the level-2 window the suspension took
        assertThat(dueBefore.toInstant()).isEqualTo(TUESDAY_11H);
        assertThat(dueAfter.toInstant()).isEqualTo(TUESDAY_11H.plusSeconds(45 * 60));
        assertThat(task(pid, Elements.TAKE_CHARGE).getDueDate()).isEqualTo(dueAfter);
        Job timer = management.createJobQuery().processInstanceId(pid).activityId(Elements.TIMER_INTERVENTION)
                .singleResult();
        assertThat(timer.isSuspended()).isFalse();
        assertThat(timer.getDuedate()).isEqualTo(dueAfter);
        JsonNode record = ops.get("/api/incidents/" + number).json();
        assertThat(record.get("forceMajeureSince").isNull()).isTrue();
        assertThat(OffsetDateTime.parse(record.at("/sla/interventionDue").asText()).toInstant()
                .truncatedTo(ChronoUnit.MILLIS)).as("the record and the process agree").isEqualTo(dueAfter.toInstant());
        List<String> kinds = new ArrayList<>();
        record.get("timeline").forEach(e -> kinds.add(e.get("kind").asText()));
        assertThat(kinds).containsSubsequence("FORCE_MAJEURE_DECLARED", "FORCE_MAJEURE_LIFTED");
    }

    private void manager(String id) {
        user(id, "fm-manager-password", OpsGroups.MANAGERS);
        user("fmops", "fm-ops-password", OpsGroups.OPS);
    }

    private void user(String id, String password, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            org.camunda.bpm.engine.identity.User user = identity.newUser(id);
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    @Test
    @DisplayName("Bad reports answer 400 naming each field; a level above the contract's and a suspended contract are refused")
    void validation() {
        TestApi.Answer empty = api.post("/api/incidents", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(RegisterApi.fields(empty)).contains("serverId", "category", "level", "summary", "source", "detectedAt");
        TestApi.Answer badDate = api.post("/api/incidents", body("serverId", 1, "category", "UPDATE", "level", 1,
                "summary", "x", "source", "y", "detectedAt", "yesterday"));
        assertThat(RegisterApi.fields(badDate)).containsExactly("detectedAt");
        TestApi.Answer badCategory = api.post("/api/incidents", body("serverId", 1, "category", "OUTAGE", "level", 1,
                "summary", "x", "source", "y", "detectedAt", at(TUESDAY_10H).toString()));
        assertThat(RegisterApi.fields(badCategory)).containsExactly("category");
        TestApi.Answer unknownServer = api.post("/api/incidents", body("serverId", 987654321, "category", "UPDATE",
                "level", 1, "summary", "x", "source", "y", "detectedAt", at(TUESDAY_10H).toString()));
        assertThat(RegisterApi.fields(unknownServer)).containsExactly("serverId");

        Fixture level1 = activeContract("PROGERANCE", 1, SSH.hostKeyFingerprint(), EmbeddedSshServer.USER, false);
        TestApi.Answer tooHigh = report(level1.serverId(), "TROUBLESHOOTING", at(TUESDAY_10H));
        assertThat(tooHigh.status()).isEqualTo(400);
        assertThat(RegisterApi.problemsText(tooHigh)).contains("R4.1");
        register.setStatus(level1.contractId(), "SUSPENDED");
        TestApi.Answer suspended = api.post("/api/incidents", body("serverId", level1.serverId(), "category", "UPDATE",
                "level", 1, "summary", "x", "source", "y", "detectedAt", at(TUESDAY_10H).toString()));
        assertThat(suspended.status()).isEqualTo(409);
        assertThat(api.get("/api/incidents/INC-1999-000001").status()).isEqualTo(404);
    }

    // ---- what a hostile ops user tries through /engine-rest (DESIGN rule 11) -----------------------

    @Test
    @DisplayName("R4.3-t3, R4.3-t4: an ops user cannot forge the client's approval: foreign variables, task variables and the message are refused; the decision stays PENDING")
    void forgedApprovalIsRefused() throws Exception {
        Fixture f = activeContract();
        String number = awaitingClientDecision(f, "DATABASE", "RESTORE_BACKUP", "Restaurer la base de la nuit", 200);
        String pid = processInstanceId(number);
        String decisionId = (String) runtime.getVariable(pid, Vars.DECISION_ID);
        Task call = task(pid, Elements.CALL_CONTACT);
        TestApi alice = TestApi.as(port, OPS, OPS_PASSWORD);

        TestApi.Answer forged = alice.post("/engine-rest/task/" + call.getId() + "/complete", Map.of("variables",
                Map.of("decisionChannel", Map.of("value", "LINK"), "decisionApproved", Map.of("value", true))));
        assertThat(forged.status()).as(forged.toString()).isEqualTo(400);
        assertThat(forged.body()).contains("decisionApproved").contains("decisionChannel").contains("[phoneOutcome]");
        TestApi.Answer variable = alice.put("/engine-rest/task/" + call.getId() + "/variables/decisionApproved",
                Map.of("value", true, "type", "Boolean"));
        assertThat(variable.status()).as(variable.toString()).isEqualTo(400);
        assertThat(variable.body()).contains("decisionApproved");
        TestApi.Answer local = alice.put("/engine-rest/task/" + call.getId() + "/localVariables/phoneOutcome",
                Map.of("value", "APPROVE"));
        assertThat(local.status()).as(local.toString()).isEqualTo(400);
        assertThat(local.body()).contains("task-local");
        TestApi.Answer message = alice.post("/engine-rest/message", Map.of("messageName", "Message_ClientDecision",
                "processInstanceId", pid, "processVariables", Map.of("decisionApproved", Map.of("value", true))));
        assertThat(message.status()).as(message.toString()).isEqualTo(403);

        assertThat(task(pid, Elements.CALL_CONTACT)).as("the call task is still open").isNotNull();
        assertThat(runtime.getVariable(pid, "decisionApproved")).isNull();
        assertThat(decisions.find(decisionId).orElseThrow().getStatus())
                .isEqualTo(fr.progerance.ops.notify.DecisionStatus.PENDING);

        // The channel itself: the phone answer logged by the authenticated ops user, on the record.
        TestApi.Answer logged = alice.post("/engine-rest/task/" + call.getId() + "/complete", Map.of("variables",
                Map.of(Vars.PHONE_OUTCOME, Map.of("value", "APPROVE"))));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(204);
        executeJob(pid, Elements.RECORD_ANSWER);
        var decision = decisions.find(decisionId).orElseThrow();
        assertThat(decision.getStatus()).isEqualTo(fr.progerance.ops.notify.DecisionStatus.APPROVED);
        assertThat(decision.getAnsweredByUser()).isEqualTo(OPS);
        assertThat(runtime.getVariable(pid, Vars.DECISION_OUTCOME)).isEqualTo("CLIENT_APPROVED");
    }

    @Test
    @DisplayName("RD-extra: a quote answer cannot be forged on the follow-up task; impactingActionsAllowed cannot be sent with any completion")
    void forgedQuoteAnswerAndRestrictionAreRefused() throws Exception {
        Fixture f = activeContract("TIERCE", 2, SSH.hostKeyFingerprint(), EmbeddedSshServer.USER, true);
        String number = report(f.serverId(), "TROUBLESHOOTING", at(TUESDAY_10H)).json().get("number").asText();
        String pid = processInstanceId(number);
        TestApi alice = TestApi.as(port, OPS, OPS_PASSWORD);

        TestApi.Answer withRestriction = alice.post("/engine-rest/task/" + task(pid, Elements.TAKE_CHARGE).getId()
                + "/complete", Map.of("variables", Map.of(Vars.CAUSE_CATEGORY, Map.of("value", "HARDWARE"),
                Vars.IMPACTING_ACTIONS_ALLOWED, Map.of("value", true))));
        assertThat(withRestriction.status()).as(withRestriction.toString()).isEqualTo(400);
        assertThat(withRestriction.body()).contains(Vars.IMPACTING_ACTIONS_ALLOWED);
        complete(task(pid, Elements.TAKE_CHARGE), Map.of(Vars.CAUSE_CATEGORY, "HARDWARE"));
        executeJob(pid, Elements.NOTIFY_HOSTER);
        complete(task(pid, Elements.COORDINATE_HOSTER), Map.of(Vars.COMPLEMENTARY_WORK_REQUESTED, true));
        executeJob(pid, Elements.CALL_QUOTE_APPROVAL);
        // RD-extra: the shared QuoteApproval, called with this incident's subject
        String quotePid = runtime.createProcessInstanceQuery().superProcessInstanceId(pid).singleResult().getId();
        executeJob(quotePid, QuoteApprovalProcess.Elements.OPEN);
        complete(task(quotePid, QuoteApprovalProcess.Elements.PREPARE), Map.of(
                QuoteApprovalProcess.Vars.DESCRIPTION, "Remplacement du disque avec l'hébergeur",
                QuoteApprovalProcess.Vars.AMOUNT, "450.00",
                QuoteApprovalProcess.Vars.WINDOW_START, "2026-03-13T09:00+01:00",
                QuoteApprovalProcess.Vars.WINDOW_END, "2026-03-13T12:00+01:00",
                QuoteApprovalProcess.Vars.VALID_UNTIL, "2026-03-12"));
        executeJob(quotePid, QuoteApprovalProcess.Elements.SEND);
        long quoteId = (Long) runtime.getVariable(quotePid, QuoteApprovalProcess.Vars.QUOTE_ID);
        String decisionId = decisionOfQuote(quoteId);

        Task followUp = task(quotePid, QuoteApprovalProcess.Elements.FOLLOW_UP);
        TestApi.Answer forged = alice.post("/engine-rest/task/" + followUp.getId() + "/complete", Map.of("variables",
                Map.of("quoteDecisionApproved", Map.of("value", true), "quoteDecisionChannel", Map.of("value", "LINK"))));
        assertThat(forged.status()).as(forged.toString()).isEqualTo(400);
        assertThat(forged.body()).contains("quoteDecisionApproved");
        TestApi.Answer callerVariable = alice.put("/engine-rest/process-instance/" + pid + "/variables/"
                + Vars.QUOTE_APPROVED, Map.of("value", true, "type", "Boolean"));
        assertThat(callerVariable.status()).as("the incident's own variables: %s", callerVariable).isEqualTo(403);
        assertThat(decisions.find(decisionId).orElseThrow().getStatus())
                .isEqualTo(fr.progerance.ops.notify.DecisionStatus.PENDING);
        assertThat(task(quotePid, QuoteApprovalProcess.Elements.FOLLOW_UP)).isNotNull();
        assertThat(runtime.getVariable(pid, Vars.QUOTE_APPROVED)).isNull();
    }

    /** The decision record of a quote, through its record (DESIGN rule 11). */
    private String decisionOfQuote(long quoteId) {
        return quoteRecords.findById(quoteId).orElseThrow().getDecisionId();
    }

    @Test
    @DisplayName("IncidentIntake's checks cannot be skipped: a direct start with a registered incident's number is refused, by business key or by variable")
    void directStartWithAnExistingNumberIsRefused() {
        Fixture f = activeContract();
        String number = report(f.serverId(), "TROUBLESHOOTING", at(TUESDAY_10H)).json().get("number").asText();
        TestApi alice = TestApi.as(port, OPS, OPS_PASSWORD);

        TestApi.Answer byKey = alice.post("/engine-rest/process-definition/key/" + IncidentHandlingProcess.KEY
                + "/start", Map.of("businessKey", number));
        assertThat(byKey.status()).as("issue 7: a refusal, not a server error: %s", byKey).isEqualTo(400);
        assertThat(byKey.json().get("message").asText()).contains("already handled");
        assertThat(byKey.body().length()).as("a short answer").isLessThan(2048);
        TestApi.Answer byVariable = alice.post("/engine-rest/process-definition/key/" + IncidentHandlingProcess.KEY
                + "/submit-form", Map.of("variables", Map.of(Vars.INCIDENT_NUMBER, Map.of("value", number))));
        assertThat(byVariable.status()).as(byVariable.toString()).isEqualTo(400);
        assertThat(byVariable.body()).contains(Vars.INCIDENT_NUMBER);
        assertThat(byVariable.body().length()).as("a short answer").isLessThan(2048);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isEqualTo(1);
    }

    // ---- remote actions run once, and failure is failure (DESIGN rules 4 and 13) ----------------------

    @Test
    @DisplayName("DESIGN rule 4: a restart retried after its job's commit failed is not sent twice")
    void restartRetriedAfterALostCommitRunsOnce() {
        String pid = remediationChosen("RESTART_SERVICE", "php8.2-fpm");
        Job run = job(pid, Elements.RUN_REMEDIATION);
        assertThatThrownBy(() -> inTransactionThatFails(() -> management.executeJob(run.getId())))
                .hasMessageContaining("commit failed");
        assertThat(SSH.executedCommands()).filteredOn(RESTART_PHP::equals).hasSize(1);
        assertThat(job(pid, Elements.RUN_REMEDIATION).getRetries()).as("the job is as it was").isEqualTo(3);

        executeJob(pid, Elements.RUN_REMEDIATION);
        assertThat(SSH.executedCommands()).filteredOn(RESTART_PHP::equals).as("not sent again").hasSize(1);
        assertThat((String) runtime.getVariable(pid, Vars.REMEDIATION_RESULT)).contains("already done");
    }

    @Test
    @DisplayName("DESIGN rule 4: a reboot retried after its job's commit failed is not sent twice (a second reboot)")
    void rebootRetriedAfterALostCommitRunsOnce() {
        SSH.respond(REBOOT, EmbeddedSshServer.CannedResponse.dropConnection());
        String pid = remediationChosen("REBOOT_SERVER", null);
        Job run = job(pid, Elements.RUN_REMEDIATION);
        assertThatThrownBy(() -> inTransactionThatFails(() -> management.executeJob(run.getId())))
                .hasMessageContaining("commit failed");
        executeJob(pid, Elements.RUN_REMEDIATION);
        executeJob(pid, Elements.RUN_REMEDIATION);
        assertThat(SSH.executedCommands()).filteredOn(REBOOT::equals).hasSize(1);
        assertThat(task(pid, Elements.CONFIRM_RESTORATION)).isNull();
        assertThat(job(pid, Elements.CHECK_SERVICE)).isNotNull();
    }

    @Test
    @DisplayName("DESIGN rule 13: a restart that exits non-zero retries on its schedule, then is a Camunda incident naming the exit status and the error")
    void nonZeroExitBecomesAnIncident() {
        SSH.respond(RESTART_PHP, 1, "", "Job for php8.2-fpm.service failed because the control process exited with error code.\n");
        String pid = remediationChosen("RESTART_SERVICE", "php8.2-fpm");
        for (int attempt = 1; attempt <= 3; attempt++) {
            Job run = job(pid, Elements.RUN_REMEDIATION);
            clock.set(run.getDuedate() == null ? clock.instant() : run.getDuedate().toInstant());
            assertThatThrownBy(() -> management.executeJob(run.getId())).hasMessageContaining("exit status 1");
        }
        Incident incident = runtime.createIncidentQuery().processInstanceId(pid).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo(Elements.RUN_REMEDIATION);
        assertThat(incident.getIncidentMessage()).contains("exit status 1").contains("Job for php8.2-fpm.service failed");
        assertThat(SSH.executedCommands()).filteredOn(RESTART_PHP::equals).hasSize(3);
        assertThat(task(pid, Elements.CONFIRM_RESTORATION)).as("nothing goes on as if it ran").isNull();
    }

    /** An incident taken in charge whose remediation ({@code action}) was chosen; its job waits. */
    private String remediationChosen(String action, String service) {
        Fixture f = activeContract();
        String number = report(f.serverId(), "TROUBLESHOOTING", at(TUESDAY_10H)).json().get("number").asText();
        String pid = processInstanceId(number);
        complete(task(pid, Elements.TAKE_CHARGE), Map.of(Vars.CAUSE_CATEGORY, "SYSTEM"));
        Map<String, Object> choice = new java.util.LinkedHashMap<>(Map.of(Vars.REMEDIATION_ACTION, action));
        if (service != null) {
            choice.put(Vars.SERVICE_NAME, service);
        }
        complete(task(pid, Elements.CHOOSE_REMEDIATION), choice);
        return pid;
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private String processInstanceId(String number) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
                .processDefinitionKey(IncidentHandlingProcess.KEY).singleResult().getId();
    }

    private Task task(String pid, String activityId) {
        return tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey(activityId).singleResult();
    }

    private Job job(String pid, String activityId) {
        Job job = management.createJobQuery().processInstanceId(pid).activityId(activityId).singleResult();
        assertThat(job).as("a job at " + activityId).isNotNull();
        return job;
    }

    private void executeJob(String pid, String activityId) {
        management.executeJob(job(pid, activityId).getId());
    }

    /**
     * An incident taken in charge whose remediation needs the client's decision: the decision
     * request has been mailed to the primary contact and ops have the call task.
     */
    private String awaitingClientDecision(Fixture f, String cause, String action, String description, int cost) {
        String number = report(f.serverId(), "TROUBLESHOOTING", at(TUESDAY_10H)).json().get("number").asText();
        String pid = processInstanceId(number);
        complete(task(pid, Elements.TAKE_CHARGE), Map.of(Vars.CAUSE_CATEGORY, cause));
        complete(task(pid, Elements.CHOOSE_REMEDIATION), Map.of(Vars.REMEDIATION_ACTION, "CLIENT_DECISION",
                Vars.DECISION_ACTION, action, Vars.DECISION_DESCRIPTION, description, Vars.ESTIMATED_COST, cost));
        executeJob(pid, Elements.ASK_CONTACT);
        return number;
    }

    /** The client's POST on the decision page, as its buttons send it. */
    private TestApi.Answer answerByLink(String tokenPath, String answer) {
        TestApi client = TestApi.anonymous(port);
        return client.send(client.request(tokenPath).setHeader("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("answer=" + answer)));
    }

    /** Starts IncidentHandling with its start form's fields, as Tasklist's "Start process" does. */
    private TestApi.Answer submitStartForm(Map<String, Object> fields) {
        Map<String, Object> typed = new java.util.LinkedHashMap<>();
        fields.forEach((k, v) -> typed.put(k, Map.of("value", v)));
        return api.post("/engine-rest/process-definition/key/" + IncidentHandlingProcess.KEY + "/submit-form",
                Map.of("variables", typed));
    }

    /** Completes a task through Camunda's REST API, as Tasklist does. */
    private void complete(Task task, Map<String, Object> variables) {
        TestApi.Answer a = completeAnswer(task, variables);
        assertThat(a.status()).as(a.toString()).isEqualTo(204);
    }

    private TestApi.Answer completeAnswer(Task task, Map<String, Object> variables) {
        Map<String, Object> typed = new java.util.LinkedHashMap<>();
        variables.forEach((k, v) -> typed.put(k, Map.of("value", v)));
        return api.post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", typed));
    }

    private static MimeMessage mailTo(String address, String subjectStart) throws Exception {
        return Mails.to(MAIL, address, subjectStart);
    }

    /** Runs {@code work} in a transaction that then fails to commit, as a lost commit would. */
    private void inTransactionThatFails(Runnable work) {
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(status -> {
            work.run();
            throw new IllegalStateException("commit failed (simulated)");
        });
    }

    private double breaches(String deadline) {
        var counter = meters.find("ops.incident.breaches").tag("deadline", deadline).tag("infrastructure", "PROGERANCE")
                .tag("level", "2").counter();
        return counter == null ? 0 : counter.count();
    }

    /** How many distinct mails (GreenMail keeps a copy per recipient) went to {@code address}. */
    private static long mailsTo(String address, String subjectStart) throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            boolean to = Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            if (to && m.getSubject().startsWith(subjectStart)) {
                ids.add(m.getMessageID());
            }
        }
        return ids.size();
    }

    /** The path and query of the approve or decline link in a decision mail. */
    private static String decisionPath(String mailBody, String answer) {
        Matcher m = Pattern.compile("https?://[^\\s]+/decisions/[^\\s?]+\\?answer=" + answer).matcher(
                mailBody);
        assertThat(m.find()).as("a %s link in %s", answer, mailBody).isTrue();
        URI uri = URI.create(m.group());
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
