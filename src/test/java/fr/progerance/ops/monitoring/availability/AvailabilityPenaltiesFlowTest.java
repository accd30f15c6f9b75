package fr.progerance.ops.monitoring.availability;

import static fr.progerance.ops.monitoring.availability.AvailabilityPenaltiesProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.billing.BillingFixture;
import fr.progerance.ops.billing.CreditNote;
import fr.progerance.ops.billing.CreditNoteService;
import fr.progerance.ops.billing.InvoiceIssuer;
import fr.progerance.ops.billing.ledger.Invoice;
import fr.progerance.ops.billing.ledger.InvoiceRepository;
import fr.progerance.ops.billing.ledger.NewPayment;
import fr.progerance.ops.billing.ledger.PaymentRecorder;
import fr.progerance.ops.billing.ledger.PaymentSource;
import fr.progerance.ops.calendar.AvailabilityMonth;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.monitoring.availability.AvailabilityPenaltiesProcess.Vars;
import fr.progerance.ops.security.OpsGroups;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestExecutionListeners;

/**
 * {@code AvailabilityPenalties} (R4.4-p, R4.4-c, R5.2) on the real delegates, services and database:
 * the timer after the Paris month end, the month measured, the managers' review task (form, due date,
 * candidate group), approval recorded with the manager's name or the due date passing, one credit note
 * per contract with a penalty (idempotent), capped by the month's paid invoice, deducted from the next
 * invoice by billing, then the next month planned. Coverage gate: 100 % of the model.
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = AvailabilityPenaltiesCoverage.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DisplayName("AvailabilityPenalties flow on the real delegates and services")
class AvailabilityPenaltiesFlowTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String MANAGER = "flowpenaltymarc";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
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
    AvailabilityPenaltiesKeeper keeper;
    @Autowired
    AvailabilityLedger ledger;
    @Autowired
    AvailabilityPenalties penalties;
    @Autowired
    InvoiceIssuer issuer;
    @Autowired
    InvoiceRepository invoices;
    @Autowired
    PaymentRecorder payments;
    @Autowired
    CreditNoteService creditNotes;

    private ProcessInstance instance;

    private static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    /** Stops the running instance (planned from another clock) and starts one planned from {@code now}. */
    private void startAt(Instant now) {
        clock.set(now);
        BpmnAwareTests.init(engine);
        for (ProcessInstance running : runtime.createProcessInstanceQuery()
                .processDefinitionKey(AvailabilityPenaltiesProcess.KEY).list()) {
            runtime.createMessageCorrelation(AvailabilityPenaltiesProcess.Messages.STOP)
                    .processInstanceId(running.getId()).correlate();
            assertThat(running).hasPassed(STOPPED, END).isEnded();
        }
        instance = keeper.ensureRunning();
    }

    @AfterEach
    void tearDown() {
        identity.clearAuthentication();
        clock.reset();
        for (ProcessInstance running : runtime.createProcessInstanceQuery()
                .processDefinitionKey(AvailabilityPenaltiesProcess.KEY).list()) {
            runtime.deleteProcessInstance(running.getId(), "test over", true, true);
        }
        keeper.ensureRunning();
        BpmnAwareTests.reset();
    }

    private void execute(String activityId) {
        Job job = management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
        Assertions.assertThat(job).as("the job of %s", activityId).isNotNull();
        management.executeJob(job.getId());
    }

    private Job job(String activityId) {
        return management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
    }

    /** A contract (fee 290.00) whose invoice of {@code month} was issued and paid in full. */
    private BillingFixture paidContract(LocalDate month) {
        clock.set(paris(month + "T00:00"));
        BillingFixture f = BillingFixture.create(new RegisterApi(port), true);
        String number = issuer.issue(f.contractId(), month).invoiceNumber();
        Invoice invoice = invoices.findByNumber(number).orElseThrow();
        clock.set(paris(month.plusDays(2) + "T10:00"));
        payments.record(new NewPayment(number, invoice.getTotalInclTax(), month.plusDays(2), "VIR " + number,
                PaymentSource.API, "avail-" + number, "flowtest"));
        return f;
    }

    private void outage(long serverId, String from, String to) {
        clock.set(paris(to));
        ledger.outageStarted(serverId, paris(from), "HTTP_STATUS:shop HTTP 503", null);
        ledger.outageEnded(serverId, paris(to));
    }

    private List<CreditNote> notes(long contractId) {
        return creditNotes.list(contractId);
    }

    @Test
    @DisplayName("R4.4-p, R4.4-c: after March's end the managers approve the review; one credit note of 10 % (29.00), once, deducted from the next invoice; then April is planned")
    void approvedReview() {
        BillingFixture f = paidContract(LocalDate.of(2026, 3, 1));
        BillingFixture healthy = paidContract(LocalDate.of(2026, 3, 1));
        // 60 minutes down in March (44,580 minutes): 99.8654 %, below 99.9 %: 10 % of 290.00.
        outage(f.serverId(), "2026-03-10T10:00", "2026-03-10T11:00");

        startAt(paris("2026-03-20T12:00"));
        assertThat(instance).hasPassed(START, PLAN_NEXT_REVIEW).isWaitingAt(WAIT);
        Assertions.assertThat(runtime.getVariable(instance.getId(), Vars.MONTH)).isEqualTo("2026-03");
        Assertions.assertThat(job(REVIEW_DAY_REACHED).getDuedate().toInstant()).isEqualTo(paris("2026-04-01T06:00"));

        clock.set(paris("2026-04-01T05:59"));
        Assertions.assertThat(management.createJobQuery().processInstanceId(instance.getId()).executable().count())
                .as("nothing due before 06:00 on the 1st").isZero();
        clock.set(paris("2026-04-01T06:00"));
        execute(REVIEW_DAY_REACHED);
        assertThat(instance).isWaitingAt(PREPARE_REVIEW);
        execute(PREPARE_REVIEW);
        assertThat(instance).isWaitingAt(REVIEW);
        Task review = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(review).hasCandidateGroup(OpsGroups.MANAGERS).hasDueDate(Date.from(paris("2026-04-06T06:00")));
        Assertions.assertThat(engine.getFormService().getDeployedTaskForm(review.getId())).isNotNull();
        Assertions.assertThat((String) runtime.getVariable(instance.getId(), Vars.SUMMARY))
                .contains("2026-03").contains("credit note 29.00 EUR");

        identity.setAuthentication(MANAGER, List.of(OpsGroups.MANAGERS));
        Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of(Vars.APPROVED, false)))
                .as("completing without approving is refused").hasMessageContaining(Vars.APPROVED);
        tasks.complete(review.getId(), Map.of(Vars.APPROVED, true));
        identity.clearAuthentication();
        assertThat(instance).hasPassed(REVIEW).isWaitingAt(ISSUE_CREDIT_NOTES);
        Assertions.assertThat(penalties.review(AvailabilityMonth.parse("2026-03", PARIS)).orElseThrow())
                .extracting(AvailabilityPenalties.Review::outcome, AvailabilityPenalties.Review::reviewedBy)
                .containsExactly(AvailabilityPenalties.ReviewOutcome.APPROVED, MANAGER);

        execute(ISSUE_CREDIT_NOTES);
        assertThat(instance).hasPassed(ISSUE_CREDIT_NOTES).isWaitingAt(WAIT);
        Assertions.assertThat(runtime.getVariable(instance.getId(), Vars.MONTH)).isEqualTo("2026-04");
        Assertions.assertThat(job(REVIEW_DAY_REACHED).getDuedate().toInstant()).isEqualTo(paris("2026-05-01T06:00"));

        List<CreditNote> issued = notes(f.contractId());
        Assertions.assertThat(issued).hasSize(1);
        CreditNote note = issued.get(0);
        Assertions.assertThat(note.getAmountExclTax()).isEqualByComparingTo("29.00");
        Assertions.assertThat(note.getRule()).isEqualTo("R4.4-c");
        Assertions.assertThat(note.getCreatedBy()).isEqualTo(MANAGER);
        Assertions.assertThat(note.getReason()).startsWith("Pénalité de disponibilité de mars 2026 : 99,8654 %");
        Assertions.assertThat(notes(healthy.contractId())).as("no penalty, no credit note").isEmpty();

        // Idempotent: issuing March again (a retried job, another node) issues nothing more.
        Assertions.assertThat(penalties.issue(AvailabilityMonth.parse("2026-03", PARIS)).issued()).isZero();
        Assertions.assertThat(notes(f.contractId())).hasSize(1);

        // R4.4-c: the next invoice deducts it (May's: April's was issued on 1 April 00:00, before the review).
        clock.set(paris("2026-05-01T00:00"));
        String may = issuer.issue(f.contractId(), LocalDate.of(2026, 5, 1)).invoiceNumber();
        Invoice mayInvoice = invoices.findByNumber(may).orElseThrow();
        Assertions.assertThat(mayInvoice.amounts().creditAppliedExclTax()).isEqualByComparingTo("29.00");
        Assertions.assertThat(mayInvoice.amounts().netExclTax()).isEqualByComparingTo("261.00");
        Assertions.assertThat(creditNotes.get(note.getId()).getRemainingExclTax()).isEqualByComparingTo("0.00");
    }

    @Test
    @DisplayName("R4.4-c, DESIGN rule 12: without an approval the due date issues anyway, in the system's name; R5.2: the credit note is capped by what was paid for the month")
    void dueDatePasses() {
        // June 2026 (43,200 minutes): 12 hours down, 98.3333 %: 100 % of the fee, capped by the June invoice
        // paid in part: 120.00 incl. tax of 348.00 = 100.00 excl. tax.
        clock.set(paris("2026-06-01T00:00"));
        BillingFixture f = BillingFixture.create(new RegisterApi(port), true);
        String number = issuer.issue(f.contractId(), LocalDate.of(2026, 6, 1)).invoiceNumber();
        clock.set(paris("2026-06-03T10:00"));
        payments.record(new NewPayment(number, new BigDecimal("120.00"), LocalDate.of(2026, 6, 3), "VIR partiel",
                PaymentSource.API, "avail-part-" + number, "flowtest"));
        outage(f.serverId(), "2026-06-10T08:00", "2026-06-10T20:00");

        startAt(paris("2026-06-15T12:00"));
        Assertions.assertThat(runtime.getVariable(instance.getId(), Vars.MONTH)).isEqualTo("2026-06");
        clock.set(paris("2026-07-01T06:00"));
        execute(REVIEW_DAY_REACHED);
        execute(PREPARE_REVIEW);
        assertThat(instance).isWaitingAt(REVIEW);
        Assertions.assertThat(job(REVIEW_OVERDUE).getDuedate().toInstant()).isEqualTo(paris("2026-07-06T06:00"));

        clock.set(paris("2026-07-06T06:00"));
        execute(REVIEW_OVERDUE);
        assertThat(instance).hasPassed(REVIEW_OVERDUE).isWaitingAt(ISSUE_CREDIT_NOTES);
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
        execute(ISSUE_CREDIT_NOTES);
        assertThat(instance).isWaitingAt(WAIT);
        Assertions.assertThat(runtime.getVariable(instance.getId(), Vars.MONTH)).isEqualTo("2026-07");

        Assertions.assertThat(penalties.review(AvailabilityMonth.parse("2026-06", PARIS)).orElseThrow().outcome())
                .isEqualTo(AvailabilityPenalties.ReviewOutcome.DUE_DATE_PASSED);
        List<CreditNote> issued = notes(f.contractId());
        Assertions.assertThat(issued).hasSize(1);
        Assertions.assertThat(issued.get(0).getAmountExclTax()).as("R5.2: 100 % of 290.00 capped at 100.00 paid")
                .isEqualByComparingTo("100.00");
        Assertions.assertThat(issued.get(0).getCreatedBy()).isEqualTo("availability-penalties");
        Assertions.assertThat(issued.get(0).getReason()).contains("R5.2");
    }
}
