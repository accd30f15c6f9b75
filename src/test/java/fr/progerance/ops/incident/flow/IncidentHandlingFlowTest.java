package fr.progerance.ops.incident.flow;

import static fr.progerance.ops.incident.IncidentHandlingProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import fr.progerance.ops.calendar.SlaRule;
import fr.progerance.ops.contract.EmergencyAction;
import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.incident.IncidentHandlingProcess;
import fr.progerance.ops.incident.IncidentHandlingProcess.DecisionOutcome;
import fr.progerance.ops.incident.IncidentHandlingProcess.PhoneOutcome;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentHandlingProcess.Messages;
import fr.progerance.ops.incident.IncidentHandlingProcess.RemediationAction;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.flow.IncidentFlowMocks.Beans;
import fr.progerance.ops.notify.Answer;
import fr.progerance.ops.notify.AnswerChannel;
import fr.progerance.ops.notify.ClientDecisions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flow-only scenarios of {@code IncidentHandling} (R4.1, R4.2, R4.3-*, R3.5, RD-extra) on a
 * standalone in-memory engine with mocked delegates (DESIGN rule 10): every wait state, what
 * happens at each, and a coverage gate of 100 % of the flow nodes and sequence flows of the model
 * (report under {@code target/process-test-coverage/}). Jobs and timers run only when a scenario
 * executes them, with the engine's clock moved to their due date.
 */
@Deployment(resources = IncidentHandlingProcess.RESOURCE)
@DisplayName("IncidentHandling flow (mocked delegates)")
class IncidentHandlingFlowTest {

    /** The standalone engine of these tests: H2 in memory, no job executor, full history, mocks. */
    static final String ENGINE_CONFIGURATION = "incident-flow/camunda.cfg.xml";

    @RegisterExtension
    static final ProcessEngineCoverageExtension ENGINE = ProcessEngineCoverageExtension
            .builder(coverageEngineConfiguration())
            .assertClassCoverageAtLeast(1.0)
            .build();

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** RC-business: a Tuesday inside business hours. */
    private static final Instant TUESDAY_10H = ZonedDateTime.of(2026, 3, 10, 10, 0, 0, 0, PARIS).toInstant();
    /** Outside business hours (R4.3-t2). */
    private static final Instant SATURDAY_22H = ZonedDateTime.of(2026, 3, 14, 22, 0, 0, 0, PARIS).toInstant();
    /** The next business-hours opening after {@link #SATURDAY_22H}. */
    private static final Instant MONDAY_9H = ZonedDateTime.of(2026, 3, 16, 9, 0, 0, 0, PARIS).toInstant();

    private static final String NUMBER = "INC-2026-000042";
    private static final String OPS = "ops";

    private IncidentFlowMocks mocks;

    /** The trap of process-test-coverage 3.0.0: the configuration needs its parse listeners. */
    private static ProcessEngineConfigurationImpl coverageEngineConfiguration() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createProcessEngineConfigurationFromResource(ENGINE_CONFIGURATION);
        ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
        return configuration;
    }

    @BeforeEach
    void setUp() {
        at(TUESDAY_10H);
        BpmnAwareTests.init(ENGINE.getProcessEngine());
        mocks = IncidentFlowMocks.register();
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    /**
     * Closes this class's engine (and unregisters it from {@code ProcessEngines}) so that later test
     * classes of the same JVM never meet it; the coverage report is computed from what the
     * extension already collected.
     */
    @AfterAll
    static void closeEngine() {
        ENGINE.getProcessEngine().close();
    }

    // === R4.3-p1: PROGERANCE ==================================================================

    @Test
    @DisplayName("R4.3-p1 PROGERANCE N1: reported, clocks, take charge due at the GTI, restart, check, restored, closed")
    void progeranceHappyPath() {
        ProcessInstance pi = reportIncident();

        // Three branches from the clocks: diagnosis (save point), restoration watch, take charge.
        assertThat(pi).isStarted().hasBusinessKey(NUMBER)
                .hasPassedInOrder(START, REGISTER, GATEWAY_DUPLICATE, GATEWAY_OUT_OF_HOURS, JOIN_CLOCKS,
                        START_CLOCKS, SPLIT_WORK, GATEWAY_GTR)
                .isWaitingAtExactly(DIAGNOSE, TIMER_RESTORATION, TAKE_CHARGE);
        assertThat(pi).variables()
                .containsEntry(Vars.SLA_RULE, SlaRule.PROGERANCE_N1)
                .containsEntry(Vars.RESTORATION_GUARANTEED, true);
        Date interventionDue = date(pi, Vars.INTERVENTION_DUE);
        Date restorationDue = date(pi, Vars.RESTORATION_DUE);
        Assertions.assertThat(interventionDue.toInstant()).isEqualTo(TUESDAY_10H.plus(Duration.ofMinutes(10)));
        Assertions.assertThat(restorationDue.toInstant()).isEqualTo(TUESDAY_10H.plus(Duration.ofMinutes(40)));
        assertThat(task(TAKE_CHARGE, pi)).hasCandidateGroup(OPS).isNotAssigned().hasDueDate(interventionDue);
        assertTimerPending(pi, TIMER_INTERVENTION, interventionDue);
        assertTimerPending(pi, TIMER_RESTORATION, restorationDue);

        // Save point: the diagnosis runs as a job and ends its branch.
        executeJob(pi, DIAGNOSE);
        assertThat(pi).hasPassed(DIAGNOSE, END_DIAGNOSIS).isWaitingAtExactly(TIMER_RESTORATION, TAKE_CHARGE);
        assertThat(pi).variables().containsEntry(Vars.SERVER_REACHABLE, true);

        // Ops take charge within the GTI: the intervention timer goes away, nothing is escalated.
        passTime(Duration.ofMinutes(4));
        takeCharge(pi, CauseCategory.SYSTEM);
        assertThat(pi).hasPassed(RECORD_INTERVENTION, GATEWAY_HOSTER).hasNotPassed(ESCALATE_INTERVENTION)
                .isWaitingAtExactly(TIMER_RESTORATION, CHOOSE_REMEDIATION);
        assertThat(pi).variables().containsEntry(Vars.ROUTE_TO_HOSTER, false);
        assertNoJob(pi, TIMER_INTERVENTION);
        assertThat(task(CHOOSE_REMEDIATION, pi)).hasCandidateGroup(OPS).hasDueDate(restorationDue);

        // Restart an allowed service: save point before (SSH) and after (the side effect).
        complete(task(CHOOSE_REMEDIATION, pi), withVariables(Vars.REMEDIATION_ACTION,
                RemediationAction.RESTART_SERVICE.name(), Vars.SERVICE_NAME, "php8.2-fpm"));
        assertThat(pi).hasPassed(GATEWAY_REMEDIATION).isWaitingAtExactly(TIMER_RESTORATION, RUN_REMEDIATION);
        executeJob(pi, RUN_REMEDIATION);
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, RUN_REMEDIATION);
        assertThat(pi).variables().containsKey(Vars.REMEDIATION_RESULT);
        executeJob(pi, RUN_REMEDIATION);
        assertThat(pi).hasPassed(RUN_REMEDIATION, JOIN_CHECK).isWaitingAtExactly(TIMER_RESTORATION, CHECK_SERVICE);

        executeJob(pi, CHECK_SERVICE);
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CONFIRM_RESTORATION);
        assertThat(pi).variables().containsEntry(Vars.SERVICE_ANSWERS, true);
        assertThat(task(CONFIRM_RESTORATION, pi)).hasCandidateGroup(OPS).hasDueDate(restorationDue);

        // Ops confirm: the record closes, the report leaves (save point), the terminate end event
        // ends the restoration watch too.
        passTime(Duration.ofMinutes(10));
        complete(task(CONFIRM_RESTORATION, pi), withVariables(Vars.RESTORED, true));
        assertThat(pi).hasPassed(GATEWAY_RESTORED, CLOSE).isWaitingAtExactly(TIMER_RESTORATION, SEND_REPORT);
        executeJob(pi, SEND_REPORT);
        assertThat(pi).hasPassed(SEND_REPORT, END_CLOSED).hasNotPassed(ESCALATE_RESTORATION).isEnded();
        assertCancelled(pi, TIMER_RESTORATION);
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(mocks.ran()).containsExactly(Beans.REGISTER, Beans.START_CLOCKS, Beans.DIAGNOSE,
                Beans.RECORD_INTERVENTION, Beans.REMEDIATION_VALIDATOR, Beans.RUN_REMEDIATION, Beans.CHECK_SERVICE,
                timeline(CONFIRM_RESTORATION), Beans.CLOSE, Beans.SEND_REPORT);
    }

    @Test
    @DisplayName("R4.3-p1 intervention breach: the GTI passes before take charge; escalated once, the task stays open")
    void interventionBreach() {
        ProcessInstance pi = reportIncident();
        executeJob(pi, DIAGNOSE);
        Date interventionDue = date(pi, Vars.INTERVENTION_DUE);

        passTime(Duration.ofMinutes(9));
        assertTimerPending(pi, TIMER_INTERVENTION, interventionDue);

        // The GTI passes: the non-interrupting timer escalates, the take-charge task stays.
        at(interventionDue.toInstant().plusSeconds(60));
        fireDueTimer(pi, TIMER_INTERVENTION);
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, TAKE_CHARGE, ESCALATE_INTERVENTION);
        executeJob(pi, ESCALATE_INTERVENTION);
        assertThat(pi).hasPassed(TIMER_INTERVENTION, ESCALATE_INTERVENTION, END_INTERVENTION_ESCALATED)
                .isWaitingAtExactly(TIMER_RESTORATION, TAKE_CHARGE);
        Assertions.assertThat(mocks.timesRan(Beans.ESCALATE_INTERVENTION)).isEqualTo(1);
        assertThat(task(TAKE_CHARGE, pi)).hasDueDate(interventionDue);
        assertNoJob(pi, TIMER_INTERVENTION);

        // Ops take charge later; the work goes on.
        passTime(Duration.ofMinutes(6));
        takeCharge(pi, CauseCategory.APPLICATION);
        assertThat(pi).hasPassed(TAKE_CHARGE, RECORD_INTERVENTION)
                .isWaitingAtExactly(TIMER_RESTORATION, CHOOSE_REMEDIATION);
        Assertions.assertThat(mocks.timesRan(Beans.ESCALATE_INTERVENTION)).isEqualTo(1);
        Assertions.assertThat(mocks.timesRan(Beans.ESCALATE_RESTORATION)).isZero();
    }

    @Test
    @DisplayName("R4.3-p1 restoration breach: the GTR passes during a reboot; escalated, the remediation goes on")
    void restorationBreach() {
        ProcessInstance pi = takenInCharge(CauseCategory.SYSTEM);
        Date restorationDue = date(pi, Vars.RESTORATION_DUE);
        complete(task(CHOOSE_REMEDIATION, pi),
                withVariables(Vars.REMEDIATION_ACTION, RemediationAction.REBOOT_SERVER.name()));
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, RUN_REMEDIATION);
        assertTimerPending(pi, TIMER_RESTORATION, restorationDue);

        at(restorationDue.toInstant().plusSeconds(1));
        fireDueTimer(pi, TIMER_RESTORATION);
        assertThat(pi).isWaitingAtExactly(ESCALATE_RESTORATION, RUN_REMEDIATION);
        executeJob(pi, ESCALATE_RESTORATION);
        assertThat(pi).hasPassed(TIMER_RESTORATION, ESCALATE_RESTORATION, END_RESTORATION_ESCALATED)
                .isWaitingAtExactly(RUN_REMEDIATION);
        Assertions.assertThat(mocks.timesRan(Beans.ESCALATE_RESTORATION)).isEqualTo(1);
        Assertions.assertThat(mocks.timesRan(Beans.ESCALATE_INTERVENTION)).isZero();

        // The reboot still runs and the incident closes late.
        executeJob(pi, RUN_REMEDIATION);
        executeJob(pi, RUN_REMEDIATION);
        assertThat(pi).isWaitingAtExactly(CHECK_SERVICE);
        checkConfirmAndClose(pi);
    }

    @Test
    @DisplayName("Same incident already open: the report is attached and the instance ends")
    void attachedToOpenIncident() {
        mocks.attachedToOpenIncident();

        ProcessInstance pi = reportIncident();

        assertThat(pi).hasPassedInOrder(START, REGISTER, GATEWAY_DUPLICATE, END_ATTACHED)
                .hasNotPassed(START_CLOCKS, TAKE_CHARGE).isEnded();
        Assertions.assertThat(mocks.ran()).containsExactly(Beans.REGISTER);
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    // === R4.3-t1 / R4.3-t2: TIERCE ============================================================

    @Test
    @DisplayName("R4.3-t2 TIERCE out of hours: the client is told, agrees to act now; the GTI starts at the agreement")
    void tierceOutOfHoursClientAgrees() {
        ProcessInstance pi = reportedOutOfHours();
        passTime(Duration.ofMinutes(20));
        Instant agreedAt = now();

        complete(task(RECORD_AGREEMENT, pi), withVariables(Vars.CLIENT_AGREES_NOW, true));

        assertThat(pi).hasPassed(GATEWAY_ACT_NOW, JOIN_CLOCKS, START_CLOCKS, END_BEST_EFFORT)
                .hasNotPassed(TIMER_NEXT_OPENING).isWaitingAtExactly(DIAGNOSE, TAKE_CHARGE);
        assertNoJob(pi, Elements.TIMER_OPENED_WHILE_WAITING);
        assertThat(pi).variables().containsEntry(Vars.SLA_RULE, SlaRule.TIERCE_OUTSIDE_BUSINESS_HOURS);
        Date interventionDue = date(pi, Vars.INTERVENTION_DUE);
        Assertions.assertThat(interventionDue.toInstant()).isEqualTo(agreedAt.plus(Duration.ofMinutes(15)));
        assertThat(task(TAKE_CHARGE, pi)).hasCandidateGroup(OPS).hasDueDate(interventionDue);
    }

    @Test
    @DisplayName("R4.3-t2 TIERCE out of hours: ops record that the client prefers to wait; the work starts at the opening")
    void tierceOutOfHoursClientWaits() {
        ProcessInstance pi = reportedOutOfHours();
        passTime(Duration.ofMinutes(20));

        complete(task(RECORD_AGREEMENT, pi), withVariables(Vars.CLIENT_AGREES_NOW, false));

        assertThat(pi).hasPassed(GATEWAY_ACT_NOW).hasNotPassed(START_CLOCKS).isWaitingAtExactly(TIMER_NEXT_OPENING);
        assertTimerPending(pi, TIMER_NEXT_OPENING, Date.from(MONDAY_9H));
        Assertions.assertThat(taskQuery().processInstanceId(pi.getId()).count()).isZero();

        at(MONDAY_9H);
        fireDueTimer(pi, TIMER_NEXT_OPENING);
        assertThat(pi).hasPassed(TIMER_NEXT_OPENING, START_CLOCKS).isWaitingAtExactly(DIAGNOSE, TAKE_CHARGE);
        Date interventionDue = date(pi, Vars.INTERVENTION_DUE);
        Assertions.assertThat(interventionDue.toInstant()).isEqualTo(MONDAY_9H.plus(Duration.ofMinutes(15)));
        assertThat(task(TAKE_CHARGE, pi)).hasDueDate(interventionDue);
    }

    @Test
    @DisplayName("R4.3-t2 TIERCE out of hours: nobody records the agreement before the opening; the wait ends there")
    void tierceOutOfHoursNobodyRecordsTheAgreement() {
        ProcessInstance pi = reportedOutOfHours();

        at(MONDAY_9H);
        fireDueTimer(pi, Elements.TIMER_OPENED_WHILE_WAITING);
        assertThat(pi).hasPassed(Elements.TIMER_OPENED_WHILE_WAITING, START_CLOCKS).hasNotPassed(GATEWAY_ACT_NOW,
                TIMER_NEXT_OPENING).isWaitingAtExactly(DIAGNOSE, TAKE_CHARGE);
        assertCancelled(pi, RECORD_AGREEMENT);
        Assertions.assertThat(date(pi, Vars.INTERVENTION_DUE).toInstant())
                .isEqualTo(MONDAY_9H.plus(Duration.ofMinutes(15)));
    }

    @Test
    @DisplayName("R4.3-t1 TIERCE in business hours: GTI 15 min, restoration best effort (no timer, no due date)")
    void tierceBestEffort() {
        mocks.onTierce();

        ProcessInstance pi = reportIncident();

        assertThat(pi).hasPassed(GATEWAY_OUT_OF_HOURS, START_CLOCKS, GATEWAY_GTR, END_BEST_EFFORT)
                .hasNotPassed(NOTIFY_OUT_OF_HOURS).isWaitingAtExactly(DIAGNOSE, TAKE_CHARGE);
        assertThat(pi).variables()
                .containsEntry(Vars.SLA_RULE, SlaRule.TIERCE_BUSINESS_HOURS)
                .containsEntry(Vars.RESTORATION_GUARANTEED, false)
                .containsEntry(Vars.RESTORATION_DUE, null);
        assertNoJob(pi, TIMER_RESTORATION);
        Date interventionDue = date(pi, Vars.INTERVENTION_DUE);
        Assertions.assertThat(interventionDue.toInstant()).isEqualTo(TUESDAY_10H.plus(Duration.ofMinutes(15)));
        assertThat(task(TAKE_CHARGE, pi)).hasCandidateGroup(OPS).hasDueDate(interventionDue);

        executeJob(pi, DIAGNOSE);
        takeCharge(pi, CauseCategory.APPLICATION);
        assertThat(pi).isWaitingAtExactly(CHOOSE_REMEDIATION);
        Assertions.assertThat(task(CHOOSE_REMEDIATION, pi).getDueDate()).isNull();
        complete(task(CHOOSE_REMEDIATION, pi), withVariables(Vars.REMEDIATION_ACTION,
                RemediationAction.RESTART_SERVICE.name(), Vars.SERVICE_NAME, "nginx"));
        executeJob(pi, RUN_REMEDIATION);
        executeJob(pi, RUN_REMEDIATION);
        executeJob(pi, CHECK_SERVICE);
        Assertions.assertThat(task(CONFIRM_RESTORATION, pi).getDueDate()).isNull();
        complete(task(CONFIRM_RESTORATION, pi), withVariables(Vars.RESTORED, true));
        executeJob(pi, SEND_REPORT);
        assertThat(pi).hasPassed(END_CLOSED).isEnded();
        Assertions.assertThat(mocks.timesRan(Beans.ESCALATE_RESTORATION)).isZero();
    }

    // === R4.2, R3.5, RD-extra: hardware or network on TIERCE ==================================

    @Test
    @DisplayName("R4.2/R3.5 hardware incident on TIERCE: routed to the hoster, who handles it; no work of ours")
    void hosterHandles() {
        ProcessInstance pi = routedToHoster();

        complete(task(COORDINATE_HOSTER, pi), withVariables(Vars.COMPLEMENTARY_WORK_REQUESTED, false));

        assertThat(pi).hasPassed(GATEWAY_COMPLEMENTARY, JOIN_CHECK).hasNotPassed(PREPARE_QUOTE, CHOOSE_REMEDIATION)
                .isWaitingAtExactly(CHECK_SERVICE);
        checkConfirmAndClose(pi);
        Assertions.assertThat(mocks.ran()).contains(Beans.NOTIFY_HOSTER)
                .doesNotContain(Beans.SEND_QUOTE, Beans.RUN_REMEDIATION, Beans.REMEDIATION_VALIDATOR);
    }

    @Test
    @DisplayName("RD-extra complementary work: quote prepared, sent, approved by link, carried out, restored")
    void complementaryWorkQuoteApprovedByLink() {
        ProcessInstance pi = quoteSent();

        runtimeService().createMessageCorrelation(Messages.QUOTE_DECISION).processInstanceId(pi.getId())
                .setVariable(Vars.QUOTE_DECISION_ID, variable(pi, Vars.QUOTE_DECISION_ID))
                .setVariable(Vars.QUOTE_DECISION_APPROVED, true)
                .setVariable(Vars.QUOTE_DECISION_CHANNEL, AnswerChannel.LINK.name())
                .correlateWithResult();

        // The link's answer only commits; recording it is a job of its own.
        assertThat(pi).hasPassed(MESSAGE_QUOTE_ANSWERED).isWaitingAtExactly(RECORD_QUOTE_ANSWER);
        Assertions.assertThat(taskQuery().processInstanceId(pi.getId()).count()).isZero();
        executeJob(pi, RECORD_QUOTE_ANSWER);
        assertThat(pi).hasPassed(GATEWAY_QUOTE_APPROVED).isWaitingAtExactly(CARRY_OUT_ACTION);
        assertThat(pi).variables().containsEntry(Vars.QUOTE_APPROVED, true);
        assertThat(task(CARRY_OUT_ACTION, pi)).hasCandidateGroup(OPS);

        complete(task(CARRY_OUT_ACTION, pi));
        assertThat(pi).hasPassed(CARRY_OUT_ACTION).isWaitingAtExactly(CHECK_SERVICE);
        checkConfirmAndClose(pi);
        Assertions.assertThat(mocks.ran()).containsSubsequence(Beans.NOTIFY_HOSTER, Beans.SEND_QUOTE,
                Beans.RECORD_QUOTE_ANSWER, timeline(CARRY_OUT_ACTION), Beans.CHECK_SERVICE);
    }

    @Test
    @DisplayName("RD-extra complementary work: the client declines the quote by phone; nothing of ours is carried out")
    void complementaryWorkQuoteDeclinedByPhone() {
        ProcessInstance pi = quoteSent();

        complete(task(FOLLOW_UP_QUOTE, pi), withVariables(Vars.QUOTE_PHONE_ANSWER, Answer.DECLINE.name()));

        assertThat(pi).hasPassed(FOLLOW_UP_QUOTE).hasNotPassed(MESSAGE_QUOTE_ANSWERED)
                .isWaitingAtExactly(RECORD_QUOTE_ANSWER);
        executeJob(pi, RECORD_QUOTE_ANSWER);
        assertThat(pi).hasPassed(GATEWAY_QUOTE_APPROVED, JOIN_CHECK).hasNotPassed(CARRY_OUT_ACTION)
                .isWaitingAtExactly(CHECK_SERVICE);
        assertThat(pi).variables().containsEntry(Vars.QUOTE_APPROVED, false);
        checkConfirmAndClose(pi);
    }

    // === R4.3-t3 to R4.3-t5: the client's decision ============================================

    @Test
    @DisplayName("R4.3-t3 client decision: the primary contact approves by the signed link; the action is carried out")
    void primaryApprovesByLink() {
        ProcessInstance pi = askingFirstContact();
        Date restorationDue = date(pi, Vars.RESTORATION_DUE);

        answerByLink(pi, true);

        assertThat(pi).hasPassed(MESSAGE_DECISION_ANSWERED).isWaitingAtExactly(TIMER_RESTORATION, CLIENT_DECISION,
                RECORD_ANSWER);
        executeJob(pi, RECORD_ANSWER);
        assertThat(pi).hasPassed(GATEWAY_ANSWERED, DECISION_END, CLIENT_DECISION, GATEWAY_DECISION_OUTCOME)
                .hasNotPassed(RECORD_NO_ANSWER, APPLY_PROCEDURE, RESTRICT_ACTIONS)
                .isWaitingAtExactly(TIMER_RESTORATION, CARRY_OUT_ACTION);
        assertThat(pi).variables()
                .containsEntry(Vars.DECISION_OUTCOME, DecisionOutcome.CLIENT_APPROVED.name())
                .containsEntry(Vars.DECISION_CHANNEL, AnswerChannel.LINK.name());
        assertThat(task(CARRY_OUT_ACTION, pi)).hasCandidateGroup(OPS).hasDueDate(restorationDue);

        complete(task(CARRY_OUT_ACTION, pi));
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CHECK_SERVICE);
        Assertions.assertThat(mocks.ran()).contains(timeline(CARRY_OUT_ACTION));
    }

    @Test
    @DisplayName("R4.3-t5 (1) the primary contact does not acknowledge in time; the secondary approves by phone")
    void primaryTimesOutSecondaryApprovesByPhone() {
        ProcessInstance pi = askingFirstContact();

        acknowledgementTimesOut(pi);
        assertThat(pi).hasPassed(TIMER_ACKNOWLEDGEMENT, RECORD_NO_ANSWER, GATEWAY_MORE_CONTACTS)
                .hasNotPassed(GATEWAY_PROCEDURE).isWaitingAtExactly(TIMER_RESTORATION, CLIENT_DECISION, ASK_CONTACT);
        assertThat(pi).variables().containsEntry(Vars.CONTACT_INDEX, 1);

        executeJob(pi, ASK_CONTACT);
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CLIENT_DECISION, CALL_CONTACT);
        Date secondDue = date(pi, Vars.ACKNOWLEDGEMENT_DUE);
        Assertions.assertThat(secondDue.toInstant()).isEqualTo(now().plus(mocks.settings().getAcknowledgementTimeout()));
        assertThat(task(CALL_CONTACT, pi)).hasDueDate(secondDue);
        assertTimerPending(pi, TIMER_ACKNOWLEDGEMENT, secondDue);

        complete(task(CALL_CONTACT, pi), withVariables(Vars.PHONE_OUTCOME, Answer.APPROVE.name()));
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CLIENT_DECISION, RECORD_ANSWER);
        executeJob(pi, RECORD_ANSWER);
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CARRY_OUT_ACTION);
        assertThat(pi).variables().containsEntry(Vars.DECISION_OUTCOME, DecisionOutcome.CLIENT_APPROVED.name());
        Assertions.assertThat(mocks.timesRan(Beans.ASK_CONTACT)).isEqualTo(2);
    }

    @Test
    @DisplayName("R4.3-t5 (2) nobody answers (phone, then timeout); the emergency procedure applies; the action is carried out")
    void nobodyAnswersProcedureApplies() {
        mocks.decisionContacts(2, true, true);
        ProcessInstance pi = askingFirstContact();

        complete(task(CALL_CONTACT, pi), withVariables(Vars.PHONE_OUTCOME, PhoneOutcome.NO_ANSWER.name()));
        executeJob(pi, RECORD_ANSWER);
        assertThat(pi).hasPassed(RECORD_ANSWER, GATEWAY_ANSWERED, GATEWAY_MORE_CONTACTS).hasNotPassed(DECISION_END)
                .isWaitingAtExactly(TIMER_RESTORATION, CLIENT_DECISION, ASK_CONTACT);
        executeJob(pi, ASK_CONTACT);
        acknowledgementTimesOut(pi);

        assertThat(pi).hasPassed(GATEWAY_PROCEDURE).hasNotPassed(RESTRICT_ACTIONS)
                .isWaitingAtExactly(TIMER_RESTORATION, CLIENT_DECISION, APPLY_PROCEDURE);
        executeJob(pi, APPLY_PROCEDURE);
        assertThat(pi).hasPassed(APPLY_PROCEDURE, DECISION_END, GATEWAY_DECISION_OUTCOME)
                .isWaitingAtExactly(TIMER_RESTORATION, CARRY_OUT_ACTION);
        assertThat(pi).variables()
                .containsEntry(Vars.DECISION_OUTCOME, DecisionOutcome.EMERGENCY_PROCEDURE.name())
                .containsEntry(Vars.IMPACTING_ACTIONS_ALLOWED, true);
        complete(task(CARRY_OUT_ACTION, pi));
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CHECK_SERVICE);
    }

    @Test
    @DisplayName("R4.3-t5 (3)/R4.3-t4 nobody answers, no procedure: only actions without impact; a reboot is refused")
    void nobodyAnswersNoProcedure() {
        mocks.decisionContacts(1, false, false);
        ProcessInstance pi = askingFirstContact();

        acknowledgementTimesOut(pi);

        assertThat(pi).hasPassed(RECORD_NO_ANSWER, GATEWAY_MORE_CONTACTS, GATEWAY_PROCEDURE, RESTRICT_ACTIONS,
                        DECISION_END, GATEWAY_DECISION_OUTCOME, JOIN_CHECK)
                .hasNotPassed(APPLY_PROCEDURE, CARRY_OUT_ACTION).isWaitingAtExactly(TIMER_RESTORATION, CHECK_SERVICE);
        assertThat(pi).variables()
                .containsEntry(Vars.DECISION_OUTCOME, DecisionOutcome.NON_IMPACTING_ONLY.name())
                .containsEntry(Vars.IMPACTING_ACTIONS_ALLOWED, false);

        // Not restored: back to the choice, where an action with impact is refused.
        mocks.shopAnswers(false);
        executeJob(pi, CHECK_SERVICE);
        complete(task(CONFIRM_RESTORATION, pi), withVariables(Vars.RESTORED, false));
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CHOOSE_REMEDIATION);
        Task choice = task(CHOOSE_REMEDIATION, pi);
        Map<String, Object> reboot = withVariables(Vars.REMEDIATION_ACTION, RemediationAction.REBOOT_SERVER.name());
        Assertions.assertThatThrownBy(() -> complete(choice, reboot)).hasMessageContaining("R4.3-t5 (3)");
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CHOOSE_REMEDIATION);

        complete(task(CHOOSE_REMEDIATION, pi), withVariables(Vars.REMEDIATION_ACTION,
                RemediationAction.RESTART_SERVICE.name(), Vars.SERVICE_NAME, "nginx"));
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, RUN_REMEDIATION);
    }

    @Test
    @DisplayName("R4.3-t3 client decision: the primary contact declines by link; nothing is carried out")
    void clientDeclines() {
        ProcessInstance pi = askingFirstContact();

        answerByLink(pi, false);
        executeJob(pi, RECORD_ANSWER);

        assertThat(pi).hasPassed(GATEWAY_ANSWERED, DECISION_END, GATEWAY_DECISION_OUTCOME, JOIN_CHECK)
                .hasNotPassed(CARRY_OUT_ACTION, GATEWAY_MORE_CONTACTS)
                .isWaitingAtExactly(TIMER_RESTORATION, CHECK_SERVICE);
        assertThat(pi).variables()
                .containsEntry(Vars.DECISION_OUTCOME, DecisionOutcome.CLIENT_DECLINED.name())
                .containsEntry(Vars.DECISION_APPROVED, false)
                .containsEntry(Vars.IMPACTING_ACTIONS_ALLOWED, true);
    }

    // === Restoration loop =====================================================================

    @Test
    @DisplayName("Not restored: NO_ACTION, the check fails, ops say not restored; back to the choice, then a restart restores")
    void notRestoredLoopsBack() {
        ProcessInstance pi = takenInCharge(CauseCategory.DATABASE);

        complete(task(CHOOSE_REMEDIATION, pi),
                withVariables(Vars.REMEDIATION_ACTION, RemediationAction.NO_ACTION.name()));
        assertThat(pi).hasPassed(GATEWAY_REMEDIATION, JOIN_CHECK).hasNotPassed(RUN_REMEDIATION, CLIENT_DECISION)
                .isWaitingAtExactly(TIMER_RESTORATION, CHECK_SERVICE);

        mocks.shopAnswers(false);
        executeJob(pi, CHECK_SERVICE);
        assertThat(pi).variables().containsEntry(Vars.SERVICE_ANSWERS, false);
        complete(task(CONFIRM_RESTORATION, pi),
                withVariables(Vars.RESTORED, false, Vars.RESTORATION_NOTES, "la boutique renvoie toujours 502"));
        assertThat(pi).hasPassed(GATEWAY_RESTORED).hasNotPassed(CLOSE)
                .isWaitingAtExactly(TIMER_RESTORATION, CHOOSE_REMEDIATION);
        Assertions.assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(CHOOSE_REMEDIATION).count()).isEqualTo(2);

        mocks.shopAnswers(true);
        complete(task(CHOOSE_REMEDIATION, pi), withVariables(Vars.REMEDIATION_ACTION,
                RemediationAction.RESTART_SERVICE.name(), Vars.SERVICE_NAME, "mariadb"));
        executeJob(pi, RUN_REMEDIATION);
        executeJob(pi, RUN_REMEDIATION);
        checkConfirmAndClose(pi);
        Assertions.assertThat(mocks.timesRan(Beans.CHECK_SERVICE)).isEqualTo(2);
    }

    // === Save points: technical failures retry, then raise a Camunda incident =================

    @Test
    @DisplayName("DESIGN rule 3/4: a failing diagnosis retries per incidentSettings.retryCycle, then raises an incident; take charge never waits")
    void failingDiagnosisRetriesThenRaisesAnIncident() {
        String failure = "SSH to web-01 (203.0.113.10:22) failed: connection refused";
        mocks.diagnosisFails(new IllegalStateException(failure));
        Assertions.assertThat(mocks.settings().getRetryCycle()).isEqualTo("R3/PT1M");

        ProcessInstance pi = reportIncident();

        // Take charge exists before the diagnosis ever ran.
        assertThat(pi).isWaitingAtExactly(DIAGNOSE, TIMER_RESTORATION, TAKE_CHARGE);
        assertThat(task(TAKE_CHARGE, pi)).hasCandidateGroup(OPS).hasDueDate(date(pi, Vars.INTERVENTION_DUE));

        for (int expectedRetries = 2; expectedRetries >= 0; expectedRetries--) {
            Job diagnosis = job(DIAGNOSE, pi);
            Assertions.assertThatThrownBy(() -> execute(diagnosis)).hasMessageContaining(failure);
            Job failed = job(DIAGNOSE, pi);
            assertThat(failed).hasRetries(expectedRetries).hasExceptionMessage();
            if (expectedRetries > 0) {
                // R3/PT1M: the next try one minute later
                assertThat(failed).hasDueDate(Date.from(now().plus(Duration.ofMinutes(1))));
                passTime(Duration.ofMinutes(1));
            }
        }
        Assertions.assertThat(mocks.timesRan(Beans.DIAGNOSE)).isEqualTo(3);
        Incident incident = runtimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(incident).isNotNull();
        Assertions.assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        Assertions.assertThat(incident.getActivityId()).isEqualTo(DIAGNOSE);
        Assertions.assertThat(incident.getIncidentMessage()).isEqualTo(failure);

        // Ops work on regardless.
        takeCharge(pi, CauseCategory.SYSTEM);
        assertThat(pi).hasNotPassed(END_DIAGNOSIS).isWaitingAtExactly(DIAGNOSE, TIMER_RESTORATION, CHOOSE_REMEDIATION);
    }

    // === R9: force majeure ======================================================================

    @Test
    @DisplayName("R9 force majeure: the SLA timers stop while it lasts; when managers lift it, deadlines and due dates move")
    void forceMajeureSuspendsTheClocks() {
        ProcessInstance pi = reportIncident();
        Date interventionDue = date(pi, Vars.INTERVENTION_DUE);
        Date restorationDue = date(pi, Vars.RESTORATION_DUE);

        passTime(Duration.ofMinutes(5));
        runtimeService().createMessageCorrelation(Messages.FORCE_MAJEURE).processInstanceBusinessKey(NUMBER)
                .setVariable(Vars.FORCE_MAJEURE_REASON, "Incendie du centre de données").correlate();
        assertThat(pi).hasPassed(FORCE_MAJEURE_START, SUSPEND_CLOCKS)
                .isWaitingAtExactly(DIAGNOSE, TIMER_RESTORATION, TAKE_CHARGE, FORCE_MAJEURE, LIFT_FORCE_MAJEURE);
        assertThat(task(LIFT_FORCE_MAJEURE, pi)).hasCandidateGroup("managers");
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).timers().suspended().count())
                .as("both deadline timers are suspended").isEqualTo(2);

        // Long past the deadlines: suspended timers do not fire, nothing is escalated.
        passTime(Duration.ofHours(2));
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).timers().active().executable().count()).isZero();

        complete(task(LIFT_FORCE_MAJEURE, pi), withVariables(Vars.FORCE_MAJEURE_NOTES, "Courant rétabli"));
        assertThat(pi).hasPassed(LIFT_FORCE_MAJEURE, RESUME_CLOCKS)
                .isWaitingAtExactly(DIAGNOSE, TIMER_RESTORATION, TAKE_CHARGE, FORCE_MAJEURE, REACTIVATE_TIMERS);
        executeJob(pi, REACTIVATE_TIMERS);
        assertThat(pi).hasPassed(REACTIVATE_TIMERS, END_FORCE_MAJEURE)
                .isWaitingAtExactly(DIAGNOSE, TIMER_RESTORATION, TAKE_CHARGE);
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).timers().suspended().count()).isZero();
        Date movedIntervention = date(pi, Vars.INTERVENTION_DUE);
        Assertions.assertThat(movedIntervention.toInstant()).isEqualTo(interventionDue.toInstant().plus(Duration.ofHours(2)));
        assertTimerPending(pi, TIMER_INTERVENTION, movedIntervention);
        assertTimerPending(pi, TIMER_RESTORATION, Date.from(restorationDue.toInstant().plus(Duration.ofHours(2))));
        assertThat(task(TAKE_CHARGE, pi)).hasDueDate(movedIntervention);
        Assertions.assertThat(mocks.ran()).containsSubsequence(Beans.SUSPEND_CLOCKS, Beans.RESUME_CLOCKS,
                        Beans.REACTIVATE_TIMERS)
                .doesNotContain(Beans.ESCALATE_INTERVENTION, Beans.ESCALATE_RESTORATION);
    }

    // === steps ================================================================================

    private ProcessInstance reportIncident() {
        return runtimeService().startProcessInstanceByKey(IncidentHandlingProcess.KEY,
                withVariables(Vars.INCIDENT_NUMBER, NUMBER, Vars.SOURCE, "monitoring"));
    }

    /** R4.3-t2: reported Saturday 22h on TIERCE; the client is told; ops must record its answer. */
    private ProcessInstance reportedOutOfHours() {
        at(SATURDAY_22H);
        mocks.outOfHoursWithoutAgreement(MONDAY_9H);
        ProcessInstance pi = reportIncident();
        assertThat(pi).hasPassed(GATEWAY_OUT_OF_HOURS).hasNotPassed(START_CLOCKS)
                .isWaitingAtExactly(NOTIFY_OUT_OF_HOURS);
        assertThat(pi).variables().containsEntry(Vars.NEEDS_CLIENT_AGREEMENT, true);

        executeJob(pi, NOTIFY_OUT_OF_HOURS);
        assertThat(pi).hasPassed(NOTIFY_OUT_OF_HOURS).isWaitingAtExactly(RECORD_AGREEMENT);
        assertThat(task(RECORD_AGREEMENT, pi)).hasCandidateGroup(OPS);
        assertTimerPending(pi, Elements.TIMER_OPENED_WHILE_WAITING, Date.from(MONDAY_9H));
        Assertions.assertThat(mocks.ran()).containsExactly(Beans.REGISTER, Beans.NOTIFY_OUT_OF_HOURS);
        return pi;
    }

    private static void takeCharge(ProcessInstance pi, CauseCategory cause) {
        complete(task(TAKE_CHARGE, pi), withVariables(Vars.CAUSE_CATEGORY, cause.name(),
                Vars.TAKE_CHARGE_NOTES, "pris en charge"));
    }

    /** Reported (PROGERANCE N1 unless the fixture says otherwise), diagnosed, taken in charge 5 min later. */
    private ProcessInstance takenInCharge(CauseCategory cause) {
        ProcessInstance pi = reportIncident();
        executeJob(pi, DIAGNOSE);
        passTime(Duration.ofMinutes(5));
        takeCharge(pi, cause);
        return pi;
    }

    /** R4.2, R3.5: a hardware cause on TIERCE; the hoster and the client are notified; ops coordinate. */
    private ProcessInstance routedToHoster() {
        mocks.onTierce();
        ProcessInstance pi = takenInCharge(CauseCategory.HARDWARE);
        assertThat(pi).hasPassed(RECORD_INTERVENTION, GATEWAY_HOSTER).isWaitingAtExactly(NOTIFY_HOSTER);
        assertThat(pi).variables().containsEntry(Vars.ROUTE_TO_HOSTER, true);
        executeJob(pi, NOTIFY_HOSTER);
        assertThat(pi).hasPassed(NOTIFY_HOSTER).isWaitingAtExactly(COORDINATE_HOSTER);
        assertThat(task(COORDINATE_HOSTER, pi)).hasCandidateGroup(OPS);
        return pi;
    }

    /** RD-extra: complementary work requested; ops prepare the quote; it leaves; ops follow it up. */
    private ProcessInstance quoteSent() {
        ProcessInstance pi = routedToHoster();
        complete(task(COORDINATE_HOSTER, pi), withVariables(Vars.COMPLEMENTARY_WORK_REQUESTED, true));
        assertThat(pi).hasPassed(GATEWAY_COMPLEMENTARY).isWaitingAtExactly(PREPARE_QUOTE);
        assertThat(task(PREPARE_QUOTE, pi)).hasCandidateGroup(OPS);

        complete(task(PREPARE_QUOTE, pi), withVariables(Vars.QUOTE_AMOUNT, "450.00",
                Vars.QUOTE_DESCRIPTION, "remplacement du disque défaillant avec l'hébergeur"));
        assertThat(pi).isWaitingAtExactly(SEND_QUOTE);
        executeJob(pi, SEND_QUOTE);
        assertThat(pi).hasPassed(SEND_QUOTE).isWaitingAtExactly(FOLLOW_UP_QUOTE);
        assertThat(task(FOLLOW_UP_QUOTE, pi)).hasCandidateGroup(OPS);
        assertThat(pi).variables().containsKey(Vars.QUOTE_DECISION_ID);
        Assertions.assertThat(mocks.timesRan(Beans.RUN_REMEDIATION)).isZero();
        return pi;
    }

    /** R4.3-t3: ops choose an action that needs the client; the first contact is asked (link and call). */
    private ProcessInstance askingFirstContact() {
        ProcessInstance pi = takenInCharge(CauseCategory.SYSTEM);
        complete(task(CHOOSE_REMEDIATION, pi), withVariables(
                Vars.REMEDIATION_ACTION, RemediationAction.CLIENT_DECISION.name(),
                Vars.DECISION_ACTION, EmergencyAction.NEW_SERVER.name(),
                Vars.DECISION_DESCRIPTION, "louer un serveur de remplacement et y migrer la boutique",
                Vars.ESTIMATED_COST, "300.00"));
        assertThat(pi).hasPassed(GATEWAY_REMEDIATION, DECISION_START, PREPARE_DECISION)
                .isWaitingAtExactly(TIMER_RESTORATION, CLIENT_DECISION, ASK_CONTACT);
        assertThat(pi).variables().containsEntry(Vars.CONTACT_INDEX, 0).containsEntry(Vars.CLIENT_ANSWERED, false);

        executeJob(pi, ASK_CONTACT);
        assertThat(pi).isWaitingAtExactly(TIMER_RESTORATION, CLIENT_DECISION, CALL_CONTACT);
        Date acknowledgementDue = date(pi, Vars.ACKNOWLEDGEMENT_DUE);
        Assertions.assertThat(acknowledgementDue.toInstant())
                .isEqualTo(now().plus(mocks.settings().getAcknowledgementTimeout()));
        assertThat(task(CALL_CONTACT, pi)).hasCandidateGroup(OPS).hasDueDate(acknowledgementDue);
        assertTimerPending(pi, TIMER_ACKNOWLEDGEMENT, acknowledgementDue);
        return pi;
    }

    /** The current contact does not acknowledge before its due time. */
    private static void acknowledgementTimesOut(ProcessInstance pi) {
        at(date(pi, Vars.ACKNOWLEDGEMENT_DUE).toInstant().plusSeconds(1));
        fireDueTimer(pi, TIMER_ACKNOWLEDGEMENT);
        Assertions.assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey(CALL_CONTACT).count())
                .isZero();
    }

    /** What notify's DecisionCorrelator does when the client answers the signed link. */
    private static void answerByLink(ProcessInstance pi, boolean approved) {
        runtimeService().createMessageCorrelation(Messages.CLIENT_DECISION).processInstanceId(pi.getId())
                .setVariable(ClientDecisions.VAR_DECISION_ID, variable(pi, Vars.DECISION_ID))
                .setVariable(ClientDecisions.VAR_APPROVED, approved)
                .setVariable(ClientDecisions.VAR_CHANNEL, AnswerChannel.LINK.name())
                .correlateWithResult();
        Assertions.assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey(CALL_CONTACT).count())
                .isZero();
    }

    /** From Task_CheckServiceAnswers (a job) to the terminate end event: the shop answers, ops confirm. */
    private void checkConfirmAndClose(ProcessInstance pi) {
        executeJob(pi, CHECK_SERVICE);
        assertThat(pi).isWaitingAt(CONFIRM_RESTORATION);
        assertThat(task(CONFIRM_RESTORATION, pi)).hasCandidateGroup(OPS);
        complete(task(CONFIRM_RESTORATION, pi), withVariables(Vars.RESTORED, true));
        assertThat(pi).hasPassed(GATEWAY_RESTORED, CLOSE).isWaitingAt(SEND_REPORT);
        executeJob(pi, SEND_REPORT);
        assertThat(pi).hasPassed(SEND_REPORT, END_CLOSED).isEnded();
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(mocks.ran()).endsWith(timeline(CONFIRM_RESTORATION), Beans.CLOSE, Beans.SEND_REPORT);
    }

    // === engine helpers =======================================================================

    private static void executeJob(ProcessInstance pi, String activityId) {
        execute(job(activityId, pi));
    }

    /** The timer of {@code eventId} is due at the engine's current time, and fires. */
    private static void fireDueTimer(ProcessInstance pi, String eventId) {
        Job timer = jobQuery().processInstanceId(pi.getId()).activityId(eventId).timers().executable().singleResult();
        Assertions.assertThat(timer).as("timer %s due at %s", eventId, now()).isNotNull();
        execute(timer);
    }

    /** The timer of {@code eventId} waits for {@code due}, not due yet. */
    private static void assertTimerPending(ProcessInstance pi, String eventId, Date due) {
        Job timer = jobQuery().processInstanceId(pi.getId()).activityId(eventId).timers().singleResult();
        Assertions.assertThat(timer).as("timer %s", eventId).isNotNull();
        assertThat(timer).hasDueDate(due);
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).activityId(eventId).executable().count())
                .as("timer %s not due at %s", eventId, now()).isZero();
    }

    private static void assertNoJob(ProcessInstance pi, String activityId) {
        Assertions.assertThat(jobQuery().processInstanceId(pi.getId()).activityId(activityId).count())
                .as("jobs of %s", activityId).isZero();
    }

    /** The element was entered and cancelled (by an interrupting event or the terminate end event). */
    private static void assertCancelled(ProcessInstance pi, String activityId) {
        Assertions.assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(activityId).canceled().count()).as("cancelled %s", activityId).isEqualTo(1);
    }

    private static Object variable(ProcessInstance pi, String name) {
        return runtimeService().getVariable(pi.getId(), name);
    }

    private static Date date(ProcessInstance pi, String name) {
        Object value = variable(pi, name);
        Assertions.assertThat(value).as(name).isInstanceOf(Date.class);
        return (Date) value;
    }

    private static String timeline(String taskKey) {
        return Beans.TIMELINE_LISTENER + ":" + taskKey;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    private static void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    private static void passTime(Duration duration) {
        at(now().plus(duration));
    }
}
