package fr.progerance.ops.backup.restore;

import static fr.progerance.ops.backup.restore.RestoreProcess.Elements.*;
import static fr.progerance.ops.contract.RegisterApi.body;
import static fr.progerance.ops.contract.RegisterApi.created;
import static fr.progerance.ops.contract.RegisterApi.with;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.TestShop;
import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restore.RestoreProcess.Vars;
import fr.progerance.ops.backup.transfer.RestoreDestination;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import fr.progerance.ops.notify.Answer;
import fr.progerance.ops.notify.AnswerChannel;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.DecisionStatus;
import fr.progerance.ops.security.OpsGroups;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.value.ObjectValue;
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
 * Every path of {@code Restore} (R3.6-d, R3.6-e, R4.3-t3, RC-business, DESIGN rules 11 and 12) on
 * the real delegates, listeners, completion checks and external task handler of the running
 * application, with fakes only at the ports (restic, the transfer, the client repositories, the
 * SSH table count), the test clock, GreenMail and a loopback shop. External tasks run through the
 * application's worker ({@code drain()}); timers fire by moving the clock. Expected deadlines are
 * worked out by hand from RC-business below, not by the code under test.
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DisplayName("Restore flow on the real delegates (fakes at the ports)")
class RestoreFlowTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    static final TestShop SHOP = new TestShop();

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** The backup point: a nightly database dump, Thursday 12 March 2026 03:00 Paris. */
    private static final Instant THURSDAY_3H = paris(2026, 3, 12, 3, 0);
    private static final Instant FRIDAY_16H = paris(2026, 3, 13, 16, 0);
    /** R3.6-d, RC-business: validated Friday 16:30 -> 1 h 30 that day, 2 h 30 on Monday -> Monday 11:30. */
    private static final Instant FRIDAY_16H30 = paris(2026, 3, 13, 16, 30);
    private static final Instant MONDAY_11H30 = paris(2026, 3, 16, 11, 30);
    /** RC-holidays: Ascension Thursday 14 May 2026. Validated Wednesday 16:00 -> 2 h, then Friday 9:00 + 2 h. */
    private static final Instant WEDNESDAY_15H = paris(2026, 5, 13, 15, 0);
    private static final Instant WEDNESDAY_16H = paris(2026, 5, 13, 16, 0);
    private static final Instant FRIDAY_11H = paris(2026, 5, 15, 11, 0);

    private static final String OPS_USER = "restoreolga";
    private static final String OPS_PASSWORD = "restore-olga-password";
    private static final String MANAGERS = "direction@progerance.example";
    private static final String OPS_MAILBOX = "astreinte@progerance.example";

    @LocalServerPort
    int port;

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    FormService forms;
    @Autowired
    RepositoryService repository;
    @Autowired
    ManagementService management;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    IdentityService identity;
    @Autowired
    MovableClock clock;
    @Autowired
    RestoreTestPorts.Fakes fakes;
    @Autowired
    ExternalTaskWorker worker;
    @Autowired
    RestoreService restores;
    @Autowired
    ClientDecisions decisions;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private FakeRestic restic;
    private FakeTransfer transfer;
    private RegisterApi register;

    /** One client with its primary contact, an ACTIVE contract, a server with snapshots. */
    private record Fixture(long clientId, long serverId, String primary, String serverName, String databaseSnapshot,
            String filesSnapshot, String otherServersSnapshot) {
    }

    @BeforeEach
    void setUp() {
        restic = new FakeRestic();
        transfer = new FakeTransfer();
        fakes.restic = restic;
        fakes.transfer = transfer;
        fakes.repositories = clientId -> java.util.Optional.of(repo(clientId));
        fakes.databaseCheck = (server, database) -> 87;
        clock.set(FRIDAY_16H);
        register = new RegisterApi(port);
        BpmnAwareTests.init(engine);
        if (identity.createUserQuery().userId(OPS_USER).count() == 0) {
            var user = identity.newUser(OPS_USER);
            user.setPassword(OPS_PASSWORD);
            identity.saveUser(user);
            identity.createMembership(OPS_USER, OpsGroups.OPS);
        }
    }

    @AfterEach
    void tearDown() {
        // Instances a scenario left waiting must not feed the next scenario's worker.
        runtime.createProcessInstanceQuery().processDefinitionKey(RestoreProcess.KEY).list()
                .forEach(p -> runtime.deleteProcessInstance(p.getId(), "end of test"));
        identity.clearAuthentication();
        fakes.clear();
        clock.reset();
        BpmnAwareTests.reset();
    }

    // === the API, the signed link, the deadline met ============================================

    @Test
    @DisplayName("R3.6-d, R3.6-e: requested through the API, validated by the link Friday 16:30, due Monday 11:30; restored into mysql, checked, confirmed; the French report names the backup point and says the deadline was met")
    void apiRequestValidatedByLink() throws Exception {
        Fixture f = fixture();
        TestApi.Answer answer = ops().post("/api/servers/" + f.serverId() + "/restores",
                body("snapshotId", f.databaseSnapshot(), "reason", "Commandes effacées par un module"));
        Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        long id = answer.json().get("id").asLong();
        ProcessInstance pi = instance(answer.json().get("processInstanceId").asText());
        Assertions.assertThat(pi.getBusinessKey()).isEqualTo(String.valueOf(id));
        assertThat(pi).hasPassedInOrder(START, REGISTER, GATEWAY_POINT_CHOSEN, JOIN_POINT_KNOWN)
                .isWaitingAtExactly(REQUEST_VALIDATION);
        Assertions.assertThat(restores.get(id).getRequestedBy()).isEqualTo(OPS_USER);

        executeJob(pi, REQUEST_VALIDATION);
        assertThat(pi).isWaitingAtExactly(RECORD_WRITTEN_VALIDATION);
        ClientDecision d = decision(pi);
        Assertions.assertThat(d.getPurpose()).isEqualTo("RESTORE");
        Assertions.assertThat(d.getExpiresAt()).isEqualTo(FRIDAY_16H.plus(Duration.ofDays(7)));
        assertThat(task(pi, RECORD_WRITTEN_VALIDATION)).hasCandidateGroup(OpsGroups.OPS)
                .hasDueDate(Date.from(d.getExpiresAt()));
        MimeMessage asked = Mails.to(MAIL, f.primary(), "RST-" + id + " : Votre décision est requise");
        String text = Mails.text(asked);
        Assertions.assertThat(text).contains("Validez-vous la restauration de la base de données du serveur "
                + f.serverName() + " à partir de la sauvegarde du jeudi 12 mars 2026 à 03h00")
                .contains("Point de sauvegarde : jeudi 12 mars 2026 à 03h00").contains("4 heures ouvrées")
                .contains("/decisions/");

        clock.set(FRIDAY_16H30);
        Assertions.assertThat(decisions.answer(token(d), Answer.APPROVE, "203.0.113.7").result())
                .isEqualTo(fr.progerance.ops.notify.Outcome.Result.APPROVED);
        assertThat(pi).hasPassed(MESSAGE_ANSWERED_BY_LINK).isWaitingAtExactly(RECORD_VALIDATION);
        executeJob(pi, RECORD_VALIDATION);
        RestoreRequest r = restores.get(id);
        Assertions.assertThat(r.getValidatedAt()).isEqualTo(FRIDAY_16H30);
        Assertions.assertThat(r.getValidationChannel()).isEqualTo(RestoreRequest.ValidationChannel.LINK);
        Assertions.assertThat(r.getDueAt()).as("R3.6-d: Friday 16:30 + 4 business hours").isEqualTo(MONDAY_11H30);
        assertThat(pi).hasPassed(GATEWAY_VALIDATED, WORK_START).isWaitingAt(RUN_RESTORE);
        Assertions.assertThat(timer(pi, TIMER_DEADLINE).getDuedate()).isEqualTo(Date.from(MONDAY_11H30));

        clock.set(FRIDAY_16H30.plus(Duration.ofMinutes(3)));
        Assertions.assertThat(worker.drain()).isEqualTo(1);
        Assertions.assertThat(transfer.restores).singleElement().satisfies(x -> {
            Assertions.assertThat(x.snapshotId()).isEqualTo(f.databaseSnapshot());
            Assertions.assertThat(x.destination()).isEqualTo(new RestoreDestination(BackupKind.DATABASE, "prestashop"));
            Assertions.assertThat(x.repository()).isEqualTo(repo(f.clientId()));
        });
        clock.set(FRIDAY_16H30.plus(Duration.ofMinutes(50)));
        executeJob(pi, CHECK);
        assertThat(pi).hasPassed(GATEWAY_HEALTHY).isWaitingAt(CONFIRM);
        assertThat(task(pi, CONFIRM)).hasCandidateGroup(OpsGroups.OPS).hasDueDate(Date.from(MONDAY_11H30));
        r = restores.get(id);
        Assertions.assertThat(r.getStartedAt()).isEqualTo(FRIDAY_16H30.plus(Duration.ofMinutes(3)));
        Assertions.assertThat(r.getFinishedAt()).isEqualTo(FRIDAY_16H30.plus(Duration.ofMinutes(50)));
        Assertions.assertThat(r.getDeadlineMet()).isTrue();
        Assertions.assertThat(r.getTableCount()).isEqualTo(87);

        Assertions.assertThatThrownBy(() -> complete(pi, CONFIRM, Vars.SHOP_CHECKED, false))
                .isInstanceOf(FormRefusal.class).hasMessageContaining(Vars.SHOP_CHECKED);
        complete(pi, CONFIRM, Vars.SHOP_CHECKED, true, Vars.REMARKS, "Commandes du 11 mars visibles");
        assertThat(pi).hasPassed(WORK_END).isWaitingAtExactly(SEND_REPORT);
        executeJob(pi, SEND_REPORT);
        assertThat(pi).hasPassed(END_RESTORED).isEnded();
        String report = Mails.text(Mails.to(MAIL, f.primary(), "RST-" + id + " : restauration de votre serveur"));
        Assertions.assertThat(report)
                .contains("Point de sauvegarde utilisé : jeudi 12 mars 2026 à 03h00 (heure de Paris")
                .contains("Validée par vous le : vendredi 13 mars 2026 à 16h30 (lien de validation)")
                .contains("Restauration commencée le : vendredi 13 mars 2026 à 16h33")
                .contains("Restauration terminée le : vendredi 13 mars 2026 à 17h20")
                .contains("lundi 16 mars 2026 à 11h30 — respecté")
                .contains("ne relèvent pas de notre responsabilité");
        r = restores.get(id);
        Assertions.assertThat(r.getStatus()).isEqualTo(RestoreStatus.RESTORED);
        Assertions.assertThat(r.getConfirmedBy()).isEqualTo(OPS_USER);
        Assertions.assertThat(r.getReportedAt()).isNotNull();
        TestApi.Answer view = ops().get("/api/restores/" + id);
        Assertions.assertThat(view.json().get("deadlineMet").asBoolean()).isTrue();
        Assertions.assertThat(view.json().get("validationChannel").asText()).isEqualTo("LINK");
    }

    @Test
    @DisplayName("POST /api/servers/{id}/restores: 400 naming the field, 404 for an unknown server or a snapshot that is not the server's")
    void apiRefusals() {
        Fixture f = fixture();
        TestApi api = ops();
        TestApi.Answer empty = api.post("/api/servers/" + f.serverId() + "/restores", Map.of());
        Assertions.assertThat(empty.status()).isEqualTo(400);
        Assertions.assertThat(RegisterApi.fields(empty)).contains("snapshotId", "reason");
        TestApi.Answer badId = api.post("/api/servers/" + f.serverId() + "/restores",
                body("snapshotId", "../../etc", "reason", "x"));
        Assertions.assertThat(RegisterApi.fields(badId)).containsExactly("snapshotId");
        Assertions.assertThat(api.post("/api/servers/987654321/restores", body("snapshotId", f.databaseSnapshot(),
                "reason", "x")).status()).isEqualTo(404);
        TestApi.Answer other = api.post("/api/servers/" + f.serverId() + "/restores",
                body("snapshotId", f.otherServersSnapshot(), "reason", "x"));
        Assertions.assertThat(other.status()).as("R3.6-e: another server's snapshot").isEqualTo(404);
        Assertions.assertThat(api.get("/api/restores/987654321").status()).isEqualTo(404);
    }

    // === Tasklist, the written validation, a holiday, a failed check, the deadline passed =======

    @Test
    @DisplayName("R4.3-t3, RC-holidays: started from Tasklist, the backup point chosen among the server's (another's is refused), validated in writing by ops Wednesday 16:00 before Ascension: due Friday 11:00; a failed check goes to repair; the deadline passes, managers are told, the work goes on; the report says it was missed")
    void tasklistWrittenValidationHolidayRepairAndEscalation() throws Exception {
        clock.set(WEDNESDAY_15H);
        Fixture f = fixture();
        ProcessInstance pi = startFromTasklist(f.serverId(), "Fichiers corrompus après une mise à jour de thème");
        assertThat(pi).hasPassed(REGISTER, GATEWAY_POINT_CHOSEN).isWaitingAtExactly(LIST_BACKUP_POINTS);
        long id = Long.parseLong(pi.getBusinessKey());
        Assertions.assertThat(restores.get(id).getRequestedBy()).isEqualTo(OPS_USER);
        executeJob(pi, LIST_BACKUP_POINTS);
        ObjectValue options = runtime.getVariableTyped(pi.getId(), Vars.BACKUP_POINT_OPTIONS, false);
        Assertions.assertThat(options.getSerializationDataFormat()).isEqualTo("application/json");
        Assertions.assertThat(options.getValueSerialized()).contains("\"value\":\"" + f.filesSnapshot() + "\"")
                .contains("2026-03-12 03:00 (Europe/Paris), database").doesNotContain(f.otherServersSnapshot());
        assertThat(task(pi, CHOOSE_BACKUP_POINT)).hasCandidateGroup(OpsGroups.OPS)
                .hasDueDate(Date.from(WEDNESDAY_15H.plus(Duration.ofHours(2))));

        Assertions.assertThatThrownBy(() -> complete(pi, CHOOSE_BACKUP_POINT, Vars.SNAPSHOT_ID, f.otherServersSnapshot()))
                .as("R3.6-e: another server's snapshot").isInstanceOf(FormRefusal.class)
                .hasMessageContaining("is not a backup point of server " + f.serverName());
        complete(pi, CHOOSE_BACKUP_POINT, Vars.SNAPSHOT_ID, f.filesSnapshot());
        Assertions.assertThat(restores.get(id).getKind()).isEqualTo(BackupKind.FILES);
        executeJob(pi, REQUEST_VALIDATION);
        ClientDecision d = decision(pi);

        clock.set(WEDNESDAY_16H);
        Assertions.assertThatThrownBy(() -> complete(pi, RECORD_WRITTEN_VALIDATION, Vars.WRITTEN_ANSWER, "APPROVE"))
                .isInstanceOf(FormRefusal.class).hasMessageContaining(Vars.WRITTEN_REFERENCE);
        complete(pi, RECORD_WRITTEN_VALIDATION, Vars.WRITTEN_ANSWER, "APPROVE", Vars.WRITTEN_REFERENCE,
                "courriel du 13/05/2026 15:52 de jean.dupont@client.example");
        ClientDecision written = decisions.find(d.getId()).orElseThrow();
        Assertions.assertThat(written.getStatus()).isEqualTo(DecisionStatus.APPROVED);
        Assertions.assertThat(written.getAnswerChannel()).isEqualTo(AnswerChannel.WRITTEN);
        Assertions.assertThat(written.getAnsweredByUser()).isEqualTo(OPS_USER);
        executeJob(pi, RECORD_VALIDATION);
        RestoreRequest r = restores.get(id);
        Assertions.assertThat(r.getValidationChannel()).isEqualTo(RestoreRequest.ValidationChannel.WRITTEN);
        Assertions.assertThat(r.getValidationRecordedBy()).isEqualTo(OPS_USER);
        Assertions.assertThat(r.getValidationReference()).startsWith("courriel du 13/05/2026");
        Assertions.assertThat(r.getDueAt()).as("R3.6-d across Ascension Thursday").isEqualTo(FRIDAY_11H);

        worker.drain();
        Assertions.assertThat(transfer.restores).singleElement().extracting(FakeTransfer.Restore::destination)
                .isEqualTo(new RestoreDestination(BackupKind.FILES, "/var/www/prestashop"));
        SHOP.answer(503);
        executeJob(pi, CHECK);
        assertThat(pi).isWaitingAt(REPAIR);
        assertThat(task(pi, REPAIR)).hasDueDate(Date.from(FRIDAY_11H));
        Assertions.assertThat(restores.get(id).getFailure()).contains("HTTP 503");
        Assertions.assertThat(restores.get(id).getFinishedAt()).isNull();

        Job deadline = timer(pi, TIMER_DEADLINE);
        clock.set(FRIDAY_11H.plusSeconds(60));
        management.executeJob(deadline.getId());
        executeJob(pi, ESCALATE);
        assertThat(pi).hasPassed(END_ESCALATED).isWaitingAt(REPAIR);
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).timers().count())
                .as("the deadline fired once").isZero();
        String escalation = Mails.text(Mails.to(MAIL, MANAGERS, "ESCALADE RST-" + id));
        Assertions.assertThat(escalation).contains("dépassé depuis le vendredi 15 mai 2026 à 11h00")
                .contains("Le travail continue");

        SHOP.answer(200);
        complete(pi, REPAIR, Vars.REPAIR_NOTES, "Cache de la boutique vidé");
        executeJob(pi, CHECK);
        complete(pi, CONFIRM, Vars.SHOP_CHECKED, true);
        executeJob(pi, SEND_REPORT);
        assertThat(pi).isEnded();
        r = restores.get(id);
        Assertions.assertThat(r.getDeadlineMet()).as("finished 11:01, due 11:00").isFalse();
        String report = Mails.text(Mails.to(MAIL, f.primary(), "RST-" + id + " : restauration"));
        Assertions.assertThat(report).contains("les fichiers de la boutique")
                .contains("validation écrite : courriel du 13/05/2026 15:52").contains("— dépassé");
    }

    // === declined, reminders and expiry =========================================================

    @Test
    @DisplayName("R3.6-d: the client declines by the link: the request closes DECLINED, nothing is restored, ops are told")
    void declined() throws Exception {
        Fixture f = fixture();
        ProcessInstance pi = requestByApi(f);
        executeJob(pi, REQUEST_VALIDATION);
        decisions.answer(token(decision(pi)), Answer.DECLINE, "203.0.113.8");
        executeJob(pi, RECORD_VALIDATION);
        assertThat(pi).hasPassed(END_DECLINED).isEnded();
        long id = Long.parseLong(pi.getBusinessKey());
        Assertions.assertThat(restores.get(id).getStatus()).isEqualTo(RestoreStatus.DECLINED);
        Assertions.assertThat(transfer.restores).isEmpty();
        Assertions.assertThat(Mails.text(Mails.to(MAIL, OPS_MAILBOX, "RST-" + id + " : demande de restauration close")))
                .contains("le client a refusé la restauration");
    }

    @Test
    @DisplayName("DESIGN rule 12: the client is reminded every 24 h, then the request expires after 7 days: EXPIRED, link closed, ops told")
    void remindersThenExpiry() throws Exception {
        Fixture f = fixture();
        ProcessInstance pi = requestByApi(f);
        executeJob(pi, REQUEST_VALIDATION);
        ClientDecision d = decision(pi);
        long id = Long.parseLong(pi.getBusinessKey());
        Job reminder = timer(pi, TIMER_REMINDER);
        Assertions.assertThat(reminder.getDuedate()).isEqualTo(Date.from(FRIDAY_16H.plus(Duration.ofHours(24))));
        clock.set(FRIDAY_16H.plus(Duration.ofHours(24)).plusSeconds(1));
        management.executeJob(reminder.getId());
        executeJob(pi, REMIND);
        assertThat(pi).hasPassed(END_REMINDED).isWaitingAt(RECORD_WRITTEN_VALIDATION);
        Mails.to(MAIL, f.primary(), "RST-" + id + " : Votre décision est requise");
        Assertions.assertThat(java.util.Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Mails.text(m).contains("Nous attendons toujours votre décision");
            } catch (Exception e) {
                return false;
            }
        }).count()).isEqualTo(1);

        Job expiry = timer(pi, TIMER_EXPIRED);
        Assertions.assertThat(expiry.getDuedate()).isEqualTo(Date.from(d.getExpiresAt()));
        clock.set(d.getExpiresAt().plusSeconds(1));
        management.executeJob(expiry.getId());
        executeJob(pi, CLOSE_EXPIRED);
        assertThat(pi).hasPassed(END_EXPIRED).isEnded();
        Assertions.assertThat(restores.get(id).getStatus()).isEqualTo(RestoreStatus.EXPIRED);
        Assertions.assertThat(decisions.find(d.getId()).orElseThrow().getStatus()).isEqualTo(DecisionStatus.EXPIRED);
        Assertions.assertThat(Mails.text(Mails.to(MAIL, OPS_MAILBOX, "RST-" + id + " : demande de restauration close")))
                .contains("ne l’a pas validée à temps");
        Assertions.assertThat(transfer.restores).isEmpty();
    }

    // === failure ==================================================================================

    @Test
    @DisplayName("DESIGN rule 13: a failing restore stream retries with retries - 1, then raises an incident and mails ops")
    void restoreFailureRetriesThenIncident() throws Exception {
        Fixture f = fixture();
        ProcessInstance pi = validatedByLink(f);
        long id = Long.parseLong(pi.getBusinessKey());
        transfer.failures.set(3);
        worker.drain();
        ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(task.getRetries()).isEqualTo(2);
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        worker.drain();
        Assertions.assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult()
                .getRetries()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        worker.drain();
        Assertions.assertThat(externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult()
                .getRetries()).isZero();
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult()
                .getIncidentMessage()).contains("Lost connection");
        Assertions.assertThat(transfer.restores).hasSize(3);
        Assertions.assertThat(restores.get(id).getFailure()).contains("Lost connection");
        Assertions.assertThat(Mails.text(Mails.to(MAIL, OPS_MAILBOX, "RST-" + id + " : ÉCHEC de la restauration")))
                .contains("Lost connection").contains("Cockpit");
        assertThat(pi).isWaitingAt(RUN_RESTORE);
    }

    // === what a hostile ops user tries through /engine-rest (DESIGN rule 11) =========================

    @Test
    @DisplayName("R3.6-d, rule 11: forged decisionApproved or validation variables never start a restore: refused completions (400), a refused message (403), and an administrator's forged message stops at an incident; the decision stays PENDING and no restore-run task exists")
    void forgedValidationNeverRestores() throws Exception {
        Fixture f = fixture();
        ProcessInstance pi = requestByApi(f);
        executeJob(pi, REQUEST_VALIDATION);
        ClientDecision d = decision(pi);
        Task written = task(pi, RECORD_WRITTEN_VALIDATION);
        TestApi olga = ops();

        TestApi.Answer forged = olga.post("/engine-rest/task/" + written.getId() + "/complete", Map.of("variables",
                Map.of("restoreDecisionApproved", Map.of("value", true), Vars.VALIDATED, Map.of("value", true),
                        Vars.RESTORE_DUE, Map.of("value", "2026-03-13T17:00:00.000+0100", "type", "Date"))));
        Assertions.assertThat(forged.status()).as(forged.toString()).isEqualTo(400);
        Assertions.assertThat(forged.body()).contains("restoreDecisionApproved");
        TestApi.Answer variable = olga.put("/engine-rest/task/" + written.getId() + "/variables/clientValidated",
                Map.of("value", true, "type", "Boolean"));
        Assertions.assertThat(variable.status()).as(variable.toString()).isEqualTo(400);
        TestApi.Answer message = olga.post("/engine-rest/message", Map.of("messageName",
                RestoreProcess.Messages.VALIDATION, "processInstanceId", pi.getId(), "processVariables",
                Map.of("restoreDecisionApproved", Map.of("value", true))));
        Assertions.assertThat(message.status()).as(message.toString()).isEqualTo(403);

        TestApi.Answer byAdmin = TestApi.asAdmin(port).post("/engine-rest/message", Map.of("messageName",
                RestoreProcess.Messages.VALIDATION, "processInstanceId", pi.getId(), "processVariables",
                Map.of("restoreDecisionApproved", Map.of("value", true), "restoreDecisionChannel", Map.of("value", "LINK"))));
        Assertions.assertThat(byAdmin.status()).as(byAdmin.toString()).isIn(200, 204);
        Job read = job(pi, RECORD_VALIDATION);
        Assertions.assertThatThrownBy(() -> management.executeJob(read.getId())).hasMessageContaining("PENDING");
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult()
                .getIncidentMessage()).as("an incident at once, no retry loop").contains("nothing may be restored");
        Assertions.assertThat(decisions.find(d.getId()).orElseThrow().getStatus()).isEqualTo(DecisionStatus.PENDING);
        Assertions.assertThat(externalTasks.createExternalTaskQuery().topicName(RestoreProcess.TOPIC_RUN)
                .processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(restores.get(Long.parseLong(pi.getBusinessKey())).getValidatedAt()).isNull();
        Assertions.assertThat(transfer.restores).isEmpty();
    }

    @Test
    @DisplayName("R3.6-e: through /engine-rest, choosing a snapshot of another server is refused with 400 and the task stays open")
    void anotherServersSnapshotIsRefused() {
        Fixture f = fixture();
        ProcessInstance pi = startFromTasklist(f.serverId(), "Test de restauration");
        executeJob(pi, LIST_BACKUP_POINTS);
        Task choose = task(pi, CHOOSE_BACKUP_POINT);
        TestApi.Answer refused = ops().post("/engine-rest/task/" + choose.getId() + "/complete", Map.of("variables",
                Map.of(Vars.SNAPSHOT_ID, Map.of("value", f.otherServersSnapshot()))));
        Assertions.assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        Assertions.assertThat(refused.body()).contains("is not a backup point");
        Assertions.assertThat(task(pi, CHOOSE_BACKUP_POINT)).isNotNull();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Fixture fixture() {
        TestApi api = register.api;
        long clientId = register.createClient();
        String tag = RegisterApi.unique("r").replace("-", "");
        String primary = "primaire." + tag + "@client.example";
        register.createContact(clientId, "PRIMARY", "email", primary, "mayAuthorise", true);
        register.createContact(clientId, "ON_CALL", "email", "astreinte." + tag + "@client.example", "mayAuthorise", true);
        long contractId = created(api.post("/api/contracts", with(RegisterApi.contractBody(clientId),
                "databaseConnectionQuota", 100)));
        Map<String, Object> server = with(RegisterApi.serverBody(contractId, "PROGERANCE"), "prestashopUrl", SHOP.url());
        long serverId = created(api.post("/api/servers", server));
        TestApi.Answer activated = register.setStatus(contractId, "ACTIVE");
        Assertions.assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        String serverName = (String) server.get("name");
        ResticRepository repository = repo(clientId);
        String database = snapshotId();
        restic.add(repository, database, THURSDAY_3H, List.of("server=" + serverId, "kind=database"), "/prestashop.sql",
                new byte[0]);
        String files = snapshotId();
        restic.add(repository, files, THURSDAY_3H.minus(Duration.ofDays(3)), List.of("server=" + serverId, "kind=files"),
                "/files.tar", new byte[0]);
        String other = snapshotId();
        restic.add(repository, other, THURSDAY_3H, List.of("server=" + (serverId + 100000), "kind=database"),
                "/other.sql", new byte[0]);
        return new Fixture(clientId, serverId, primary, serverName, database, files, other);
    }

    private static ResticRepository repo(long clientId) {
        return new ResticRepository(Path.of("/srv/restic/client-" + clientId), Path.of("/srv/restic/client-" + clientId
                + ".password"));
    }

    private static String snapshotId() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private TestApi ops() {
        return TestApi.as(port, OPS_USER, OPS_PASSWORD);
    }

    private ProcessInstance requestByApi(Fixture f) {
        TestApi.Answer a = ops().post("/api/servers/" + f.serverId() + "/restores",
                body("snapshotId", f.databaseSnapshot().substring(0, 8), "reason", "Base endommagée"));
        Assertions.assertThat(a.status()).as(a.toString()).isEqualTo(201);
        return instance(a.json().get("processInstanceId").asText());
    }

    private ProcessInstance validatedByLink(Fixture f) {
        ProcessInstance pi = requestByApi(f);
        executeJob(pi, REQUEST_VALIDATION);
        decisions.answer(token(decision(pi)), Answer.APPROVE, "203.0.113.9");
        executeJob(pi, RECORD_VALIDATION);
        return pi;
    }

    private ProcessInstance startFromTasklist(long serverId, String reason) {
        identity.setAuthentication(OPS_USER, List.of(OpsGroups.OPS));
        try {
            String definition = repository.createProcessDefinitionQuery().processDefinitionKey(RestoreProcess.KEY)
                    .latestVersion().singleResult().getId();
            Map<String, Object> form = new LinkedHashMap<>();
            form.put(Vars.SERVER_ID, serverId);
            form.put(Vars.REASON, reason);
            return forms.submitStartForm(definition, form);
        } finally {
            identity.clearAuthentication();
        }
    }

    private ProcessInstance instance(String id) {
        return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private Task task(ProcessInstance pi, String key) {
        return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
    }

    private void complete(ProcessInstance pi, String key, Object... variables) {
        Task task = task(pi, key);
        Assertions.assertThat(task).as("task %s", key).isNotNull();
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            map.put((String) variables[i], variables[i + 1]);
        }
        identity.setAuthentication(OPS_USER, List.of(OpsGroups.OPS));
        try {
            tasks.complete(task.getId(), map);
        } finally {
            identity.clearAuthentication();
        }
    }

    private Job job(ProcessInstance pi, String activityId) {
        Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
        Assertions.assertThat(job).as("a job at %s", activityId).isNotNull();
        return job;
    }

    private Job timer(ProcessInstance pi, String activityId) {
        Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).timers()
                .singleResult();
        Assertions.assertThat(job).as("a timer at %s", activityId).isNotNull();
        return job;
    }

    private void executeJob(ProcessInstance pi, String activityId) {
        management.executeJob(job(pi, activityId).getId());
    }

    private ClientDecision decision(ProcessInstance pi) {
        return decisions.find((String) runtime.getVariable(pi.getId(), Vars.DECISION_ID)).orElseThrow();
    }

    private String token(ClientDecision d) {
        String page = decisions.links(d).page();
        return URLDecoder.decode(URI.create(page).getRawPath().substring("/decisions/".length()), StandardCharsets.UTF_8);
    }

    private static Instant paris(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, PARIS).toInstant();
    }
}
