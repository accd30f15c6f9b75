package fr.progerance.ops.billing.dunning;

import static fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Elements.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.progerance.ops.Mails;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.TestPeers;
import fr.progerance.ops.TestPorts;
import fr.progerance.ops.backup.BackupHold;
import fr.progerance.ops.backup.BackupHolds;
import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.BackupProcess;
import fr.progerance.ops.backup.BackupRun;
import fr.progerance.ops.backup.BackupRuns;
import fr.progerance.ops.backup.BackupStarter;
import fr.progerance.ops.backup.BackupTrigger;
import fr.progerance.ops.backup.FakeBackupPorts;
import fr.progerance.ops.backup.HoldReason;
import fr.progerance.ops.billing.CreditNoteService;
import fr.progerance.ops.billing.InvoiceIssuer;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Vars;
import fr.progerance.ops.billing.ledger.ClientAccounts;
import fr.progerance.ops.billing.ledger.ClientLedger;
import fr.progerance.ops.billing.ledger.NewPayment;
import fr.progerance.ops.billing.ledger.PaymentRecorder;
import fr.progerance.ops.billing.ledger.PaymentSource;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.ScriptedRemote;
import fr.progerance.ops.security.OpsGroups;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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
 * Every path of {@code InvoiceDunning} (R7.2 to R7.7, R8.2) on the real delegates, services,
 * ledger, legal-rate table, client services and backup engine of the running application, with
 * fakes only at the ports: the test clock (timers fire by moving it), SSH ({@link ScriptedRemote}),
 * the backup ports ({@link FakeBackupPorts}) and SMTP (GreenMail). Invoices are issued by the real
 * issuer, payments recorded by the real recorder; the instances run as the job executor and the
 * worker would run them ({@link DunningDriver}). Expected dates are worked out by hand from the
 * contract (Paris time), not by the code under test.
 */
@OpsSpringBootTest
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DisplayName("InvoiceDunning flow on the real delegates and services (fakes at the ports)")
class InvoiceDunningFlowTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(TestPorts.SMTP, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    static final String OPS = "dunops";
    static final String MANAGER = "dunmanager";

    /** R7.2: December 2025's invoices are issued 1 December 00:00 Paris. */
    static final LocalDate DECEMBER = LocalDate.of(2025, 12, 1);

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identity;
    @Autowired
    MovableClock clock;
    @Autowired
    ContractClock contractClock;
    @Autowired
    ExternalTaskWorker worker;
    @Autowired
    FakeBackupPorts backupPorts;
    @Autowired
    TestPeers.SwitchableRemote remote;
    @Autowired
    InvoiceIssuer issuer;
    @Autowired
    PaymentRecorder payments;
    @Autowired
    ClientLedger ledger;
    @Autowired
    ClientAccounts accounts;
    @Autowired
    ContractRepository contracts;
    @Autowired
    BackupHolds backupHolds;
    @Autowired
    BackupRuns backupRuns;
    @Autowired
    BackupStarter backupStarter;
    @Autowired
    InvoiceContests contests;
    @Autowired
    CreditNoteService creditNotes;

    DunningDriver driver;
    RegisterApi register;
    ScriptedRemote ssh;

    @BeforeEach
    void setUp() {
        clock.set(paris(DECEMBER, 0, 0));
        backupPorts.reset();
        BpmnAwareTests.init(engine);
        driver = new DunningDriver(management, runtime, worker);
        register = new RegisterApi(port);
        ssh = new ScriptedRemote();
        for (CommandTemplate t : List.of(CommandTemplate.DISABLE_SERVICE, CommandTemplate.ENABLE_SERVICE,
                CommandTemplate.SET_MAINTENANCE_FLAG, CommandTemplate.CLEAR_MAINTENANCE_FLAG,
                CommandTemplate.DATABASE_EXISTS, CommandTemplate.DROP_DATABASE, CommandTemplate.REMOVE_SHOP_DIRECTORY)) {
            ssh.answer(t, 0, "");
        }
        remote.use(ssh);
        DunningFixture.user(identity, OPS, OpsGroups.OPS);
        DunningFixture.user(identity, MANAGER, OpsGroups.MANAGERS);
        worker.drain(); // leftovers of other test classes, while the clock is ours
    }

    @AfterEach
    void tearDown() {
        identity.clearAuthentication();
        remote.useReal();
        backupPorts.reset();
        clock.reset();
        BpmnAwareTests.reset();
    }

    // === helpers ====================================================================================

    static Instant paris(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute).atZone(java.time.ZoneId.of("Europe/Paris")).toInstant();
    }

    static Date date(String isoWithOffset) {
        return Date.from(OffsetDateTime.parse(isoWithOffset).toInstant());
    }

    void at(String isoWithOffset) {
        clock.set(OffsetDateTime.parse(isoWithOffset).toInstant());
    }

    /** R7.2: the month's invoice of the fixture's {@code index}-th contract; its dunning started in the same transaction. */
    String issue(DunningFixture f, int index, LocalDate periodStart) {
        InvoiceIssuer.Outcome outcome = issuer.issue(f.contractIds().get(index), periodStart);
        Assertions.assertThat(outcome.result()).as(outcome.toString()).isEqualTo(InvoiceIssuer.Result.ISSUED);
        return outcome.invoiceNumber();
    }

    ProcessInstance dunning(String invoiceNumber) {
        ProcessInstance pi = runtime.createProcessInstanceQuery().processDefinitionKey(InvoiceDunningProcess.KEY)
                .processInstanceBusinessKey(invoiceNumber).singleResult();
        Assertions.assertThat(pi).as("the dunning of %s", invoiceNumber).isNotNull();
        return pi;
    }

    /** A payment recorded through the real recorder, dated today (after its commit the process is woken). */
    void pay(String invoiceNumber, String amount, String reference) {
        payments.record(new NewPayment(invoiceNumber, new BigDecimal(amount), contractClock.today(), reference,
                PaymentSource.API, invoiceNumber + ":" + reference, OPS));
    }

    BigDecimal clientDue(long clientId) {
        return ledger.client(clientId).totalDue();
    }

    TestApi ops() {
        return TestApi.as(port, OPS, DunningFixture.PASSWORD);
    }

    TestApi manager() {
        return TestApi.as(port, MANAGER, DunningFixture.PASSWORD);
    }

    List<String> subjectsTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                return "?";
            }
        }).toList();
    }

    String mail(String address, String subjectStart) throws Exception {
        MimeMessage m = Mails.to(MAIL, address, subjectStart);
        return m.getSubject() + "\n" + Mails.text(m);
    }

    ClientAccounts.Standing standing(long clientId) {
        return accounts.find(clientId).map(ClientAccounts.Account::standing).orElse(ClientAccounts.Standing.GOOD);
    }

    ContractStatus contractStatus(long contractId) {
        return contracts.findById(contractId).orElseThrow().getStatus();
    }

    /** Issued 1 December 2025, waiting for the payment. */
    ProcessInstance issuedAndWaiting(DunningFixture f, String[] number) {
        number[0] = issue(f, 0, DECEMBER);
        ProcessInstance pi = dunning(number[0]);
        assertThat(pi).isWaitingAt(PLAN);
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassedInOrder(START, PLAN, MAIL_INVOICE, AWAIT_START, CHECK_PAYMENT)
                .isWaitingAtExactly(AWAIT_PAYMENT, PAYMENT_RECEIVED);
        return pi;
    }

    /** Issued 1 December 2025, unpaid, suspended 16 December 00:00 and waiting for the whole amount. */
    ProcessInstance suspended(DunningFixture f, String[] number) {
        ProcessInstance pi = issuedAndWaiting(f, number);
        at("2025-12-16T00:00:00+01:00");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(TIMER_SUSPENSION, DECIDE_SUSPENSION, FINAL_BACKUP, HOLD_FINAL_BACKUPS, SUSPEND_SERVICES,
                MARK_CONTRACTS_SUSPENDED, MAIL_SUSPENSION, SUSPENDED_START, CHECK_BALANCE)
                .isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);
        return pi;
    }

    // === paid ======================================================================================

    @Test
    @DisplayName("R7.2, R7.3: issued 1 December 00:00, mailed to the billing contact, reminder planned 13 December, suspension 16 December 00:00; paid on time -> ended Paid, nothing suspended")
    void paidOnTime() throws Exception {
        DunningFixture f = DunningFixture.create(register);
        String[] n = new String[1];
        at("2025-12-01T00:01:00+01:00");
        ProcessInstance pi = issuedAndWaiting(f, n);
        assertThat(pi).variables().containsEntry(Vars.INVOICE_NUMBER, n[0]).containsEntry(Vars.CLIENT_ID, f.clientId())
                .containsEntry(Vars.SUSPEND_AT, date("2025-12-16T00:00:00+01:00"))
                .containsEntry(Vars.REMINDER_AT, date("2025-12-13T00:00:00+01:00"))
                .containsEntry(Vars.PAYMENT_STATE, PaymentState.UNPAID.name());
        String invoice = mail(f.billingEmail(), "Facture " + n[0]);
        Assertions.assertThat(invoice).contains("348,00").contains("16 décembre 2025").contains("1 décembre 2025")
                .contains("mardi 16 décembre 2025 à 00h00").contains(n[0]);
        Assertions.assertThat(subjectsTo(f.primaryEmail())).as("the billing contact receives the invoices").isEmpty();

        at("2025-12-05T10:00:00+01:00");
        pay(n[0], "348.00", "VIR-1205");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassedInOrder(PAYMENT_RECEIVED, CHECK_PAYMENT, END_PAYMENT_COMPLETE, END_PAID).isEnded();
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.GOOD);
        Assertions.assertThat(ssh.sent()).isEmpty();
        Assertions.assertThat(subjectsTo(f.billingEmail())).hasSize(1);
    }

    @Test
    @DisplayName("R7.3: a partial payment is told with its balance; the reminder goes out 13 December; the rest paid while the suspension step is pending -> not suspended (Paid before suspension)")
    void paidLateBeforeSuspension() throws Exception {
        DunningFixture f = DunningFixture.create(register);
        String[] n = new String[1];
        at("2025-12-01T00:01:00+01:00");
        ProcessInstance pi = issuedAndWaiting(f, n);

        at("2025-12-04T09:00:00+01:00");
        pay(n[0], "100.00", "VIR-1204");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(MAIL_PAYMENT_BALANCE).isWaitingAtExactly(AWAIT_PAYMENT, PAYMENT_RECEIVED);
        String partial = mail(f.billingEmail(), "Facture " + n[0] + " : paiement partiel reçu");
        Assertions.assertThat(partial).contains("100,00").contains("248,00").contains("16 décembre 2025");

        at("2025-12-13T00:00:00+01:00");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(TIMER_REMINDER, SEND_REMINDER, END_REMINDED).isWaitingAtExactly(AWAIT_PAYMENT, PAYMENT_RECEIVED);
        Assertions.assertThat(mail(f.billingEmail(), "Rappel : facture " + n[0])).contains("248,00")
                .contains("mardi 16 décembre 2025 à 00h00");

        // 16 December 00:00: the timer fires; the decision's job waits for a job thread. Meanwhile the
        // client pays: the message finds nobody waiting, the decision reads the record.
        at("2025-12-16T00:00:00+01:00");
        driver.execute(pi.getId(), TIMER_SUSPENSION);
        assertThat(pi).isWaitingAt(DECIDE_SUSPENSION);
        at("2025-12-16T08:30:00+01:00");
        pay(n[0], "248.00", "VIR-1216");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(END_PAID_BEFORE_SUSPENSION).hasNotPassed(FINAL_BACKUP, SUSPEND_SERVICES).isEnded();
        assertThat(pi).variables().containsEntry(Vars.SUSPENSION_DECISION, SuspensionDecision.PAID.name());
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.GOOD);
        Assertions.assertThat(contractStatus(f.contractId())).isEqualTo(ContractStatus.ACTIVE);
        Assertions.assertThat(ssh.sent()).as("no server touched").isEmpty();
        Assertions.assertThat(subjectsTo(f.billingEmail())).noneMatch(s -> s.startsWith("Suspension"));
    }

    // === suspended, then paid ======================================================================

    @Test
    @DisplayName("R7.3, R8.2, R7.5: unpaid at 16 December 00:00 -> final backups held 30 days, services stopped over SSH, contract SUSPENDED, French mail with the whole amount; a partial payment keeps it suspended (balance mailed); principal only is not enough; everything paid -> reactivated")
    void suspendedThenPaid() throws Exception {
        DunningFixture f = DunningFixture.create(register);
        String[] n = new String[1];
        at("2025-12-01T00:01:00+01:00");
        ProcessInstance pi = suspended(f, n);

        ClientAccounts.Account account = accounts.find(f.clientId()).orElseThrow();
        Assertions.assertThat(account.standing()).isEqualTo(ClientAccounts.Standing.SUSPENDED);
        Assertions.assertThat(account.suspendedBy()).isEqualTo(n[0]);
        Assertions.assertThat(account.deletionDueAt()).isEqualTo(OffsetDateTime.parse("2026-01-15T00:00:00+01:00").toInstant());
        assertThat(pi).variables().containsEntry(Vars.SUSPENSION_DECISION, SuspensionDecision.SUSPENDED.name())
                .containsEntry(Vars.DELETION_DUE_AT, date("2026-01-15T00:00:00+01:00"))
                .containsEntry(Vars.DELETION_NOTICE_AT, date("2026-01-08T00:00:00+01:00"))
                .containsEntry(Vars.BALANCE_SETTLED, false);
        Assertions.assertThat(contractStatus(f.contractId())).isEqualTo(ContractStatus.SUSPENDED);

        // R8.2: the final backups through the backup engine, held from the run records.
        List<BackupRun> finals = history.createHistoricProcessInstanceQuery().superProcessInstanceId(pi.getId())
                .processDefinitionKey(BackupProcess.KEY).list().stream()
                .map(h -> backupRuns.byProcessInstance(h.getId()).orElseThrow()).toList();
        Assertions.assertThat(finals).extracting(BackupRun::getKind).containsExactlyInAnyOrder(BackupKind.DATABASE,
                BackupKind.FILES);
        Assertions.assertThat(finals).extracting(BackupRun::getTrigger).containsOnly(BackupTrigger.FINAL_BEFORE_SUSPENSION);
        List<BackupHold> held = backupHolds.list(f.clientId());
        Assertions.assertThat(held).extracting(BackupHold::getSnapshotId)
                .containsExactlyInAnyOrderElementsOf(finals.stream().map(BackupRun::getSnapshotId).toList());
        Assertions.assertThat(held).extracting(BackupHold::getReason).containsOnly(HoldReason.SUSPENSION_FINAL_BACKUP);
        Assertions.assertThat(held.get(0).getUntil()).isAfterOrEqualTo(account.deletionDueAt());

        // R7.3: PROGERANCE: the hosting units stopped and disabled.
        Assertions.assertThat(ssh.sent()).extracting(ScriptedRemote.Sent::template).containsOnly(CommandTemplate.DISABLE_SERVICE);
        Assertions.assertThat(ssh.sent()).extracting(s -> s.args().get(0)).containsExactly("nginx.service", "php-fpm.service");

        String suspension = mail(f.billingEmail(), "Suspension de vos services : facture " + n[0]);
        Assertions.assertThat(suspension).contains("348,00").contains("mardi 16 décembre 2025 à 00h00")
                .contains("jeudi 15 janvier 2026 à 00h00").contains("article 7.3").contains("article 8.2");
        Assertions.assertThat(subjectsTo(f.billingEmail())).as("no balance mail for the balance the suspension told")
                .noneMatch(s -> s.startsWith("Services suspendus"));

        // A partial payment: still suspended, the balance (interest and fee since 17 December) mailed.
        at("2025-12-20T10:00:00+01:00");
        pay(n[0], "200.00", "VIR-1220");
        driver.settleCleanly(pi.getId());
        assertThat(pi).isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.SUSPENDED);
        String balance = mail(f.billingEmail(), "Services suspendus : il reste");
        Assertions.assertThat(balance).contains("148,00").contains("40,00").contains("jeudi 15 janvier 2026 à 00h00");

        // The principal alone is not enough (R8.2: interest and fee included).
        at("2025-12-21T10:00:00+01:00");
        pay(n[0], "148.00", "VIR-1221");
        driver.settleCleanly(pi.getId());
        assertThat(pi).isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.SUSPENDED);
        BigDecimal charges = clientDue(f.clientId());
        Assertions.assertThat(charges).isGreaterThan(new BigDecimal("40.00"));

        at("2025-12-22T10:00:00+01:00");
        pay(n[0], charges.toPlainString(), "VIR-1222");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassedInOrder(END_BALANCE_SETTLED, REACTIVATE_SERVICES, MARK_CLIENT_REACTIVATED,
                MAIL_REACTIVATION, END_REACTIVATED).isEnded();
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.GOOD);
        Assertions.assertThat(contractStatus(f.contractId())).isEqualTo(ContractStatus.ACTIVE);
        Assertions.assertThat(ssh.sent()).extracting(s -> s.template() + " " + s.args().get(0)).containsSubsequence(
                "ENABLE_SERVICE php-fpm.service", "ENABLE_SERVICE nginx.service");
        Assertions.assertThat(mail(f.billingEmail(), "Vos services sont réactivés")).contains(n[0]);
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count())
                .as("no deletion timer left").isZero();
    }
}
