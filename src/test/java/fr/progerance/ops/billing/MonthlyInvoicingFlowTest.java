package fr.progerance.ops.billing;

import static fr.progerance.ops.billing.MonthlyInvoicingProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.billing.MonthlyInvoicingProcess.Vars;
import fr.progerance.ops.billing.ledger.Invoice;
import fr.progerance.ops.billing.ledger.InvoiceRepository;
import fr.progerance.ops.contract.RegisterApi;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestExecutionListeners;

/**
 * {@code MonthlyInvoicing} (R7.2) on the real delegates, issuer and database: the timer waits for
 * the next 1st at 00:00 Paris, computed in calendar terms; moving the clock across the month end
 * fires it and issues the month; the model loops to the next month; the keeper restarts it and hands
 * the waiting month to a new version.
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = MonthlyInvoicingCoverage.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DisplayName("MonthlyInvoicing flow on the real delegates and issuer")
class MonthlyInvoicingFlowTest {

    /** 31 March 2026, 23:30 in Paris (summer time since 29 March). */
    private static final Instant MARCH_31_2330 = Instant.parse("2026-03-31T21:30:00Z");
    /** 1 April 2026, 00:00 in Paris. */
    private static final Instant APRIL_1_0000 = Instant.parse("2026-03-31T22:00:00Z");
    /** 1 May 2026, 00:00 in Paris. */
    private static final Instant MAY_1_0000 = Instant.parse("2026-04-30T22:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    RepositoryService repository;
    @Autowired
    MovableClock clock;
    @Autowired
    MonthlyInvoicingKeeper keeper;
    @Autowired
    InvoiceRepository invoices;

    private ProcessInstance invoicing;

    @BeforeEach
    void setUp() {
        clock.set(MARCH_31_2330);
        BpmnAwareTests.init(engine);
        // The instance the application started (planned from the real date) stops; a new one plans from the test's clock.
        for (ProcessInstance running : runtime.createProcessInstanceQuery()
                .processDefinitionKey(MonthlyInvoicingProcess.KEY).list()) {
            runtime.createMessageCorrelation(MonthlyInvoicingProcess.Messages.STOP)
                    .processInstanceId(running.getId()).correlate();
            assertThat(running).hasPassed(STOPPED, END).isEnded();
        }
        invoicing = keeper.ensureRunning();
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        for (ProcessInstance running : runtime.createProcessInstanceQuery()
                .processDefinitionKey(MonthlyInvoicingProcess.KEY).list()) {
            runtime.deleteProcessInstance(running.getId(), "test over", true, true);
        }
        keeper.ensureRunning();
        BpmnAwareTests.reset();
    }

    private Job timer() {
        Job job = management.createJobQuery().processInstanceId(invoicing.getId()).activityId(ISSUE_DAY_REACHED)
                .singleResult();
        Assertions.assertThat(job).as("the issue-day timer").isNotNull();
        return job;
    }

    private void execute(String activityId) {
        Job job = management.createJobQuery().processInstanceId(invoicing.getId()).activityId(activityId)
                .singleResult();
        Assertions.assertThat(job).as("the job of %s", activityId).isNotNull();
        management.executeJob(job.getId());
    }

    @Test
    @DisplayName("R7.2: the timer waits for the next 1st at 00:00 Paris, an exact instant whatever the JVM's zone")
    void plansTheNextFirstOfTheMonth() {
        assertThat(invoicing).hasPassed(START, PLAN_NEXT_ISSUE).isWaitingAt(WAIT);
        Assertions.assertThat(runtime.getVariable(invoicing.getId(), Vars.PERIOD_START)).isEqualTo("2026-04-01");
        Assertions.assertThat(timer().getDuedate().toInstant()).isEqualTo(APRIL_1_0000);
    }

    @Test
    @DisplayName("R7.2: crossing the month end fires the timer, issues April for the active contracts, then waits for 1 May")
    void crossingTheMonthEndIssuesTheMonth() {
        BillingFixture active = BillingFixture.create(new RegisterApi(port), true);
        BillingFixture draft = BillingFixture.create(new RegisterApi(port), false);

        clock.set(APRIL_1_0000.minusSeconds(1));
        Assertions.assertThat(management.createJobQuery().processInstanceId(invoicing.getId()).executable().count())
                .as("nothing due a second before midnight").isZero();
        clock.set(APRIL_1_0000);
        Assertions.assertThat(management.createJobQuery().processInstanceId(invoicing.getId()).executable().count())
                .isEqualTo(1);
        execute(ISSUE_DAY_REACHED);
        assertThat(invoicing).hasPassed(ISSUE_DAY_REACHED).isWaitingAt(ISSUE_INVOICES);
        execute(ISSUE_INVOICES);

        Invoice april = invoices.findByContractIdAndPeriodStart(active.contractId(), LocalDate.of(2026, 4, 1))
                .orElseThrow();
        Assertions.assertThat(april.getIssuedAt()).isEqualTo(APRIL_1_0000);
        Assertions.assertThat(invoices.findByContractIdAndPeriodStart(draft.contractId(), LocalDate.of(2026, 4, 1)))
                .isEmpty();
        assertThat(invoicing).hasPassed(ISSUE_INVOICES).isWaitingAt(WAIT);
        Assertions.assertThat(runtime.getVariable(invoicing.getId(), Vars.PERIOD_START)).isEqualTo("2026-05-01");
        Assertions.assertThat(timer().getDuedate().toInstant()).isEqualTo(MAY_1_0000);

        // The next month the same way; April is not issued twice.
        clock.set(MAY_1_0000);
        execute(ISSUE_DAY_REACHED);
        execute(ISSUE_INVOICES);
        Assertions.assertThat(invoices.findByContractIdAndPeriodStart(active.contractId(), LocalDate.of(2026, 5, 1)))
                .isPresent();
        Assertions.assertThat(invoices.findAll().stream().filter(i -> i.getContractId() == active.contractId()))
                .hasSize(2);
        Assertions.assertThat(runtime.getVariable(invoicing.getId(), Vars.PERIOD_START)).isEqualTo("2026-06-01");
    }

    @Test
    @DisplayName("R7.2: an administrator stops it; the keeper starts one again, and only one")
    void stopAndRestart() {
        runtime.createMessageCorrelation(MonthlyInvoicingProcess.Messages.STOP).processInstanceId(invoicing.getId())
                .correlate();
        assertThat(invoicing).hasPassed(STOPPED, END).isEnded();
        ProcessInstance next = keeper.ensureRunning();
        Assertions.assertThat(next.getId()).isNotEqualTo(invoicing.getId());
        assertThat(next).isWaitingAt(WAIT);
        Assertions.assertThat(keeper.ensureRunning().getId()).isEqualTo(next.getId());
    }

    @Test
    @DisplayName("R7.2: a new version of the model takes over the month the old instance was waiting for, even when it is past")
    void newVersionTakesOverTheWaitingMonth() {
        Deployment newer = repository.createDeployment().name("MonthlyInvoicing v+1")
                .addClasspathResource(MonthlyInvoicingProcess.RESOURCE).enableDuplicateFiltering(false).deploy();
        try {
            clock.set(Instant.parse("2026-04-10T08:00:00Z")); // the new version arrives after 1 April 00:00
            ProcessInstance replacing = keeper.ensureRunning();
            Assertions.assertThat(replacing.getId()).isNotEqualTo(invoicing.getId());
            Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceId(invoicing.getId()).count())
                    .as("the old version's instance is gone").isZero();
            Assertions.assertThat(runtime.getVariables(replacing.getId())).containsEntry(Vars.PERIOD_START, "2026-04-01");
            Job due = management.createJobQuery().processInstanceId(replacing.getId()).activityId(ISSUE_DAY_REACHED)
                    .singleResult();
            Assertions.assertThat(due.getDuedate().toInstant()).as("April, not May: no month skipped")
                    .isEqualTo(APRIL_1_0000);
        } finally {
            repository.deleteDeployment(newer.getId(), true);
        }
    }

    @Test
    @DisplayName("R7.2: at a first start the month is the first one whose issue instant is not past")
    void firstStartAtMidnightExactly() {
        runtime.deleteProcessInstance(invoicing.getId(), "test", true, true);
        clock.set(APRIL_1_0000);
        ProcessInstance atMidnight = keeper.ensureRunning();
        Assertions.assertThat(runtime.getVariables(atMidnight.getId())).containsAllEntriesOf(Map.of(
                Vars.PERIOD_START, "2026-04-01"));
    }
}
