package fr.progerance.ops.incident.flow;

import static fr.progerance.ops.incident.IncidentHandlingProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestPeers;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.TestShop;
import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.calendar.SlaRule;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.incident.ForceMajeureDeclaration;
import fr.progerance.ops.incident.Incident;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess;
import fr.progerance.ops.incident.IncidentHandlingProcess.DecisionOutcome;
import fr.progerance.ops.incident.IncidentHandlingProcess.PhoneOutcome;
import fr.progerance.ops.incident.IncidentHandlingProcess.RemediationAction;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentIntake;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.NewReport;
import fr.progerance.ops.monitoring.detect.RecoveryCorrelator;
import fr.progerance.ops.notify.Answer;
import fr.progerance.ops.notify.AnswerChannel;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.DecisionStatus;
import fr.progerance.ops.quote.QuoteApprovalProcess;
import fr.progerance.ops.quote.QuoteRepository;
import fr.progerance.ops.quote.QuoteStatus;
import fr.progerance.ops.quote.QuoteView;
import fr.progerance.ops.quote.Quotes;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.ScriptedRemote;
import fr.progerance.ops.security.OpsGroups;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
 * Every path of {@code IncidentHandling} (R4.1, R4.2, R4.3-*, R3.5, RD-extra, R9) on the real
 * delegates, listeners and services of the running application, with fakes only at the ports
 * (DESIGN rule 10): a scripted remote executor, the test clock, GreenMail for SMTP and a loopback
 * HTTP server for the shop. Each scenario says what happens at each wait state, moves the clock to
 * fire timers, and reads the records. Expected deadlines come from the contract's tables below,
 * not from the code under test. The coverage gate asserts 100 % of the model's flow nodes and
 * sequence flows (report under {@code target/process-test-coverage/}).
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DisplayName("IncidentHandling flow on the real delegates (fakes at the ports)")
class IncidentHandlingFlowTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    // The contract's deadlines for the instants of these scenarios (R4.3-*, RC-business), by hand.
    /** RD-extra: the end of the incident quote's validity day (24 March), Paris time. */
    private static final Instant QUOTE_EXPIRY = paris(2026, 3, 25, 0, 0);
    /** RC-business: a Tuesday inside business hours. */
    private static final Instant TUESDAY_10H = paris(2026, 3, 10, 10, 0);
    /** R4.3-p1 on a business day: GTI 10 min, GTR = GTI + 30 min. */
    private static final Instant TUESDAY_10H10 = paris(2026, 3, 10, 10, 10);
    private static final Instant TUESDAY_10H40 = paris(2026, 3, 10, 10, 40);
    /** R4.3-t1: GTI 15 min from detection. */
    private static final Instant TUESDAY_10H15 = paris(2026, 3, 10, 10, 15);
    /** Outside business hours (R4.3-t2), and the next opening. */
    private static final Instant SATURDAY_22H = paris(2026, 3, 14, 22, 0);
    private static final Instant MONDAY_9H = paris(2026, 3, 16, 9, 0);
    private static final Instant MONDAY_9H15 = paris(2026, 3, 16, 9, 15);

    private static final String OPS_USER = "flow-alice";
    private static final String MANAGER = "flow-marc";

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
    FormService forms;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;
    @Autowired
    MovableClock clock;
    @Autowired
    TestPeers.SwitchableRemote remote;
    @Autowired
    IncidentIntake intake;
    @Autowired
    IncidentService incidents;
    @Autowired
    ClientDecisions decisions;
    @Autowired
    ForceMajeureDeclaration forceMajeure;
    @Autowired
    fr.progerance.ops.incident.IncidentSettings settings;
    @Autowired
    Quotes quotes;
    @Autowired
    QuoteRepository quoteRecords;
    @Autowired
    RecoveryCorrelator monitoringRecovery;

    private ScriptedRemote server;
    private RegisterApi register;

    @BeforeEach
    void setUp() {
        server = new ScriptedRemote();
        remote.use(server);
        clock.set(TUESDAY_10H);
        register = new RegisterApi(port);
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void tearDown() {
        identity.clearAuthentication();
        remote.useReal();
        clock.reset();
        BpmnAwareTests.reset();
    }

    // === R4.3-p1: PROGERANCE ==================================================================

    @Test
    @DisplayName("R4.3-p1 PROGERANCE N1: clocks from the tables, diagnosis, take charge within the GTI, restart once, check, restored, report")
    void progeranceHappyPath() throws Exception {
        IncidentFlowFixture f = fixture(new IncidentFlowFixture.Spec());
        ProcessInstance pi = report(f, TUESDAY_10H);

        assertThat(pi).isStarted().hasPassedInOrder(START, REGISTER, GATEWAY_DUPLICATE, GATEWAY_OUT_OF_HOURS,
                JOIN_CLOCKS, START_CLOCKS, SPLIT_WORK, GATEWAY_GTR)
                .hasPassed(GATEWAY_CLOCKS_HELD, END_CLOCKS_RUNNING)
                .isWaitingAtExactly(DIAGNOSE, TIMER_RESTORATION, TAKE_CHARGE);
        assertThat(pi).variables().containsEntry(Vars.SLA_RULE, SlaRule.PROGERANCE_N1);
        assertDue(pi, TUESDAY_10H10, TUESDAY_10H40);
        assertThat(task(pi, TAKE_CHARGE)).hasCandidateGroup(OpsGroups.OPS).hasDueDate(Date.from(TUESDAY_10H10));

        executeJob(pi, DIAGNOSE);
        assertThat(pi).hasPassed(END_DIAGNOSIS).isWaitingAtExactly(TIMER_RESTORATION, TAKE_CHARGE);
        Assertions.assertThat((String) runtime.getVariable(pi.getId(), Vars.DIAGNOSIS)).contains("php8.2-fpm");

        clock.advance(Duration.ofMinutes(4));
        takeCharge(pi, CauseCategory.SYSTEM);
        assertThat(pi).hasNotPassed(ESCALATE_INTERVENTION).isWaitingAtExactly(TIMER_RESTORATION, CHOOSE_REMEDIATION);
        assertThat(task(pi, CHOOSE_REMEDIATION)).hasDueDate(Date.from(TUESDAY_10H40));

        complete(pi, CHOOSE_REMEDIATION, Vars.REMEDIATION_ACTION, RemediationAction.RESTART_SERVICE.name(),
                Vars.SERVICE_NAME, "php8.2-fpm");
        executeJob(pi, RUN_REMEDIATION);
        executeJob(pi, RUN_REMEDIATION); // the save point after it
        Assertions.assertThat(server.sent()).contains(new ScriptedRemote.Sent(CommandTemplate.RESTART_SERVICE,
                List.of("php8.2-fpm")));
        Assertions.assertThat(server.count(CommandTemplate.RESTART_SERVICE)).isEqualTo(1);
        executeJob(pi, CHECK_SERVICE);
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CONFIRM_RESTORATION);
        assertThat(pi).variables().containsEntry(Vars.SERVICE_ANSWERS, true);

        clock.advance(Duration.ofMinutes(10));
        complete(pi, CONFIRM_RESTORATION, Vars.RESTORED, true, Vars.RESTORATION_NOTES, "PHP relancé");
        assertThat(pi).hasPassed(GATEWAY_RESTORED, CLOSE).isWaitingAtExactly(TIMER_RESTORATION, SEND_REPORT);
        executeJob(pi, SEND_REPORT);
        assertThat(pi).hasPassed(END_CLOSED).isEnded();

        Incident record = record(pi);
        Assertions.assertThat(record.getTakenInChargeBy()).isEqualTo(OPS_USER);
        Assertions.assertThat(record.getRestoredBy()).isEqualTo(OPS_USER);
        Assertions.assertThat(record.getRestoredAt()).isEqualTo(TUESDAY_10H.plus(Duration.ofMinutes(14)));
        Assertions.assertThat(record.isInterventionBreached()).isFalse();
        Assertions.assertThat(record.isRestorationBreached()).isFalse();
        Assertions.assertThat(Mails.text(mailTo(f.primaryEmail(), record.getNumber() + " : rapport d'incident")))
                .contains("Chronologie");
    }

    @Test
    @DisplayName("R4.3-p1 GTI breach: the intervention deadline passes before take charge; escalated once; the task stays")
    void interventionBreach() throws Exception {
        ProcessInstance pi = report(fixture(new IncidentFlowFixture.Spec()), TUESDAY_10H);
        fireTimer(pi, TIMER_INTERVENTION, TUESDAY_10H10);
        assertThat(pi).isWaitingAtExactly(DIAGNOSE, TIMER_RESTORATION, TAKE_CHARGE, ESCALATE_INTERVENTION);
        executeJob(pi, ESCALATE_INTERVENTION);
        assertThat(pi).hasPassed(END_INTERVENTION_ESCALATED).isWaitingAtExactly(DIAGNOSE, TIMER_RESTORATION, TAKE_CHARGE);
        Assertions.assertThat(record(pi).isInterventionBreached()).isTrue();
        mailTo(settings.getOnCallOpsAddress(), "ESCALADE " + record(pi).getNumber());

        clock.advance(Duration.ofMinutes(5));
        takeCharge(pi, CauseCategory.APPLICATION);
        assertThat(pi).isWaitingAtExactly(DIAGNOSE, TIMER_RESTORATION, CHOOSE_REMEDIATION);
    }

    @Test
    @DisplayName("R4.3-p1 GTR breach during a reboot: escalated; the reboot is sent once and the connection drop is its end")
    void restorationBreachDuringReboot() throws Exception {
        ProcessInstance pi = takenInCharge(new IncidentFlowFixture.Spec(), CauseCategory.SYSTEM);
        complete(pi, CHOOSE_REMEDIATION, Vars.REMEDIATION_ACTION, RemediationAction.REBOOT_SERVER.name());
        fireTimer(pi, TIMER_RESTORATION, TUESDAY_10H40);
        executeJob(pi, ESCALATE_RESTORATION);
        assertThat(pi).hasPassed(END_RESTORATION_ESCALATED).isWaitingAtExactly(RUN_REMEDIATION);
        Assertions.assertThat(record(pi).isRestorationBreached()).isTrue();

        executeJob(pi, RUN_REMEDIATION);
        executeJob(pi, RUN_REMEDIATION);
        Assertions.assertThat(server.count(CommandTemplate.REBOOT)).isEqualTo(1);
        Assertions.assertThat((String) runtime.getVariable(pi.getId(), Vars.REMEDIATION_RESULT))
                .contains("REBOOT_SERVER").contains("connection closed by the server");
        checkConfirmAndClose(pi);
    }

    @Test
    @DisplayName("DESIGN rule 13: a restart that exits non-zero fails the job, retries on its schedule, then raises a Camunda incident")
    void failedRestartBecomesAnIncident() {
        ProcessInstance pi = takenInCharge(new IncidentFlowFixture.Spec(), CauseCategory.SYSTEM);
        server.answer(CommandTemplate.RESTART_SERVICE, 1, "");
        complete(pi, CHOOSE_REMEDIATION, Vars.REMEDIATION_ACTION, RemediationAction.RESTART_SERVICE.name(),
                Vars.SERVICE_NAME, "nginx");
        for (int retriesLeft = 2; retriesLeft >= 0; retriesLeft--) {
            Job job = job(pi, RUN_REMEDIATION);
            Assertions.assertThatThrownBy(() -> management.executeJob(job.getId()))
                    .hasMessageContaining("exit status 1");
            Assertions.assertThat(job(pi, RUN_REMEDIATION).getRetries()).isEqualTo(retriesLeft);
            clock.advance(Duration.ofMinutes(1));
        }
        var incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(incident.getActivityId()).isEqualTo(RUN_REMEDIATION);
        Assertions.assertThat(incident.getIncidentMessage()).contains("RESTART_SERVICE").contains("nginx")
                .contains("exit status 1").contains("Job failed");
        Assertions.assertThat(runtime.getVariable(pi.getId(), Vars.REMEDIATION_RESULT)).isNull();
        Assertions.assertThat(server.count(CommandTemplate.RESTART_SERVICE)).isEqualTo(3);
        Assertions.assertThat(timeline(pi)).doesNotContain(IncidentEvent.Kind.REMEDIATION_RUN.name());
    }

    @Test
    @DisplayName("R4.3-p1: a remediation that changes nothing (not restored) goes back to the remediation choice")
    void notRestoredGoesBackToRemediation() {
        ProcessInstance pi = takenInCharge(new IncidentFlowFixture.Spec(), CauseCategory.SYSTEM);
        SHOP.answer(503);
        complete(pi, CHOOSE_REMEDIATION, Vars.REMEDIATION_ACTION, RemediationAction.NO_ACTION.name());
        executeJob(pi, CHECK_SERVICE);
        assertThat(pi).variables().containsEntry(Vars.SERVICE_ANSWERS, false);
        complete(pi, CONFIRM_RESTORATION, Vars.RESTORED, false, Vars.RESTORATION_NOTES, "toujours en erreur");
        assertThat(pi).hasPassed(GATEWAY_NOT_RESTORED_ROUTE).isWaitingAtExactly(TIMER_RESTORATION, CHOOSE_REMEDIATION);
        Assertions.assertThat(record(pi).getRestoredAt()).isNull();

        complete(pi, CHOOSE_REMEDIATION, Vars.REMEDIATION_ACTION, RemediationAction.RESTART_SERVICE.name(),
                Vars.SERVICE_NAME, "mariadb");
        executeJob(pi, RUN_REMEDIATION);
        executeJob(pi, RUN_REMEDIATION);
        checkConfirmAndClose(pi);
    }

    @Test
    @DisplayName("Take charge without a cause is refused on the form (no silent UNKNOWN); the task stays open")
    void causeIsRequired() {
        ProcessInstance pi = report(fixture(new IncidentFlowFixture.Spec()), TUESDAY_10H);
        Task takeCharge = task(pi, TAKE_CHARGE);
        Assertions.assertThatThrownBy(() -> completeAs(OPS_USER, takeCharge, Vars.TAKE_CHARGE_NOTES, "vu"))
                .isInstanceOf(FormRefusal.class).hasMessageContaining(Vars.CAUSE_CATEGORY);
        Assertions.assertThat(task(pi, TAKE_CHARGE)).isNotNull();
        Assertions.assertThat(record(pi).getTakenInChargeAt()).isNull();
    }

    @Test
    @DisplayName("A second report of the same incident from the start form is attached; the instance ends there")
    void attachedToOpenIncident() {
        IncidentFlowFixture f = fixture(new IncidentFlowFixture.Spec());
        ProcessInstance first = report(f, TUESDAY_10H);
        String definitionId = first.getProcessDefinitionId();
        identity.setAuthentication(OPS_USER, List.of(OpsGroups.OPS));
        ProcessInstance second = forms.submitStartForm(definitionId, Map.of(Vars.SERVER_ID, f.serverId(),
                Vars.CATEGORY, "TROUBLESHOOTING", Vars.LEVEL, "1", Vars.SUMMARY, "encore en panne"));
        identity.clearAuthentication();

        assertThat(second).hasPassedInOrder(START, REGISTER, GATEWAY_DUPLICATE, END_ATTACHED).isEnded();
        Assertions.assertThat(second.getBusinessKey()).isEqualTo(first.getBusinessKey());
        Assertions.assertThat(timeline(first)).contains(IncidentEvent.Kind.REPORT_ATTACHED.name());
    }

    // === R4.3-t1 / R4.3-t2: TIERCE ============================================================

    @Test
    @DisplayName("R4.3-t1 TIERCE in business hours: GTI 15 min, restoration best effort (no timer, no due date)")
    void tierceBestEffort() {
        ProcessInstance pi = report(fixture(new IncidentFlowFixture.Spec().tierce()), TUESDAY_10H);
        assertThat(pi).hasPassed(END_BEST_EFFORT).isWaitingAtExactly(DIAGNOSE, TAKE_CHARGE);
        assertThat(pi).variables().containsEntry(Vars.SLA_RULE, SlaRule.TIERCE_BUSINESS_HOURS);
        assertDue(pi, TUESDAY_10H15, null);
        takeCharge(pi, CauseCategory.APPLICATION);
        Assertions.assertThat(task(pi, CHOOSE_REMEDIATION).getDueDate()).isNull();
    }

    @Test
    @DisplayName("R4.3-t2 TIERCE out of hours: the client is told; the agreement to act now is recorded by its channel; GTI from that instant")
    void tierceOutOfHoursClientAgrees() throws Exception {
        IncidentFlowFixture f = fixture(new IncidentFlowFixture.Spec().tierce().withoutOutOfHoursAgreement());
        ProcessInstance pi = reportedOutOfHours(f);
        clock.advance(Duration.ofMinutes(20));

        complete(pi, RECORD_AGREEMENT, Vars.CLIENT_AGREES_NOW, true);

        assertThat(pi).hasPassed(GATEWAY_ACT_NOW, START_CLOCKS).hasNotPassed(TIMER_NEXT_OPENING)
                .isWaitingAtExactly(DIAGNOSE, TAKE_CHARGE);
        Incident record = record(pi);
        Assertions.assertThat(record.getActNowAgreed()).isTrue();
        Assertions.assertThat(record.getAgreementRecordedBy()).isEqualTo(OPS_USER);
        Assertions.assertThat(record.getClockStartedAt()).isEqualTo(SATURDAY_22H.plus(Duration.ofMinutes(20)));
        // R4.3-t2 with agreement: the R4.3-t1 15 minutes, from the agreement
        assertDue(pi, SATURDAY_22H.plus(Duration.ofMinutes(35)), null);
    }

    @Test
    @DisplayName("R4.3-t2: the client prefers to wait; the GTI starts at the opening itself, even when the job runs 7 minutes late")
    void tierceOutOfHoursClientWaits() throws Exception {
        ProcessInstance pi = reportedOutOfHours(fixture(new IncidentFlowFixture.Spec().tierce()
                .withoutOutOfHoursAgreement()));
        complete(pi, RECORD_AGREEMENT, Vars.CLIENT_AGREES_NOW, false);
        assertThat(pi).hasPassed(GATEWAY_ACT_NOW).isWaitingAtExactly(TIMER_NEXT_OPENING);
        Assertions.assertThat(record(pi).getActNowAgreed()).isFalse();
        Assertions.assertThat(job(pi, TIMER_NEXT_OPENING).getDuedate()).isEqualTo(Date.from(MONDAY_9H));

        clock.set(MONDAY_9H.plus(Duration.ofMinutes(7)));
        management.executeJob(job(pi, TIMER_NEXT_OPENING).getId()); // picked up 7 minutes late
        assertThat(pi).hasPassed(START_CLOCKS).isWaitingAtExactly(DIAGNOSE, TAKE_CHARGE);
        Assertions.assertThat(record(pi).getClockStartedAt()).isEqualTo(MONDAY_9H);
        assertDue(pi, MONDAY_9H15, null);
    }

    @Test
    @DisplayName("R4.3-t2: nobody records the client's answer before the opening; the wait ends there")
    void tierceOutOfHoursNobodyRecords() throws Exception {
        ProcessInstance pi = reportedOutOfHours(fixture(new IncidentFlowFixture.Spec().tierce()
                .withoutOutOfHoursAgreement()));
        fireTimer(pi, TIMER_OPENED_WHILE_WAITING, MONDAY_9H);
        assertThat(pi).hasNotPassed(GATEWAY_ACT_NOW).isWaitingAtExactly(DIAGNOSE, TAKE_CHARGE);
        assertDue(pi, MONDAY_9H15, null);
    }

    // === R4.2, R3.5, RD-extra: hardware or network on TIERCE ==================================

    @Test
    @DisplayName("R4.2/R3.5: hardware on TIERCE goes to the hoster, reminded while it lasts; not restored goes back to the hoster, never to SSH")
    void hosterHandlesAndIsReminded() throws Exception {
        IncidentFlowFixture f = fixture(new IncidentFlowFixture.Spec().tierce());
        ProcessInstance pi = routedToHoster(f);
        Task coordinate = task(pi, COORDINATE_HOSTER);
        Assertions.assertThat(coordinate.getDueDate()).isEqualTo(Date.from(now().plus(settings.getHosterFollowUp())));

        fireTimer(pi, TIMER_HOSTER_REMINDER, now().plus(settings.getHosterFollowUp()));
        executeJob(pi, REMIND_HOSTER);
        assertThat(pi).hasPassed(END_HOSTER_REMINDED).isWaitingAt(COORDINATE_HOSTER);
        String number = record(pi).getNumber();
        mailTo(f.hosterEmail(), number + " : relance n°1");
        Assertions.assertThat(job(pi, TIMER_HOSTER_REMINDER)).as("the next reminder").isNotNull();

        complete(pi, COORDINATE_HOSTER, Vars.COMPLEMENTARY_WORK_REQUESTED, false, Vars.HOSTER_NOTES, "disque changé");
        assertThat(pi).hasPassed(GATEWAY_COMPLEMENTARY).hasNotPassed(CALL_QUOTE_APPROVAL).isWaitingAtExactly(CHECK_SERVICE);
        executeJob(pi, CHECK_SERVICE);
        complete(pi, CONFIRM_RESTORATION, Vars.RESTORED, false);
        assertThat(pi).hasPassed(GATEWAY_NOT_RESTORED_ROUTE).isWaitingAtExactly(COORDINATE_HOSTER);
        Assertions.assertThat(server.count(CommandTemplate.RESTART_SERVICE) + server.count(CommandTemplate.REBOOT))
                .as("no remediation of ours on the hoster's incident").isZero();

        complete(pi, COORDINATE_HOSTER, Vars.COMPLEMENTARY_WORK_REQUESTED, false);
        checkConfirmAndClose(pi);
    }

    @Test
    @DisplayName("RD-extra, R3.5: the incident calls QuoteApproval; the quote is approved by its signed link; the incident reads it from the quote record and the work is carried out")
    void quoteApprovedByLink() throws Exception {
        IncidentFlowFixture f = fixture(new IncidentFlowFixture.Spec().tierce());
        ProcessInstance pi = quoteSent(f);
        ProcessInstance quote = quoteInstance(pi);
        Assertions.assertThat(task(quote, QuoteApprovalProcess.Elements.FOLLOW_UP).getDueDate())
                .as("due at the end of the validity day").isEqualTo(Date.from(QUOTE_EXPIRY));

        ClientDecision decision = quoteDecision(pi);
        Assertions.assertThat(decisions.answer(token(decision), Answer.APPROVE, "192.0.2.10").result())
                .isEqualTo(fr.progerance.ops.notify.Outcome.Result.APPROVED);
        assertThat(quote).hasPassed(QuoteApprovalProcess.Elements.MESSAGE_ANSWERED_BY_LINK)
                .isWaitingAtExactly(QuoteApprovalProcess.Elements.RECORD_OUTCOME);
        executeJob(quote, QuoteApprovalProcess.Elements.RECORD_OUTCOME);
        assertThat(quote).isEnded();
        assertThat(pi).hasPassed(CALL_QUOTE_APPROVAL).isWaitingAtExactly(READ_QUOTE_OUTCOME);
        executeJob(pi, READ_QUOTE_OUTCOME);
        assertThat(pi).variables().containsEntry(Vars.QUOTE_APPROVED, true).containsEntry(Vars.QUOTE_AMOUNT, "450.00");
        assertThat(pi).isWaitingAtExactly(CARRY_OUT_ACTION);
        complete(pi, CARRY_OUT_ACTION, Vars.ACTION_NOTES, "disque remplacé avec l'hébergeur");
        checkConfirmAndClose(pi);
        Assertions.assertThat(timeline(pi)).contains(IncidentEvent.Kind.QUOTE_SENT.name(),
                IncidentEvent.Kind.QUOTE_ANSWERED.name(), IncidentEvent.Kind.ACTION_CARRIED_OUT.name());
        Assertions.assertThat(quotes.decided(quoteId(pi), "incident:" + record(pi).getNumber()).status())
                .isEqualTo(QuoteStatus.APPROVED);
    }

    @Test
    @DisplayName("RD-extra: the client declines the quote by phone; the records name the ops user; nothing of ours is carried out")
    void quoteDeclinedByPhone() throws Exception {
        ProcessInstance pi = quoteSent(fixture(new IncidentFlowFixture.Spec().tierce()));
        ProcessInstance quote = quoteInstance(pi);
        complete(quote, QuoteApprovalProcess.Elements.FOLLOW_UP, QuoteApprovalProcess.Vars.PHONE_ANSWER,
                Answer.DECLINE.name());
        executeJob(quote, QuoteApprovalProcess.Elements.RECORD_OUTCOME);
        executeJob(pi, READ_QUOTE_OUTCOME);
        assertThat(pi).hasPassed(GATEWAY_QUOTE_APPROVED).hasNotPassed(CARRY_OUT_ACTION).isWaitingAtExactly(CHECK_SERVICE);
        ClientDecision decision = quoteDecision(pi);
        Assertions.assertThat(decision.getStatus()).isEqualTo(DecisionStatus.DECLINED);
        Assertions.assertThat(decision.getAnswerChannel()).isEqualTo(AnswerChannel.PHONE);
        Assertions.assertThat(decision.getAnsweredByUser()).isEqualTo(OPS_USER);
        QuoteView declined = quotes.find(quoteId(pi)).orElseThrow();
        Assertions.assertThat(declined.status()).isEqualTo(QuoteStatus.DECLINED);
        Assertions.assertThat(declined.decidedBy()).isEqualTo(OPS_USER);
        Assertions.assertThat(incidents.timeline(record(pi)).stream()
                .filter(e -> e.getKind() == IncidentEvent.Kind.QUOTE_ANSWERED).findFirst().orElseThrow().getActor())
                .isEqualTo(OPS_USER);
    }

    @Test
    @DisplayName("RD-extra, DESIGN rule 12: an unanswered quote is reminded, then expires: the link closes, the client is told the hoster stays in charge, nothing of ours is carried out")
    void quoteRemindedThenExpires() throws Exception {
        IncidentFlowFixture f = fixture(new IncidentFlowFixture.Spec().tierce());
        ProcessInstance pi = quoteSent(f);
        ProcessInstance quote = quoteInstance(pi);
        ClientDecision decision = quoteDecision(pi);
        String number = quotes.find(quoteId(pi)).orElseThrow().number();
        Instant sent = now();

        // valid until 24 March inclusive (14 days and 14 hours): a reminder every 7 days, twice
        for (int n = 1; n <= 2; n++) {
            fireTimer(quote, QuoteApprovalProcess.Elements.TIMER_REMINDER, sent.plus(Duration.ofDays(7).multipliedBy(n)));
            executeJob(quote, QuoteApprovalProcess.Elements.REMIND);
        }
        assertThat(quote).hasPassed(QuoteApprovalProcess.Elements.END_REMINDED)
                .isWaitingAt(QuoteApprovalProcess.Elements.FOLLOW_UP);
        Assertions.assertThat(Arrays.stream(MAIL.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).filter(subject -> subject.startsWith("Rappel : devis " + number)).count()).as("two distinct reminders").isEqualTo(2);
        Assertions.assertThat(job(quote, QuoteApprovalProcess.Elements.TIMER_REMINDER, false)).as("then none").isNull();

        fireTimer(quote, QuoteApprovalProcess.Elements.TIMER_EXPIRED, QUOTE_EXPIRY);
        executeJob(quote, QuoteApprovalProcess.Elements.CLOSE_EXPIRED);
        executeJob(quote, QuoteApprovalProcess.Elements.RECORD_OUTCOME);
        executeJob(pi, READ_QUOTE_OUTCOME);
        assertThat(pi).hasPassed(READ_QUOTE_OUTCOME).hasNotPassed(CARRY_OUT_ACTION).isWaitingAtExactly(CHECK_SERVICE);
        Assertions.assertThat(quoteDecision(pi).getStatus()).isEqualTo(DecisionStatus.EXPIRED);
        Assertions.assertThat(quotes.find(quoteId(pi)).orElseThrow().status()).isEqualTo(QuoteStatus.EXPIRED);
        Assertions.assertThat(decisions.answer(token(decision), Answer.APPROVE, "192.0.2.10").result())
                .as("the link is closed").isNotEqualTo(fr.progerance.ops.notify.Outcome.Result.APPROVED);
        Assertions.assertThat(Mails.text(mailTo(f.primaryEmail(), "Devis " + number + " expiré sans réponse")))
                .contains("reste seul en charge");
        Assertions.assertThat(timeline(pi)).contains(IncidentEvent.Kind.QUOTE_SENT.name(),
                IncidentEvent.Kind.QUOTE_REMINDED.name(), IncidentEvent.Kind.QUOTE_EXPIRED.name())
                .doesNotContain(IncidentEvent.Kind.QUOTE_ANSWERED.name());
    }

    @Test
    @DisplayName("DESIGN rule 11: the incident reads only its own newest quote: a quoteId pointing at another decided quote stops the incident with a readable Camunda incident")
    void anotherQuoteIsRefused() throws Exception {
        ProcessInstance other = quoteSent(fixture(new IncidentFlowFixture.Spec().tierce()));
        complete(quoteInstance(other), QuoteApprovalProcess.Elements.FOLLOW_UP, QuoteApprovalProcess.Vars.PHONE_ANSWER,
                Answer.APPROVE.name());
        executeJob(quoteInstance(other), QuoteApprovalProcess.Elements.RECORD_OUTCOME);
        long approvedElsewhere = quoteId(other);

        ProcessInstance pi = quoteSent(fixture(new IncidentFlowFixture.Spec().tierce()));
        complete(quoteInstance(pi), QuoteApprovalProcess.Elements.FOLLOW_UP, QuoteApprovalProcess.Vars.PHONE_ANSWER,
                Answer.DECLINE.name());
        executeJob(quoteInstance(pi), QuoteApprovalProcess.Elements.RECORD_OUTCOME);
        // what only an administrator could do (ops may not write an instance's variables)
        runtime.setVariable(pi.getId(), Vars.QUOTE_ID, approvedElsewhere);
        for (int attempt = 1; attempt <= 3; attempt++) {
            Job read = job(pi, READ_QUOTE_OUTCOME);
            Assertions.assertThatThrownBy(() -> management.executeJob(read.getId())).hasMessageContaining("is for incident:");
            clock.advance(Duration.ofMinutes(1));
        }
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult()
                .getIncidentMessage()).contains("DESIGN rule 11");
        assertThat(pi).hasNotPassed(CARRY_OUT_ACTION);
        Assertions.assertThat(runtime.getVariable(pi.getId(), Vars.QUOTE_APPROVED)).isNull();
    }

    // === R4.3-t3 to R4.3-t5: the client's decision ============================================

    @Test
    @DisplayName("R4.3-t3: the primary approves by the signed link; the action is carried out")
    void primaryApprovesByLink() throws Exception {
        ProcessInstance pi = askingFirstContact(new IncidentFlowFixture.Spec(), "RESTORE_BACKUP");
        ClientDecision d = decision(pi);
        Assertions.assertThat(d.getQuestion()).contains("restauration d'une sauvegarde").contains("300.00 € HT");
        decisions.answer(token(d), Answer.APPROVE, "192.0.2.20");
        executeJob(pi, RECORD_ANSWER);
        assertThat(pi).hasPassed(GATEWAY_ANSWERED, DECISION_END, GATEWAY_DECISION_OUTCOME)
                .isWaitingAtExactly(TIMER_RESTORATION, CARRY_OUT_ACTION);
        assertThat(pi).variables().containsEntry(Vars.DECISION_OUTCOME, DecisionOutcome.CLIENT_APPROVED.name());
        complete(pi, CARRY_OUT_ACTION);
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CHECK_SERVICE);
    }

    @Test
    @DisplayName("R4.3-t5 (1), R4.3-t4: a primary who may not authorise is still called and mailed, cannot approve; the secondary approves by phone")
    void primaryMayNotAuthoriseSecondaryApproves() throws Exception {
        IncidentFlowFixture.Spec spec = new IncidentFlowFixture.Spec().primaryMayNotAuthorise();
        ProcessInstance pi = askingFirstContact(spec, "NEW_SERVER");
        assertThat(pi).variables().containsEntry(Vars.CONTACT_MAY_DECIDE, false).containsEntry(Vars.DECISION_ID, null);
        String number = record(pi).getNumber();
        IncidentFlowFixture f = lastFixture;
        Assertions.assertThat(Mails.text(mailTo(f.primaryEmail(), number + " : décision urgente requise")))
                .contains("personne habilitée").doesNotContain("/decisions/");

        Task call = task(pi, CALL_CONTACT);
        Assertions.assertThatThrownBy(() -> completeAs(OPS_USER, call, Vars.PHONE_OUTCOME, PhoneOutcome.APPROVE.name()))
                .isInstanceOf(FormRefusal.class).hasMessageContaining("may not authorise");
        complete(pi, CALL_CONTACT, Vars.PHONE_OUTCOME, PhoneOutcome.NO_ANSWER.name());
        executeJob(pi, RECORD_ANSWER);
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CLIENT_DECISION, ASK_CONTACT);
        executeJob(pi, ASK_CONTACT);
        assertThat(pi).variables().containsEntry(Vars.CONTACT_MAY_DECIDE, true);
        mailTo(f.contactEmails().get(1), number + " : Votre décision est requise");

        complete(pi, CALL_CONTACT, Vars.PHONE_OUTCOME, PhoneOutcome.APPROVE.name());
        executeJob(pi, RECORD_ANSWER);
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CARRY_OUT_ACTION);
        ClientDecision d = decision(pi);
        Assertions.assertThat(d.getStatus()).isEqualTo(DecisionStatus.APPROVED);
        Assertions.assertThat(d.getAnsweredByUser()).isEqualTo(OPS_USER);
    }

    @Test
    @DisplayName("R4.3-t5 (2): nobody answers (no acknowledgement, phone); the procedure covers the action within budget and applies")
    void nobodyAnswersProcedureApplies() throws Exception {
        ProcessInstance pi = askingFirstContact(new IncidentFlowFixture.Spec(), "RESTORE_BACKUP");
        acknowledgementTimesOut(pi);
        assertThat(pi).hasPassed(RECORD_NO_ANSWER).isWaitingAtExactly(TIMER_RESTORATION, CLIENT_DECISION, ASK_CONTACT);
        executeJob(pi, ASK_CONTACT);
        complete(pi, CALL_CONTACT, Vars.PHONE_OUTCOME, PhoneOutcome.NO_ANSWER.name());
        executeJob(pi, RECORD_ANSWER);
        executeJob(pi, ASK_CONTACT);
        acknowledgementTimesOut(pi);
        assertThat(pi).hasPassed(GATEWAY_PROCEDURE).isWaitingAtExactly(TIMER_RESTORATION, CLIENT_DECISION, APPLY_PROCEDURE);
        executeJob(pi, APPLY_PROCEDURE);
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CARRY_OUT_ACTION);
        assertThat(pi).variables().containsEntry(Vars.DECISION_OUTCOME, DecisionOutcome.EMERGENCY_PROCEDURE.name());
        Assertions.assertThat(timeline(pi)).contains(IncidentEvent.Kind.EMERGENCY_PROCEDURE_APPLIED.name());
    }

    @Test
    @DisplayName("R4.3-t5 (3): nobody answers and no procedure: only actions without impact; a reboot is refused until the client approves that very action")
    void restrictionLiftsAfterExplicitApproval() throws Exception {
        IncidentFlowFixture.Spec spec = new IncidentFlowFixture.Spec().withoutProcedure();
        ProcessInstance pi = askingFirstContact(spec, "MIGRATION");
        for (int contact = 0; contact < 3; contact++) {
            if (contact > 0) {
                executeJob(pi, ASK_CONTACT);
            }
            acknowledgementTimesOut(pi);
        }
        assertThat(pi).hasPassed(RESTRICT_ACTIONS).isWaitingAtExactly(TIMER_RESTORATION, CHECK_SERVICE);
        Assertions.assertThat(record(pi).isRestrictedToNonImpacting()).isTrue();
        executeJob(pi, CHECK_SERVICE);
        complete(pi, CONFIRM_RESTORATION, Vars.RESTORED, false);

        Task choose = task(pi, CHOOSE_REMEDIATION);
        Assertions.assertThatThrownBy(() -> completeAs(OPS_USER, choose, Vars.REMEDIATION_ACTION,
                RemediationAction.REBOOT_SERVER.name())).isInstanceOf(FormRefusal.class).hasMessageContaining("R4.3-t5 (3)");

        // Ops ask the client to approve the reboot itself; the primary approves by link.
        complete(pi, CHOOSE_REMEDIATION, Vars.REMEDIATION_ACTION, RemediationAction.CLIENT_DECISION.name(),
                Vars.DECISION_ACTION, "REBOOT_SERVER", Vars.DECISION_DESCRIPTION, "redémarrer le serveur",
                Vars.ESTIMATED_COST, "0");
        executeJob(pi, ASK_CONTACT);
        decisions.answer(token(decision(pi)), Answer.APPROVE, "192.0.2.30");
        executeJob(pi, RECORD_ANSWER);
        complete(pi, CARRY_OUT_ACTION, Vars.ACTION_NOTES, "le client préfère que nous le fassions par SSH");
        executeJob(pi, CHECK_SERVICE);
        complete(pi, CONFIRM_RESTORATION, Vars.RESTORED, false);
        Assertions.assertThat(record(pi).getClientApprovedActions()).containsExactly("REBOOT_SERVER");

        complete(pi, CHOOSE_REMEDIATION, Vars.REMEDIATION_ACTION, RemediationAction.REBOOT_SERVER.name());
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, RUN_REMEDIATION);
    }

    @Test
    @DisplayName("R4.3-t3: the client declines by link; the action is not carried out")
    void clientDeclines() throws Exception {
        ProcessInstance pi = askingFirstContact(new IncidentFlowFixture.Spec(), "FAILOVER");
        decisions.answer(token(decision(pi)), Answer.DECLINE, "192.0.2.40");
        executeJob(pi, RECORD_ANSWER);
        assertThat(pi).hasNotPassed(CARRY_OUT_ACTION).isWaitingAtExactly(TIMER_RESTORATION, CHECK_SERVICE);
        assertThat(pi).variables().containsEntry(Vars.DECISION_OUTCOME, DecisionOutcome.CLIENT_DECLINED.name());
    }

    // === R9: force majeure =====================================================================

    @Test
    @DisplayName("R9: no false breach: ops take charge and restore during force majeure, after the original deadlines; judged on the suspended clock")
    void noFalseBreachUnderForceMajeure() throws Exception {
        ProcessInstance pi = report(fixture(new IncidentFlowFixture.Spec()), TUESDAY_10H);
        String number = record(pi).getNumber();
        clock.advance(Duration.ofMinutes(5));
        declareForceMajeure(number);
        assertThat(pi).hasPassed(SUSPEND_CLOCKS).isWaitingAt(LIFT_FORCE_MAJEURE);
        Assertions.assertThat(task(pi, LIFT_FORCE_MAJEURE).getDueDate())
                .isEqualTo(Date.from(now().plus(settings.getForceMajeureReview())));
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).timers().suspended().count())
                .isEqualTo(2);

        clock.set(TUESDAY_10H.plus(Duration.ofMinutes(20))); // after the original GTI (10:10)
        takeCharge(pi, CauseCategory.SYSTEM);
        complete(pi, CHOOSE_REMEDIATION, Vars.REMEDIATION_ACTION, RemediationAction.NO_ACTION.name());
        executeJob(pi, CHECK_SERVICE);
        clock.set(TUESDAY_10H.plus(Duration.ofMinutes(50))); // after the original GTR (10:40)
        complete(pi, CONFIRM_RESTORATION, Vars.RESTORED, true);
        Incident record = record(pi);
        Assertions.assertThat(record.isInterventionBreached()).isFalse();
        Assertions.assertThat(record.isRestorationBreached()).isFalse();
        Assertions.assertThat(record.getTakenInChargeAt()).isEqualTo(TUESDAY_10H.plus(Duration.ofMinutes(20)));
    }

    @Test
    @DisplayName("R9: force majeure stops the timers; lifting it moves deadlines, timers and due dates by its length")
    void forceMajeureMovesTheDeadlines() throws Exception {
        ProcessInstance pi = report(fixture(new IncidentFlowFixture.Spec()), TUESDAY_10H);
        clock.advance(Duration.ofMinutes(5));
        declareForceMajeure(record(pi).getNumber());
        assertThat(pi).variables().containsEntry(Vars.FORCE_MAJEURE_SINCE, Date.from(now()))
                .containsEntry(Vars.FORCE_MAJEURE_TERMINATION_FROM, "2026-05-10");

        clock.advance(Duration.ofHours(2));
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).timers().active().executable().count())
                .as("suspended timers do not fire").isZero();
        completeAs(MANAGER, task(pi, LIFT_FORCE_MAJEURE), Vars.FORCE_MAJEURE_NOTES, "courant rétabli");
        executeJob(pi, REACTIVATE_TIMERS);
        assertThat(pi).hasPassed(END_FORCE_MAJEURE).isWaitingAtExactly(DIAGNOSE, TIMER_RESTORATION, TAKE_CHARGE);
        // R9 on a continuous clock: both deadlines move by the two hours
        assertDue(pi, TUESDAY_10H10.plus(Duration.ofHours(2)), TUESDAY_10H40.plus(Duration.ofHours(2)));
        Assertions.assertThat(job(pi, TIMER_INTERVENTION).getDuedate())
                .isEqualTo(Date.from(TUESDAY_10H10.plus(Duration.ofHours(2))));
        Assertions.assertThat(job(pi, TIMER_INTERVENTION).isSuspended()).isFalse();
        assertThat(task(pi, TAKE_CHARGE)).hasDueDate(Date.from(TUESDAY_10H10.plus(Duration.ofHours(2))));
    }

    @Test
    @DisplayName("R9 before the clocks start (R4.3-t2 wait): the clocks start held at the opening; the lift moves them from the opening")
    void forceMajeureBeforeTheClocksStart() throws Exception {
        ProcessInstance pi = reportedOutOfHours(fixture(new IncidentFlowFixture.Spec().tierce()
                .withoutOutOfHoursAgreement()));
        clock.advance(Duration.ofMinutes(10));
        declareForceMajeure(record(pi).getNumber());
        assertThat(pi).isWaitingAtExactly(RECORD_AGREEMENT, FORCE_MAJEURE, LIFT_FORCE_MAJEURE);

        fireTimer(pi, TIMER_OPENED_WHILE_WAITING, MONDAY_9H);
        assertThat(pi).hasPassed(START_CLOCKS, GATEWAY_CLOCKS_HELD).isWaitingAt(HOLD_CLOCKS);
        executeJob(pi, HOLD_CLOCKS);
        assertThat(pi).hasPassed(END_CLOCKS_HELD);
        Assertions.assertThat(job(pi, TIMER_INTERVENTION).isSuspended()).isTrue();
        Assertions.assertThat(timeline(pi)).contains(IncidentEvent.Kind.CLOCKS_HELD.name());

        clock.set(MONDAY_9H.plus(Duration.ofHours(1)));
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).timers().active().executable()
                .count()).isZero();
        completeAs(MANAGER, task(pi, LIFT_FORCE_MAJEURE), Vars.FORCE_MAJEURE_NOTES, "fin de l'inondation");
        executeJob(pi, REACTIVATE_TIMERS);
        // R4.3-t1 15 min from the opening, suspended for the hour since the opening
        assertDue(pi, MONDAY_9H15.plus(Duration.ofHours(1)), null);
        Assertions.assertThat(job(pi, TIMER_INTERVENTION).isSuspended()).isFalse();
    }

    // === monitoring (issue 11) ==================================================================

    @Test
    @DisplayName("R4.1, R4.2: monitoring sees the server answer again; the recovery goes on the timeline and the incident goes on (non-interrupting) until ops confirm")
    void monitoringRecoveryDoesNotInterrupt() {
        ProcessInstance pi = report(fixture(new IncidentFlowFixture.Spec()), TUESDAY_10H);
        clock.advance(Duration.ofMinutes(3));
        Assertions.assertThat(monitoringRecovery.recovered(record(pi).getNumber(), now())).isTrue();
        assertThat(pi).hasPassedInOrder(MONITORING_RECOVERED_START, RECORD_MONITORED_RECOVERY, END_MONITORING_RECOVERY)
                .hasPassed(MONITORING_RECOVERY).isWaitingAtExactly(DIAGNOSE, TIMER_RESTORATION, TAKE_CHARGE);
        Assertions.assertThat(incidents.timeline(record(pi))).filteredOn(e -> e.getKind()
                == IncidentEvent.Kind.MONITORING_RECOVERED).singleElement().satisfies(e -> {
                    Assertions.assertThat(e.getDetail()).contains("since 2026-03-10T10:03+01:00");
                    Assertions.assertThat(e.getActor()).isEqualTo("monitoring");
                });
        Assertions.assertThat(record(pi).getRestoredAt()).as("ops confirm the restoration, not monitoring").isNull();
    }

    // === steps ================================================================================

    private IncidentFlowFixture lastFixture;

    private IncidentFlowFixture fixture(IncidentFlowFixture.Spec spec) {
        spec.shopUrl(SHOP.url());
        lastFixture = IncidentFlowFixture.create(register, spec);
        return lastFixture;
    }

    /** Reported through the intake (as the API does), detected at {@code detectedAt} = now. */
    private ProcessInstance report(IncidentFlowFixture f, Instant detectedAt) {
        clock.set(detectedAt);
        identity.setAuthentication(OPS_USER, List.of(OpsGroups.OPS));
        try {
            String number = intake.report(new NewReport(f.serverId(), IncidentCategory.TROUBLESHOOTING, 1,
                    "La boutique renvoie une erreur 502", "monitoring", detectedAt)).incident().getNumber();
            return runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
                    .processDefinitionKey(IncidentHandlingProcess.KEY).singleResult();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** R4.3-t2: reported Saturday 22h on TIERCE without prior agreement; the client is told; ops must log its answer. */
    private ProcessInstance reportedOutOfHours(IncidentFlowFixture f) throws Exception {
        ProcessInstance pi = report(f, SATURDAY_22H);
        assertThat(pi).hasPassed(GATEWAY_OUT_OF_HOURS).hasNotPassed(START_CLOCKS).isWaitingAtExactly(NOTIFY_OUT_OF_HOURS);
        executeJob(pi, NOTIFY_OUT_OF_HOURS);
        assertThat(pi).isWaitingAtExactly(RECORD_AGREEMENT);
        assertThat(task(pi, RECORD_AGREEMENT)).hasDueDate(Date.from(MONDAY_9H));
        Assertions.assertThat(record(pi).getDeferredUntil()).isEqualTo(MONDAY_9H);
        mailTo(f.primaryEmail(), record(pi).getNumber() + " : incident signalé hors heures ouvrées");
        return pi;
    }

    private ProcessInstance takenInCharge(IncidentFlowFixture.Spec spec, CauseCategory cause) {
        ProcessInstance pi = report(fixture(spec), TUESDAY_10H);
        executeJob(pi, DIAGNOSE);
        clock.advance(Duration.ofMinutes(5));
        takeCharge(pi, cause);
        return pi;
    }

    private ProcessInstance routedToHoster(IncidentFlowFixture f) throws Exception {
        ProcessInstance pi = report(f, TUESDAY_10H);
        executeJob(pi, DIAGNOSE);
        clock.advance(Duration.ofMinutes(5));
        takeCharge(pi, CauseCategory.HARDWARE);
        assertThat(pi).variables().containsEntry(Vars.ROUTE_TO_HOSTER, true);
        executeJob(pi, NOTIFY_HOSTER);
        assertThat(pi).isWaitingAtExactly(COORDINATE_HOSTER);
        mailTo(f.hosterEmail(), record(pi).getNumber() + " : incident matériel ou réseau");
        return pi;
    }

    /**
     * RD-extra: complementary work requested; the incident calls QuoteApproval (subject, client,
     * server, title, the hoster's consequence); ops prepare the quote (valid until 24 March, the work
     * window on 26 March) and it is mailed to the primary contact.
     */
    private ProcessInstance quoteSent(IncidentFlowFixture f) throws Exception {
        ProcessInstance pi = routedToHoster(f);
        complete(pi, COORDINATE_HOSTER, Vars.COMPLEMENTARY_WORK_REQUESTED, true);
        assertThat(pi).isWaitingAtExactly(CALL_QUOTE_APPROVAL);
        executeJob(pi, CALL_QUOTE_APPROVAL);
        String number = record(pi).getNumber();
        ProcessInstance quote = quoteInstance(pi);
        Assertions.assertThat(quote.getBusinessKey()).isEqualTo("incident:" + number);
        executeJob(quote, QuoteApprovalProcess.Elements.OPEN);
        // RC-business: one business day after Tuesday 10:05
        assertThat(task(quote, QuoteApprovalProcess.Elements.PREPARE)).hasCandidateGroup(OpsGroups.OPS)
                .hasDueDate(Date.from(paris(2026, 3, 11, 10, 5)));
        complete(quote, QuoteApprovalProcess.Elements.PREPARE, QuoteApprovalProcess.Vars.AMOUNT, "450.00",
                QuoteApprovalProcess.Vars.DESCRIPTION, "remplacement du disque",
                QuoteApprovalProcess.Vars.WINDOW_START, "2026-03-26T09:00+01:00",
                QuoteApprovalProcess.Vars.WINDOW_END, "2026-03-26T12:00+01:00",
                QuoteApprovalProcess.Vars.VALID_UNTIL, "2026-03-24");
        executeJob(quote, QuoteApprovalProcess.Elements.SEND);
        assertThat(quote).isWaitingAtExactly(QuoteApprovalProcess.Elements.FOLLOW_UP);
        QuoteView sent = quotes.find(quoteId(pi)).orElseThrow();
        Assertions.assertThat(sent.subject()).isEqualTo("incident:" + number);
        Assertions.assertThat(sent.clientId()).isEqualTo(f.clientId());
        Assertions.assertThat(sent.serverId()).isEqualTo(f.serverId());
        Assertions.assertThat(sent.title()).contains(number);
        Assertions.assertThat(Mails.text(mailTo(f.primaryEmail(), "Devis " + sent.number())))
                .contains("450,00 € HT").contains("remplacement du disque").contains("hébergeur reste seul en charge");
        return pi;
    }

    /** The running QuoteApproval instance the incident's call activity started. */
    private ProcessInstance quoteInstance(ProcessInstance pi) {
        ProcessInstance quote = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(quote).as("the QuoteApproval instance called by %s", pi.getId()).isNotNull();
        return quote;
    }

    private long quoteId(ProcessInstance pi) {
        String quotePid = history.createHistoricProcessInstanceQuery().superProcessInstanceId(pi.getId())
                .orderByProcessInstanceStartTime().desc().list().get(0).getId();
        return (Long) history.createHistoricVariableInstanceQuery().processInstanceId(quotePid)
                .variableName(QuoteApprovalProcess.Vars.QUOTE_ID).singleResult().getValue();
    }

    /** R4.3-t3: ops choose an action that needs the client; the first contact is asked. */
    private ProcessInstance askingFirstContact(IncidentFlowFixture.Spec spec, String action) throws Exception {
        ProcessInstance pi = takenInCharge(spec, CauseCategory.SYSTEM);
        complete(pi, CHOOSE_REMEDIATION, Vars.REMEDIATION_ACTION, RemediationAction.CLIENT_DECISION.name(),
                Vars.DECISION_ACTION, action, Vars.DECISION_DESCRIPTION, "remettre la boutique en service",
                Vars.ESTIMATED_COST, "300.00");
        assertThat(pi).hasPassed(DECISION_START, PREPARE_DECISION).isWaitingAtExactly(TIMER_RESTORATION,
                CLIENT_DECISION, ASK_CONTACT);
        executeJob(pi, ASK_CONTACT);
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CLIENT_DECISION, CALL_CONTACT);
        Date due = (Date) runtime.getVariable(pi.getId(), Vars.ACKNOWLEDGEMENT_DUE);
        Assertions.assertThat(due).isEqualTo(Date.from(now().plus(settings.getAcknowledgementTimeout())));
        assertThat(task(pi, CALL_CONTACT)).hasDueDate(due);
        return pi;
    }

    private void acknowledgementTimesOut(ProcessInstance pi) {
        fireTimer(pi, TIMER_ACKNOWLEDGEMENT, ((Date) runtime.getVariable(pi.getId(), Vars.ACKNOWLEDGEMENT_DUE)).toInstant());
        if (job(pi, RECORD_NO_ANSWER, false) != null) {
            executeJob(pi, RECORD_NO_ANSWER);
        }
    }

    private void takeCharge(ProcessInstance pi, CauseCategory cause) {
        complete(pi, TAKE_CHARGE, Vars.CAUSE_CATEGORY, cause.name(), Vars.TAKE_CHARGE_NOTES, "pris en charge");
    }

    private void declareForceMajeure(String number) {
        identity.setAuthentication(MANAGER, List.of(OpsGroups.MANAGERS));
        try {
            forceMajeure.declare(number, "Inondation du centre de données");
        } finally {
            identity.clearAuthentication();
        }
    }

    private void checkConfirmAndClose(ProcessInstance pi) {
        executeJob(pi, CHECK_SERVICE);
        complete(pi, CONFIRM_RESTORATION, Vars.RESTORED, true);
        executeJob(pi, SEND_REPORT);
        assertThat(pi).hasPassed(END_CLOSED).isEnded();
    }

    // === engine helpers =======================================================================

    private Task task(ProcessInstance pi, String key) {
        return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
    }

    /** Completes the task as an ops user of Tasklist (authenticated, group ops), as the REST API would. */
    private void complete(ProcessInstance pi, String key, Object... variables) {
        Task task = task(pi, key);
        Assertions.assertThat(task).as("task %s", key).isNotNull();
        completeAs(OPS_USER, task, variables);
    }

    private void completeAs(String user, Task task, Object... variables) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            map.put((String) variables[i], variables[i + 1]);
        }
        identity.setAuthentication(user, List.of(user.equals(MANAGER) ? OpsGroups.MANAGERS : OpsGroups.OPS));
        try {
            tasks.complete(task.getId(), map);
        } finally {
            identity.clearAuthentication();
        }
    }

    private Job job(ProcessInstance pi, String activityId) {
        return job(pi, activityId, true);
    }

    private Job job(ProcessInstance pi, String activityId, boolean required) {
        Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
        if (required) {
            Assertions.assertThat(job).as("a job at %s", activityId).isNotNull();
        }
        return job;
    }

    private void executeJob(ProcessInstance pi, String activityId) {
        management.executeJob(job(pi, activityId).getId());
    }

    /**
     * The timer of {@code eventId} is due at {@code due}; the job executor picks it up a second later,
     * and it fires.
     */
    private void fireTimer(ProcessInstance pi, String eventId, Instant due) {
        Job timer = management.createJobQuery().processInstanceId(pi.getId()).activityId(eventId).timers()
                .singleResult();
        Assertions.assertThat(timer).as("timer %s", eventId).isNotNull();
        Assertions.assertThat(timer.getDuedate()).as("due date of %s", eventId).isEqualTo(Date.from(due));
        clock.set(due.plusSeconds(1));
        management.executeJob(timer.getId());
    }

    private void assertDue(ProcessInstance pi, Instant intervention, Instant restoration) {
        Assertions.assertThat(runtime.getVariable(pi.getId(), Vars.INTERVENTION_DUE)).isEqualTo(Date.from(intervention));
        Assertions.assertThat(runtime.getVariable(pi.getId(), Vars.RESTORATION_DUE))
                .isEqualTo(restoration == null ? null : Date.from(restoration));
        Incident record = record(pi);
        Assertions.assertThat(record.getInterventionDue()).isEqualTo(intervention);
        Assertions.assertThat(record.getRestorationDue()).isEqualTo(restoration);
    }

    private Incident record(ProcessInstance pi) {
        return incidents.get(pi.getBusinessKey() != null ? pi.getBusinessKey()
                : (String) history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                        .variableName(Vars.INCIDENT_NUMBER).singleResult().getValue());
    }

    private List<String> timeline(ProcessInstance pi) {
        return incidents.timeline(record(pi)).stream().map(e -> e.getKind().name()).toList();
    }

    private ClientDecision decision(ProcessInstance pi) {
        return decisions.find((String) runtime.getVariable(pi.getId(), Vars.DECISION_ID)).orElseThrow();
    }

    /** The quote's decision record, through the quote record (DESIGN rule 11). */
    private ClientDecision quoteDecision(ProcessInstance pi) {
        return decisions.find(quoteRecords.findById(quoteId(pi)).orElseThrow().getDecisionId()).orElseThrow();
    }

    /** The signed token of a decision's page, as the client's link carries it. */
    private String token(ClientDecision d) {
        String page = decisions.links(d).page();
        return URLDecoder.decode(URI.create(page).getRawPath().substring("/decisions/".length()), StandardCharsets.UTF_8);
    }

    private Instant now() {
        return clock.instant();
    }

    private static Instant paris(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, PARIS).toInstant();
    }

    private static MimeMessage mailTo(String address, String subjectStart) throws Exception {
        return Mails.to(MAIL, address, subjectStart);
    }
}
