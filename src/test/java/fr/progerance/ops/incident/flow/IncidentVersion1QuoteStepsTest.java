package fr.progerance.ops.incident.flow;

import static fr.progerance.ops.incident.IncidentHandlingProcess.Version1.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.FormRefusal;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentHandlingProcess;
import fr.progerance.ops.incident.IncidentHandlingProcess.Elements;
import fr.progerance.ops.incident.IncidentHandlingProcess.Vars;
import fr.progerance.ops.incident.IncidentIntake;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.IncidentSettings;
import fr.progerance.ops.incident.NewReport;
import fr.progerance.ops.notify.ClientDecision;
import fr.progerance.ops.notify.ClientDecisions;
import fr.progerance.ops.notify.DecisionStatus;
import fr.progerance.ops.security.OpsGroups;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What happens to IncidentHandling instances that were already in the quote steps of version 1
 * when version 2 (which calls QuoteApproval) was deployed: Camunda keeps running each instance on
 * the definition it started with, so they finish there, on the kept beans
 * ({@code Version1QuoteDelegates}), checks and settings, with the forms of their own deployment.
 * The test deploys version 1 as it was (test resources, a copy of the model and its two forms
 * from before the change), puts an instance into its quote steps, deploys the current model again
 * so that it stays the latest, and drives the old instance to its end of the quote steps.
 */
@OpsSpringBootTest
@DisplayName("IncidentHandling version 1: instances already in the old quote steps finish there")
class IncidentVersion1QuoteStepsTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final Instant TUESDAY_10H = ZonedDateTime.of(2026, 3, 10, 10, 0, 0, 0, ZoneId.of("Europe/Paris"))
            .toInstant();
    private static final String OPS_USER = "v1-quote-ops";

    @LocalServerPort
    int port;

    @Autowired
    ProcessEngine engine;
    @Autowired
    RepositoryService repository;
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
    IncidentIntake intake;
    @Autowired
    IncidentService incidents;
    @Autowired
    ClientDecisions decisions;
    @Autowired
    IncidentSettings settings;

    private String version1;

    @BeforeEach
    void setUp() {
        clock.set(TUESDAY_10H);
        BpmnAwareTests.init(engine);
        version1 = deployVersion1();
    }

    @AfterEach
    void tearDown() {
        identity.clearAuthentication();
        clock.reset();
        BpmnAwareTests.reset();
    }

    @Test
    @DisplayName("RD-extra on version 1: the quote is prepared, sent, declined by phone and recorded by the old steps; the hoster stays in charge")
    void declinedByPhoneOnVersion1() throws Exception {
        IncidentFlowFixture f = IncidentFlowFixture.create(new RegisterApi(port), new IncidentFlowFixture.Spec().tierce().shopUrl("https://boutique-v1.example.net/"));
        ProcessInstance pi = inTheOldQuoteSteps(f);

        complete(pi, PREPARE_QUOTE, Map.of(Vars.QUOTE_AMOUNT, "450.00", Vars.QUOTE_DESCRIPTION, "remplacement du disque"));
        executeJob(pi, SEND_QUOTE);
        assertThat(pi).isWaitingAtExactly(FOLLOW_UP_QUOTE);
        String number = (String) runtime.getVariable(pi.getId(), Vars.INCIDENT_NUMBER);
        Assertions.assertThat(Mails.text(Mails.to(MAIL, f.primaryEmail(), number + " : Votre décision")))
                .contains("450.00 € HT").contains("remplacement du disque");

        Assertions.assertThatThrownBy(() -> complete(pi, FOLLOW_UP_QUOTE, Map.of(QUOTE_PHONE_ANSWER, "PEUT-ETRE")))
                .as("version 1's completion check still applies").isInstanceOf(FormRefusal.class);
        complete(pi, FOLLOW_UP_QUOTE, Map.of(QUOTE_PHONE_ANSWER, "DECLINE"));
        executeJob(pi, RECORD_QUOTE_ANSWER);
        assertThat(pi).hasPassed(Elements.GATEWAY_QUOTE_APPROVED).hasNotPassed(Elements.CARRY_OUT_ACTION)
                .isWaitingAtExactly(Elements.CHECK_SERVICE);
        ClientDecision d = decisions.find((String) runtime.getVariable(pi.getId(), QUOTE_DECISION_ID)).orElseThrow();
        Assertions.assertThat(d.getStatus()).isEqualTo(DecisionStatus.DECLINED);
        Assertions.assertThat(d.getAnsweredByUser()).isEqualTo(OPS_USER);
        Assertions.assertThat(timeline(number)).contains(IncidentEvent.Kind.QUOTE_SENT.name(),
                IncidentEvent.Kind.QUOTE_ANSWERED.name());
        Assertions.assertThat(latestIncidentHandling().getVersionTag()).as("new reports start version 2").isEqualTo("2");
    }

    @Test
    @DisplayName("RD-extra, DESIGN rule 12 on version 1: the old reminder and expiry still fire on the old settings")
    void remindedThenExpiredOnVersion1() throws Exception {
        IncidentFlowFixture f = IncidentFlowFixture.create(new RegisterApi(port), new IncidentFlowFixture.Spec().tierce().shopUrl("https://boutique-v1.example.net/"));
        ProcessInstance pi = inTheOldQuoteSteps(f);
        complete(pi, PREPARE_QUOTE, Map.of(Vars.QUOTE_AMOUNT, "300.00", Vars.QUOTE_DESCRIPTION, "changement de carte réseau"));
        executeJob(pi, SEND_QUOTE);
        Instant sent = clock.instant();
        String number = (String) runtime.getVariable(pi.getId(), Vars.INCIDENT_NUMBER);

        fireTimer(pi, TIMER_QUOTE_REMINDER, sent.plus(settings.getQuoteReminderInterval()));
        executeJob(pi, REMIND_QUOTE);
        Mails.to(MAIL, f.primaryEmail(), number + " : Rappel");
        Date expiry = (Date) runtime.getVariable(pi.getId(), QUOTE_EXPIRES_AT);
        Assertions.assertThat(expiry).isEqualTo(Date.from(sent.plus(settings.getQuoteValidity())));
        fireTimer(pi, TIMER_QUOTE_EXPIRED, expiry.toInstant());
        executeJob(pi, EXPIRE_QUOTE);
        assertThat(pi).hasPassed(EXPIRE_QUOTE).isWaitingAtExactly(Elements.CHECK_SERVICE);
        Assertions.assertThat(Mails.text(Mails.to(MAIL, f.primaryEmail(), number + " : devis expiré")))
                .contains("reste seul en charge");
        Assertions.assertThat(timeline(number)).contains(IncidentEvent.Kind.QUOTE_REMINDED.name(),
                IncidentEvent.Kind.QUOTE_EXPIRED.name());
    }

    // === steps =================================================================================

    /**
     * Version 1 as it was deployed, with its two quote forms; then the current model again, so that
     * new reports keep starting the current version. Returns version 1's definition id.
     */
    private String deployVersion1() {
        String deployment = repository.createDeployment().name("IncidentHandling version 1 (test)")
                .addClasspathResource("incident/IncidentHandling-version1.bpmn")
                .addClasspathResource("incident/incident-prepare-quote.form")
                .addClasspathResource("incident/incident-follow-up-quote.form").deploy().getId();
        repository.createDeployment().name("IncidentHandling current (test)")
                .addClasspathResource(IncidentHandlingProcess.RESOURCE).deploy();
        ProcessDefinition v1 = repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult();
        Assertions.assertThat(v1.getVersionTag()).isEqualTo("1");
        return v1.getId();
    }

    private ProcessDefinition latestIncidentHandling() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(IncidentHandlingProcess.KEY)
                .latestVersion().singleResult();
    }

    /**
     * A registered TIERCE hardware incident whose version-1 instance waits at Task_PrepareQuote, as
     * one did when version 2 was deployed (the intake's own instance, on version 2, is removed).
     */
    private ProcessInstance inTheOldQuoteSteps(IncidentFlowFixture f) {
        identity.setAuthentication(OPS_USER, List.of(OpsGroups.OPS));
        String number;
        try {
            number = intake.report(new NewReport(f.serverId(), IncidentCategory.TROUBLESHOOTING, 1,
                    "Disque en panne chez l'hébergeur", "monitoring", TUESDAY_10H)).incident().getNumber();
        } finally {
            identity.clearAuthentication();
        }
        ProcessInstance current = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number)
                .processDefinitionKey(IncidentHandlingProcess.KEY).singleResult();
        Assertions.assertThat(current.getProcessDefinitionId()).isNotEqualTo(version1);
        runtime.deleteProcessInstance(current.getId(), "test: replaced by a version-1 instance");
        Map<String, Object> variables = new HashMap<>();
        variables.put(Vars.INCIDENT_NUMBER, number);
        variables.put(Vars.SERVER_ID, f.serverId());
        variables.put(Vars.RESTORATION_DUE, null);
        ProcessInstance pi = runtime.createProcessInstanceById(version1).businessKey(number)
                .startBeforeActivity(PREPARE_QUOTE).setVariables(variables).execute();
        assertThat(pi).isWaitingAtExactly(PREPARE_QUOTE);
        return pi;
    }

    private void complete(ProcessInstance pi, String key, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
        Assertions.assertThat(task).as("task %s", key).isNotNull();
        identity.setAuthentication(OPS_USER, List.of(OpsGroups.OPS));
        try {
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    private void executeJob(ProcessInstance pi, String activityId) {
        Job job = management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
        Assertions.assertThat(job).as("a job at %s", activityId).isNotNull();
        management.executeJob(job.getId());
    }

    private void fireTimer(ProcessInstance pi, String eventId, Instant due) {
        Job timer = management.createJobQuery().processInstanceId(pi.getId()).activityId(eventId).timers()
                .singleResult();
        Assertions.assertThat(timer).as("timer %s", eventId).isNotNull();
        Assertions.assertThat(timer.getDuedate()).isEqualTo(Date.from(due));
        clock.set(due.plusSeconds(1));
        management.executeJob(timer.getId());
    }

    private List<String> timeline(String number) {
        return incidents.timeline(incidents.get(number)).stream().map(e -> e.getKind().name()).toList();
    }
}
