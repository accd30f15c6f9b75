package fr.progerance.ops.incident.flow;

import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.calendar.SlaRule;
import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.incident.IncidentHandlingProcess.DecisionOutcome;
import fr.progerance.ops.incident.IncidentHandlingProcess.PhoneOutcome;
import fr.progerance.ops.incident.IncidentHandlingProcess.RemediationAction;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentSettings;
import fr.progerance.ops.notify.Answer;
import fr.progerance.ops.notify.ClientDecisions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * Mocks of every expression of {@code IncidentHandling} ({@code ${registerIncidentDelegate}},
 * {@code ${incidentSettings}}, the task listeners...) for the flow-only tests (DESIGN rule 10).
 * Each delegate mock writes exactly the variables its real delegate in
 * {@code fr.progerance.ops.incident.delegate} writes, with values steered by this fixture's
 * parameters, and records its bean name in {@link #ran()}. Time comes from {@link ClockUtil}, the
 * engine's clock, so that moving the clock moves the deadlines and the timers together.
 */
final class IncidentFlowMocks {


    /** The bean names the model's expressions resolve. */
    static final class Beans {
        static final String SETTINGS = "incidentSettings";
        static final String REGISTER = "registerIncidentDelegate";
        static final String NOTIFY_OUT_OF_HOURS = "notifyClientOutOfHoursDelegate";
        static final String START_CLOCKS = "startSlaClocksDelegate";
        static final String DIAGNOSE = "diagnoseServerDelegate";
        static final String ESCALATE_INTERVENTION = "escalateInterventionBreachDelegate";
        static final String ESCALATE_RESTORATION = "escalateRestorationBreachDelegate";
        static final String RECORD_INTERVENTION = "recordInterventionDelegate";
        static final String NOTIFY_HOSTER = "notifyHosterDelegate";
        static final String SEND_QUOTE = "sendQuoteDelegate";
        static final String RECORD_QUOTE_ANSWER = "recordQuoteAnswerDelegate";
        static final String RUN_REMEDIATION = "runRemediationDelegate";
        static final String CHECK_SERVICE = "checkServiceDelegate";
        static final String PREPARE_DECISION = "prepareClientDecisionDelegate";
        static final String ASK_CONTACT = "askContactDelegate";
        static final String RECORD_ANSWER = "recordClientAnswerDelegate";
        static final String RECORD_NO_ANSWER = "recordNoAnswerDelegate";
        static final String APPLY_PROCEDURE = "applyEmergencyProcedureDelegate";
        static final String RESTRICT_ACTIONS = "restrictToNonImpactingActionsDelegate";
        static final String CLOSE = "closeIncidentDelegate";
        static final String SEND_REPORT = "sendIncidentReportDelegate";
        static final String SUSPEND_CLOCKS = "suspendSlaClocksDelegate";
        static final String RESUME_CLOCKS = "resumeSlaClocksDelegate";
        static final String REACTIVATE_TIMERS = "reactivateSlaTimersDelegate";
        static final String REMEDIATION_VALIDATOR = "remediationChoiceValidator";
        static final String TIMELINE_LISTENER = "incidentTimelineListener";
        static final String PHONE_ANSWER_LISTENER = "phoneAnswerListener";

        private Beans() {
        }
    }

    /** R4.3-p1 on business days: GTI 10 min; GTR = GTI + 30 min. */
    static final Duration PROGERANCE_N1_INTERVENTION = Duration.ofMinutes(10);
    static final Duration PROGERANCE_N1_RESTORATION = PROGERANCE_N1_INTERVENTION.plusMinutes(30);
    /** R4.3-t1: GTI 15 min, GTR best effort (no deadline). */
    static final Duration TIERCE_INTERVENTION = Duration.ofMinutes(15);

    private final IncidentSettings settings = new IncidentSettings();
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    // Parameters of the scenario (PROGERANCE N1 in business hours by default).
    private Infrastructure infrastructure = Infrastructure.PROGERANCE;
    private boolean attachedToOpenIncident;
    private Instant nextBusinessOpening;
    private RuntimeException diagnosisFailure;
    private int decisionContacts = 2;
    private boolean emergencyReady = true;
    private boolean procedureAppliesAfterNoAnswer;
    private boolean shopAnswers = true;

    private IncidentFlowMocks() {
    }

    /** Registers every mock for the current thread (the test thread executes every job). */
    static IncidentFlowMocks register() {
        IncidentFlowMocks mocks = new IncidentFlowMocks();
        mocks.registerAll();
        return mocks;
    }

    // --- scenario parameters ---------------------------------------------------------------

    IncidentFlowMocks onTierce() {
        this.infrastructure = Infrastructure.TIERCE;
        return this;
    }

    /** The register finds an open incident of the same server and category. */
    IncidentFlowMocks attachedToOpenIncident() {
        this.attachedToOpenIncident = true;
        return this;
    }

    /** R4.3-t2: TIERCE outside business hours, no agreement in the contract; business hours open then. */
    IncidentFlowMocks outOfHoursWithoutAgreement(Instant nextOpening) {
        this.infrastructure = Infrastructure.TIERCE;
        this.nextBusinessOpening = nextOpening;
        return this;
    }

    IncidentFlowMocks diagnosisFails(RuntimeException failure) {
        this.diagnosisFailure = failure;
        return this;
    }

    /** The contract's contacts who can decide (R4.3-t5 (1)) and what applies when none answers. */
    IncidentFlowMocks decisionContacts(int count, boolean ready, boolean procedureApplies) {
        this.decisionContacts = count;
        this.emergencyReady = ready;
        this.procedureAppliesAfterNoAnswer = procedureApplies;
        return this;
    }

    IncidentFlowMocks shopAnswers(boolean answers) {
        this.shopAnswers = answers;
        return this;
    }

    /** The bean names of the delegates and listeners that ran, in order. */
    List<String> ran() {
        synchronized (ran) {
            return List.copyOf(ran);
        }
    }

    long timesRan(String bean) {
        return ran().stream().filter(bean::equals).count();
    }

    IncidentSettings settings() {
        return settings;
    }

    // --- the mocks ---------------------------------------------------------------------------

    private void registerAll() {
        Mocks.register(Beans.SETTINGS, settings);

        delegate(Beans.REGISTER, this::registerIncident);
        delegate(Beans.NOTIFY_OUT_OF_HOURS, execution -> requiredText(execution, Vars.INCIDENT_NUMBER));
        delegate(Beans.START_CLOCKS, this::startSlaClocks);
        delegate(Beans.DIAGNOSE, this::diagnose);
        delegate(Beans.ESCALATE_INTERVENTION, execution -> requiredText(execution, Vars.INCIDENT_NUMBER));
        delegate(Beans.ESCALATE_RESTORATION, execution -> requiredText(execution, Vars.INCIDENT_NUMBER));
        delegate(Beans.RECORD_INTERVENTION, this::recordIntervention);
        delegate(Beans.NOTIFY_HOSTER, execution -> requiredText(execution, Vars.INCIDENT_NUMBER));
        delegate(Beans.SEND_QUOTE, this::sendQuote);
        delegate(Beans.RECORD_QUOTE_ANSWER, this::recordQuoteAnswer);
        delegate(Beans.RUN_REMEDIATION, this::runRemediation);
        delegate(Beans.CHECK_SERVICE, this::checkService);
        delegate(Beans.PREPARE_DECISION, this::prepareClientDecision);
        delegate(Beans.ASK_CONTACT, this::askContact);
        delegate(Beans.RECORD_ANSWER, this::recordClientAnswer);
        delegate(Beans.RECORD_NO_ANSWER, this::nextContact);
        delegate(Beans.APPLY_PROCEDURE, execution ->
                execution.setVariable(Vars.DECISION_OUTCOME, DecisionOutcome.EMERGENCY_PROCEDURE.name()));
        delegate(Beans.RESTRICT_ACTIONS, execution -> {
            execution.setVariable(Vars.IMPACTING_ACTIONS_ALLOWED, false);
            execution.setVariable(Vars.DECISION_OUTCOME, DecisionOutcome.NON_IMPACTING_ONLY.name());
        });
        delegate(Beans.CLOSE, execution -> requiredText(execution, Vars.INCIDENT_NUMBER));
        delegate(Beans.SUSPEND_CLOCKS, this::suspendClocks);
        delegate(Beans.RESUME_CLOCKS, this::resumeClocks);
        delegate(Beans.REACTIVATE_TIMERS, execution -> {
            var management = execution.getProcessEngineServices().getManagementService();
            for (String timer : DEADLINE_TIMERS) {
                management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).activityId(timer)
                        .list().forEach(job -> management.activateJobById(job.getId()));
            }
        });
        delegate(Beans.SEND_REPORT, execution -> requiredText(execution, Vars.INCIDENT_NUMBER));

        Mocks.register(Beans.REMEDIATION_VALIDATOR, (TaskListener) task -> {
            ran.add(Beans.REMEDIATION_VALIDATOR);
            validateRemediationChoice(task);
        });
        Mocks.register(Beans.PHONE_ANSWER_LISTENER, (TaskListener) task ->
                task.setVariable(Vars.PHONE_ANSWERED_BY, "opsperson"));
        Mocks.register(Beans.TIMELINE_LISTENER, (TaskListener) task -> {
            ran.add(Beans.TIMELINE_LISTENER + ":" + task.getTaskDefinitionKey());
            requiredText(task, Vars.INCIDENT_NUMBER);
        });
    }

    private void delegate(String bean, JavaDelegate body) {
        Mocks.register(bean, (JavaDelegate) execution -> {
            ran.add(bean);
            body.execute(execution);
        });
    }

    /** The deadline timers of R4.3-* (R9 suspends and moves them). */
    private static final java.util.List<String> DEADLINE_TIMERS = java.util.List.of(
            fr.progerance.ops.incident.IncidentHandlingProcess.Elements.TIMER_INTERVENTION,
            fr.progerance.ops.incident.IncidentHandlingProcess.Elements.TIMER_RESTORATION);

    /** ForceMajeureDelegates.suspend: the deadline timers stop. */
    private void suspendClocks(DelegateExecution execution) {
        var management = execution.getProcessEngineServices().getManagementService();
        for (String timer : DEADLINE_TIMERS) {
            management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).activityId(timer).list()
                    .forEach(job -> management.suspendJobById(job.getId()));
        }
        forceMajeureSince = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
    }

    /** ForceMajeureDelegates.resume: continuous clocks move by the suspension's length (R4.3-p1 fixture). */
    private void resumeClocks(DelegateExecution execution) {
        Duration suspended = Duration.between(forceMajeureSince,
                org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant());
        var management = execution.getProcessEngineServices().getManagementService();
        var tasks = execution.getProcessEngineServices().getTaskService();
        java.util.Map<String, java.util.Date> moved = new java.util.HashMap<>();
        for (String name : java.util.List.of(Vars.INTERVENTION_DUE, Vars.RESTORATION_DUE)) {
            java.util.Date due = (java.util.Date) execution.getVariable(name);
            java.util.Date later = due == null ? null : java.util.Date.from(due.toInstant().plus(suspended));
            execution.setVariable(name, later);
            moved.put(name, later);
        }
        for (String timer : DEADLINE_TIMERS) {
            java.util.Date due = moved.get(timer.equals(DEADLINE_TIMERS.get(0)) ? Vars.INTERVENTION_DUE
                    : Vars.RESTORATION_DUE);
            management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).activityId(timer).list()
                    .forEach(job -> management.setJobDuedate(job.getId(), due));
        }
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(fr.progerance.ops.incident.IncidentHandlingProcess.Elements.TAKE_CHARGE).list()
                .forEach(task -> {
                    task.setDueDate(moved.get(Vars.INTERVENTION_DUE));
                    tasks.saveTask(task);
                });
    }

    private Instant forceMajeureSince;

    /** RegisterIncidentDelegate: the incident's context; nothing more when attached to an open one. */
    private void registerIncident(DelegateExecution execution) {
        String number = requiredText(execution, Vars.INCIDENT_NUMBER);
        execution.setProcessBusinessKey(number);
        execution.setVariable(Vars.DUPLICATE, attachedToOpenIncident);
        if (attachedToOpenIncident) {
            return;
        }
        execution.setVariable(Vars.SERVER_ID, 7L);
        execution.setVariable(Vars.CATEGORY, IncidentCategory.TROUBLESHOOTING.name());
        execution.setVariable(Vars.LEVEL, 1);
        execution.setVariable(Vars.SUMMARY, "La boutique ne répond plus");
        execution.setVariable(Vars.DETECTED_AT, ClockUtil.getCurrentTime());
        execution.setVariable(Vars.INFRASTRUCTURE, infrastructure.name());
        execution.setVariable(Vars.SERVER_NAME, "web-01");
        execution.setVariable(Vars.CLIENT_NAME, "Boutique Exemple SARL");
        boolean needsAgreement = nextBusinessOpening != null;
        execution.setVariable(Vars.NEEDS_CLIENT_AGREEMENT, needsAgreement);
        execution.setVariable(Vars.NEXT_BUSINESS_OPENING, needsAgreement ? Date.from(nextBusinessOpening) : null);
        execution.setVariable(Vars.IMPACTING_ACTIONS_ALLOWED, true);
    }

    /**
     * StartSlaClocksDelegate: the clock starts at the detection, or (R4.3-t2) at the agreement to act
     * now, or at the business-hours opening; PROGERANCE N1 has both deadlines (R4.3-p1), TIERCE only
     * the intervention one (R4.3-t1: restoration best effort).
     */
    private void startSlaClocks(DelegateExecution execution) {
        requiredText(execution, Vars.INCIDENT_NUMBER);
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Instant clockStart = ((Date) execution.getVariable(Vars.DETECTED_AT)).toInstant();
        boolean needsAgreement = flag(execution, Vars.NEEDS_CLIENT_AGREEMENT);
        if (needsAgreement) {
            clockStart = flag(execution, Vars.CLIENT_AGREES_NOW) || !now.isBefore(nextBusinessOpening)
                    ? now : nextBusinessOpening;
        }
        boolean tierce = infrastructure == Infrastructure.TIERCE;
        Instant interventionDue = clockStart.plus(tierce ? TIERCE_INTERVENTION : PROGERANCE_N1_INTERVENTION);
        Instant restorationDue = tierce ? null : clockStart.plus(PROGERANCE_N1_RESTORATION);
        execution.setVariable(Vars.SLA_RULE, !tierce ? SlaRule.PROGERANCE_N1
                : needsAgreement ? SlaRule.TIERCE_OUTSIDE_BUSINESS_HOURS : SlaRule.TIERCE_BUSINESS_HOURS);
        execution.setVariable(Vars.SLA_GUARANTEED, true);
        execution.setVariable(Vars.INTERVENTION_DUE, Date.from(interventionDue));
        execution.setVariable(Vars.RESTORATION_DUE, restorationDue == null ? null : Date.from(restorationDue));
        execution.setVariable(Vars.RESTORATION_GUARANTEED, restorationDue != null);
    }

    /** DiagnoseServerDelegate: the report, or a technical failure that the job retries. */
    private void diagnose(DelegateExecution execution) {
        requiredText(execution, Vars.INCIDENT_NUMBER);
        if (diagnosisFailure != null) {
            throw diagnosisFailure;
        }
        execution.setVariable(Vars.DIAGNOSIS, "load 0.42; / 61 %; failed units: php8.2-fpm.service");
        execution.setVariable(Vars.SERVER_REACHABLE, true);
    }

    /** RecordInterventionDelegate: R4.2, R3.5: hardware and network on TIERCE go to the hoster. */
    private void recordIntervention(DelegateExecution execution) {
        requiredText(execution, Vars.INCIDENT_NUMBER);
        String cause = text(execution, Vars.CAUSE_CATEGORY);
        CauseCategory category = cause == null ? CauseCategory.UNKNOWN : CauseCategory.valueOf(cause);
        execution.setVariable(Vars.ROUTE_TO_HOSTER, category.routesToHoster(infrastructure));
    }

    /** QuoteDelegates.sendQuoteDelegate: a pending quote decision, no link answer yet. */
    private void sendQuote(DelegateExecution execution) {
        requiredText(execution, Vars.INCIDENT_NUMBER);
        requiredText(execution, Vars.QUOTE_DESCRIPTION);
        execution.setVariable(Vars.QUOTE_DECISION_ID, "quote-" + execution.getProcessInstanceId());
        execution.setVariable(Vars.QUOTE_DECISION_APPROVED, null);
    }

    /** QuoteDelegates.recordQuoteAnswerDelegate: the link's answer, else the phone answer ops logged. */
    private void recordQuoteAnswer(DelegateExecution execution) {
        Object linkAnswer = execution.getVariable(Vars.QUOTE_DECISION_APPROVED);
        boolean approved;
        if (linkAnswer instanceof Boolean b) {
            approved = b;
        } else {
            String phone = text(execution, Vars.QUOTE_PHONE_ANSWER);
            if (phone == null) {
                throw new ProcessEngineException("Variable '" + Vars.QUOTE_PHONE_ANSWER + "' is required when the"
                        + " client did not answer by link");
            }
            approved = Answer.valueOf(phone) == Answer.APPROVE;
        }
        execution.setVariable(Vars.QUOTE_APPROVED, approved);
    }

    /** RemediationDelegates.runRemediationDelegate: only the SSH actions reach this task. */
    private void runRemediation(DelegateExecution execution) {
        RemediationAction action = RemediationAction.valueOf(requiredText(execution, Vars.REMEDIATION_ACTION));
        if (action != RemediationAction.RESTART_SERVICE && action != RemediationAction.REBOOT_SERVER) {
            throw new ProcessEngineException("Task_RunRemediation cannot run " + action);
        }
        execution.setVariable(Vars.REMEDIATION_RESULT, action + ": exit status 0");
    }

    /** RemediationDelegates.checkServiceDelegate: the shop's HTTP answer. */
    private void checkService(DelegateExecution execution) {
        requiredText(execution, Vars.INCIDENT_NUMBER);
        execution.setVariable(Vars.SERVICE_ANSWERS, shopAnswers);
        execution.setVariable(Vars.SERVICE_CHECK, shopAnswers ? "HTTP 200 in 180 ms" : "no answer within 10 s");
    }

    /** ClientDecisionDelegates.prepareClientDecisionDelegate: readiness (R4.3-t4) and the contacts. */
    private void prepareClientDecision(DelegateExecution execution) {
        if (decisionContacts == 0) {
            throw new ProcessEngineException("the client has no contact who can decide");
        }
        Object round = execution.getVariable(Vars.DECISION_ROUND);
        execution.setVariable(Vars.DECISION_ROUND, round == null ? 1L : ((Number) round).longValue() + 1);
        execution.setVariable(Vars.EMERGENCY_READY, emergencyReady);
        execution.setVariable(Vars.READINESS_GAPS, emergencyReady ? "" : "no emergency procedure");
        execution.setVariable(Vars.CONTACT_COUNT, decisionContacts);
        execution.setVariable(Vars.CONTACT_INDEX, 0);
        execution.setVariable(Vars.CLIENT_ANSWERED, false);
        execution.setVariable(Vars.DECISION_OUTCOME, null);
        execution.setVariable(Vars.PROCEDURE_APPLIES, false);
    }

    /** ClientDecisionDelegates.askContactDelegate: a signed link to the current contact, and its due time. */
    private void askContact(DelegateExecution execution) {
        int index = ((Number) execution.getVariable(Vars.CONTACT_INDEX)).intValue();
        requiredText(execution, Vars.DECISION_DESCRIPTION);
        execution.setVariable(Vars.DECISION_ID, "decision-" + execution.getVariable(Vars.DECISION_ROUND)
                + "-" + index);
        execution.setVariable(Vars.DECISION_APPROVED, null);
        execution.setVariable(Vars.DECISION_CHANNEL, null);
        execution.setVariable(Vars.PHONE_OUTCOME, null);
        execution.setVariable(Vars.CURRENT_CONTACT, index == 0 ? "Claire Martin (PRIMARY)"
                : "Contact " + index + " (SECONDARY " + index + ")");
        execution.setVariable(Vars.ACKNOWLEDGEMENT_DUE,
                Date.from(ClockUtil.getCurrentTime().toInstant().plus(settings.getAcknowledgementTimeout())));
    }

    /** ClientDecisionDelegates.recordClientAnswerDelegate: the link's answer or the phone outcome. */
    private void recordClientAnswer(DelegateExecution execution) {
        requiredText(execution, Vars.DECISION_ID);
        Boolean approved;
        if (execution.getVariable(ClientDecisions.VAR_CHANNEL) != null) {
            approved = flag(execution, Vars.DECISION_APPROVED);
        } else {
            String phone = text(execution, Vars.PHONE_OUTCOME);
            if (phone == null) {
                throw new ProcessEngineException("Variable '" + Vars.PHONE_OUTCOME + "' is required: APPROVE,"
                        + " DECLINE or NO_ANSWER");
            }
            approved = PhoneOutcome.NO_ANSWER.name().equals(phone) ? null : Answer.valueOf(phone) == Answer.APPROVE;
        }
        if (approved == null) {
            nextContact(execution);
            return;
        }
        execution.setVariable(Vars.CLIENT_ANSWERED, true);
        execution.setVariable(Vars.DECISION_APPROVED, approved);
        execution.setVariable(Vars.DECISION_OUTCOME,
                (approved ? DecisionOutcome.CLIENT_APPROVED : DecisionOutcome.CLIENT_DECLINED).name());
    }

    /** ClientDecisionDelegates.nextContact (and recordNoAnswerDelegate): next index, what applies (R4.3-t5). */
    private void nextContact(DelegateExecution execution) {
        int index = ((Number) execution.getVariable(Vars.CONTACT_INDEX)).intValue() + 1;
        execution.setVariable(Vars.CONTACT_INDEX, index);
        execution.setVariable(Vars.CLIENT_ANSWERED, false);
        execution.setVariable(Vars.PROCEDURE_APPLIES, procedureAppliesAfterNoAnswer);
        execution.setVariable(Vars.DECISION_REASON, procedureAppliesAfterNoAnswer
                ? "R4.3-t5 (2): nobody answered; the emergency procedure allows the action within the budget."
                : "R4.3-t5 (3): only actions without impact on the infrastructure are allowed.");
    }

    /** RemediationDelegates.validate, as far as the flow needs it: a refusal keeps the task open. */
    private void validateRemediationChoice(VariableScope task) {
        String choice = text(task, Vars.REMEDIATION_ACTION);
        if (choice == null) {
            throw new ProcessEngineException("Choose a remediation (" + Vars.REMEDIATION_ACTION + ")");
        }
        RemediationAction action = RemediationAction.valueOf(choice);
        if (settings.getImpactingActions().contains(action) && !flag(task, Vars.IMPACTING_ACTIONS_ALLOWED)) {
            throw new ProcessEngineException(action + " has an impact on the infrastructure: R4.3-t5 (3) allows only"
                    + " actions without impact until the client validates");
        }
        if (action == RemediationAction.RESTART_SERVICE
                && !settings.getAllowedServices().contains(text(task, Vars.SERVICE_NAME))) {
            throw new ProcessEngineException("Service to restart: choose one of " + settings.getAllowedServices());
        }
        if (action == RemediationAction.CLIENT_DECISION) {
            requiredText(task, Vars.DECISION_ACTION);
            requiredText(task, Vars.DECISION_DESCRIPTION);
            Object cost = task.getVariable(Vars.ESTIMATED_COST);
            if (cost == null || new BigDecimal(cost.toString()).signum() < 0) {
                throw new ProcessEngineException("Give the estimated cost excluding tax (" + Vars.ESTIMATED_COST + ")");
            }
        }
    }

    // --- typed reads, failing fast like ProcessVariables -------------------------------------

    private static String text(VariableScope scope, String name) {
        Object v = scope.getVariable(name);
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }

    private static String requiredText(VariableScope scope, String name) {
        String v = text(scope, name);
        if (v == null) {
            throw new ProcessEngineException("Variable '" + name + "' is required but missing");
        }
        return v;
    }

    private static boolean flag(VariableScope scope, String name) {
        Object v = scope.getVariable(name);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
    }
}
