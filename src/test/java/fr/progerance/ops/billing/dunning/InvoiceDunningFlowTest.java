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
import fr.progerance.ops.backup.transfer.BackupTransferException;
import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.billing.CreditNoteService;
import fr.progerance.ops.billing.charges.LegalRates;
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
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.ScriptedRemote;
import fr.progerance.ops.security.OpsGroups;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
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
    @Autowired
    LegalRates rates;
    @Autowired
    BillingSettings settings;

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
        ssh = new ScriptedRemote(); // a healthy server: every suspension, reactivation and deletion command succeeds
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

    // === deletion ==================================================================================

    @Test
    @DisplayName("R8.2: suspended 16 December -> notice 8 January (7 days before), deletion 15 January 00:00: audit record R8.2, database and shop directory dropped over SSH, off-site copy deleted, account DELETED, contract TERMINATED, French mails")
    void deletion() throws Exception {
        DunningFixture f = DunningFixture.create(register);
        String[] n = new String[1];
        at("2025-12-01T00:01:00+01:00");
        ProcessInstance pi = suspended(f, n);
        Assertions.assertThat(backupPorts.offsite(f.clientId())).as("the final backups are off-site").isNotEmpty();

        at("2026-01-07T23:59:00+01:00");
        driver.settleCleanly(pi.getId());
        Assertions.assertThat(subjectsTo(f.billingEmail())).noneMatch(s -> s.startsWith("Avis de suppression"));
        at("2026-01-08T00:00:00+01:00");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(TIMER_DELETION_NOTICE, MAIL_DELETION_NOTICE, END_DELETION_NOTICE)
                .isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);
        String notice = mail(f.billingEmail(), "Avis de suppression de vos données le jeudi 15 janvier 2026 à 00h00");
        Assertions.assertThat(notice).contains(n[0]).contains("348,00").contains("23 jour(s) de retard")
                .contains("40,00").contains("article 8.2");

        at("2026-01-14T23:59:00+01:00");
        driver.settleCleanly(pi.getId());
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.SUSPENDED);
        at("2026-01-15T00:00:00+01:00");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassedInOrder(TIMER_DELETION, DECIDE_DELETION, DELETE_CLIENT_DATA, MARK_CLIENT_DELETED,
                MAIL_DELETION_DONE, END_DELETED).isEnded();
        assertThat(pi).variables().containsEntry(Vars.DELETION_DECISION, DeletionDecision.DELETE.name());
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.DELETED);
        Assertions.assertThat(contractStatus(f.contractId())).isEqualTo(ContractStatus.TERMINATED);
        Assertions.assertThat(ssh.sent()).extracting(s -> s.template() + " " + s.args().get(0)).contains(
                "DROP_DATABASE prestashop", "REMOVE_SHOP_DIRECTORY /var/www/prestashop");
        Assertions.assertThat(backupPorts.offsite(f.clientId())).as("the off-site copy is deleted").isEmpty();
        TestApi.Answer audits = manager().get("/api/deletions?clientId=" + f.clientId());
        Assertions.assertThat(audits.status()).as(audits.toString()).isEqualTo(200);
        Assertions.assertThat(audits.json()).hasSize(1);
        Assertions.assertThat(audits.json().get(0).get("rule").asText()).isEqualTo("R8.2");
        Assertions.assertThat(mail(f.billingEmail(), "Suppression définitive de vos données")).contains(n[0])
                .contains("jeudi 15 janvier 2026 à 00h00");
    }

    @Test
    @DisplayName("R8.2: a manager's hold stops the deletion (looked at again each day) until lifted; a hold placed between the decision and the deletion deletes nothing and is decided again; lifted -> deleted")
    void holdStopsTheDeletion() throws Exception {
        DunningFixture f = DunningFixture.create(register);
        String[] n = new String[1];
        at("2025-12-01T00:01:00+01:00");
        ProcessInstance pi = suspended(f, n);
        at("2025-12-20T10:00:00+01:00");
        long first = placeHold(f.clientId());

        at("2026-01-08T00:00:00+01:00");
        driver.settleCleanly(pi.getId());
        at("2026-01-15T00:00:00+01:00");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(DECIDE_DELETION).isWaitingAtExactly(AWAIT_HOLD_LIFTED);
        assertThat(pi).variables().containsEntry(Vars.DELETION_DECISION, DeletionDecision.HELD.name())
                .containsEntry(Vars.HOLD_RECHECK_AT, date("2026-01-16T00:00:00+01:00"));
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.SUSPENDED);

        at("2026-01-16T00:00:00+01:00");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(TIMER_HOLD_RECHECK).isWaitingAtExactly(AWAIT_HOLD_LIFTED);
        assertThat(pi).variables().containsEntry(Vars.HOLD_RECHECK_AT, date("2026-01-17T00:00:00+01:00"));

        // A payment while held is looked at at once: not everything -> held still.
        at("2026-01-16T08:00:00+01:00");
        pay(n[0], "100.00", "VIR-0116");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(HELD_PAYMENT_RECEIVED).isWaitingAtExactly(AWAIT_HOLD_LIFTED);
        assertThat(pi).variables().containsEntry(Vars.HOLD_RECHECK_AT, date("2026-01-17T08:00:00+01:00"));

        // Lifted: the deletion is decided at once; a new hold comes before the deletion job runs.
        at("2026-01-16T10:00:00+01:00");
        liftHold(f.clientId(), first);
        assertThat(pi).hasPassed(HOLD_LIFTED).isWaitingAt(DECIDE_DELETION);
        driver.execute(pi.getId(), DECIDE_DELETION);
        assertThat(pi).isWaitingAt(DELETE_CLIENT_DATA);
        long second = placeHold(f.clientId());
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(DELETION_HELD_MEANWHILE).isWaitingAtExactly(AWAIT_HOLD_LIFTED);
        Assertions.assertThat(ssh.sent()).extracting(ScriptedRemote.Sent::template)
                .doesNotContain(CommandTemplate.DROP_DATABASE, CommandTemplate.REMOVE_SHOP_DIRECTORY);
        Assertions.assertThat(manager().get("/api/deletions?clientId=" + f.clientId()).json()).isEmpty();

        at("2026-01-17T09:00:00+01:00");
        liftHold(f.clientId(), second);
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(DELETE_CLIENT_DATA, END_DELETED).isEnded();
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.DELETED);
    }

    @Test
    @DisplayName("R8.2: everything paid while the deletion decision's job is pending -> the decision sees the payment: reactivated, nothing deleted")
    void paidAtTheDeletionDeadline() throws Exception {
        DunningFixture f = DunningFixture.create(register);
        String[] n = new String[1];
        at("2025-12-01T00:01:00+01:00");
        ProcessInstance pi = suspended(f, n);
        at("2026-01-08T00:00:00+01:00");
        driver.settleCleanly(pi.getId());

        at("2026-01-15T00:00:00+01:00");
        driver.execute(pi.getId(), TIMER_DELETION);
        assertThat(pi).isWaitingAt(DECIDE_DELETION);
        pay(n[0], clientDue(f.clientId()).toPlainString(), "VIR-0115");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(DECIDE_DELETION, REACTIVATE_SERVICES, END_REACTIVATED).hasNotPassed(DELETE_CLIENT_DATA)
                .isEnded();
        assertThat(pi).variables().containsEntry(Vars.DELETION_DECISION, DeletionDecision.SETTLED.name());
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.GOOD);
        Assertions.assertThat(contractStatus(f.contractId())).isEqualTo(ContractStatus.ACTIVE);
        Assertions.assertThat(ssh.sent()).extracting(ScriptedRemote.Sent::template).doesNotContain(CommandTemplate.DROP_DATABASE);
    }

    long placeHold(long clientId) {
        TestApi.Answer placed = manager().post("/api/clients/" + clientId + "/deletion-holds",
                Map.of("reason", "DISPUTE", "note", "Litige en cours sur la facture"));
        Assertions.assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json().get("id").asLong();
    }

    void liftHold(long clientId, long holdId) {
        TestApi.Answer lifted = manager().post("/api/clients/" + clientId + "/deletion-holds/" + holdId + "/lift", Map.of());
        Assertions.assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
    }

    // === several invoices ==========================================================================

    @Test
    @DisplayName("R7.3, R7.5: a second unpaid invoice joins the client's suspension; the suspension asks for both; a payment of the other invoice wakes the suspension's owner; both paid with their charges -> reactivated, both contracts ACTIVE")
    void secondInvoiceJoinsTheSuspension() throws Exception {
        DunningFixture f = DunningFixture.create(register, 290.00, 150.00);
        at("2025-12-01T00:01:00+01:00");
        String a = issue(f, 0, DECEMBER);
        String b = issue(f, 1, DECEMBER);
        ProcessInstance pa = dunning(a);
        ProcessInstance pb = dunning(b);
        driver.settleCleanly(pa.getId(), pb.getId());

        at("2025-12-16T00:00:00+01:00");
        driver.settleCleanly(pa.getId());
        assertThat(pa).isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);
        driver.settleCleanly(pb.getId());
        assertThat(pb).hasPassed(DECIDE_SUSPENSION, END_JOINED_SUSPENSION).hasNotPassed(FINAL_BACKUP).isEnded();
        assertThat(pb).variables().containsEntry(Vars.SUSPENSION_DECISION, SuspensionDecision.JOINED.name());
        Assertions.assertThat(accounts.find(f.clientId()).orElseThrow().suspendedBy()).isEqualTo(a);
        Assertions.assertThat(f.contractIds()).allMatch(id -> contractStatus(id) == ContractStatus.SUSPENDED);
        String suspension = mail(f.billingEmail(), "Suspension de vos services : facture " + a);
        Assertions.assertThat(suspension).contains("Facture " + a).contains("Facture " + b).contains("528,00");

        at("2025-12-18T10:00:00+01:00");
        pay(b, ledger.invoice(b).totalDue().toPlainString(), "VIR-B");
        driver.settleCleanly(pa.getId());
        assertThat(pa).isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);
        Assertions.assertThat(mail(f.billingEmail(), "Services suspendus : il reste")).contains("Facture " + a)
                .doesNotContain("Facture " + b);

        at("2025-12-19T10:00:00+01:00");
        pay(a, ledger.invoice(a).totalDue().toPlainString(), "VIR-A");
        driver.settleCleanly(pa.getId());
        assertThat(pa).hasPassed(END_REACTIVATED).isEnded();
        Assertions.assertThat(f.contractIds()).allMatch(id -> contractStatus(id) == ContractStatus.ACTIVE);
    }

    // === contests ==================================================================================

    @Test
    @DisplayName("R7.6, R7.7: a contest dated within 8 days is accepted (201) -> managers' task due in 2 days; ops may not decide it; a credit note above the invoice's amount excluding tax is refused (400); a credit note is issued and mailed; a second letter is rejected; the suspension timer never moved and the unpaid invoice is suspended on 16 December")
    void contestInTime() throws Exception {
        DunningFixture f = DunningFixture.create(register);
        String[] n = new String[1];
        at("2025-12-01T00:01:00+01:00");
        ProcessInstance pi = issuedAndWaiting(f, n);

        at("2025-12-05T10:00:00+01:00");
        TestApi.Answer recorded = ops().post("/api/invoices/" + n[0] + "/contest",
                Map.of("letterDate", "2025-12-04", "reason", "Le montant ne correspond pas au bon de commande."));
        Assertions.assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        Assertions.assertThat(recorded.json().get("status").asText()).isEqualTo("ACCEPTED");
        Assertions.assertThat(recorded.json().get("recordedBy").asText()).isEqualTo(OPS);
        driver.settleCleanly(pi.getId());
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(DECIDE_CONTEST).singleResult();
        Assertions.assertThat(task).isNotNull();
        Assertions.assertThat(task.getName()).contains(n[0]);
        Assertions.assertThat(task.getDueDate()).isEqualTo(date("2025-12-07T10:00:00+01:00"));
        Assertions.assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(l -> l.getGroupId())
                .containsExactly(OpsGroups.MANAGERS);
        Assertions.assertThat(mail(f.billingEmail(), "Contestation de la facture " + n[0] + " reçue"))
                .contains("4 décembre 2025").contains("7 décembre 2025").contains("article 7.7");
        // R7.7: the suspension timer stands.
        Assertions.assertThat(driver.job(pi.getId(), TIMER_SUSPENSION).getDuedate()).isEqualTo(date("2025-12-16T00:00:00+01:00"));

        String complete = "/engine-rest/task/" + task.getId() + "/complete";
        TestApi.Answer byOps = ops().post(complete, decision("CREDIT_NOTE", "50.00", "Geste commercial"));
        Assertions.assertThat(byOps.status()).as(byOps.toString()).isEqualTo(403);
        TestApi.Answer tooMuch = manager().post(complete, decision("CREDIT_NOTE", "290.01", "Tout"));
        Assertions.assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(400);
        Assertions.assertThat(tooMuch.body()).contains("290.00");
        TestApi.Answer noNote = manager().post(complete, decision("CREDIT_NOTE", "50.00", ""));
        Assertions.assertThat(noNote.status()).as(noNote.toString()).isEqualTo(400);
        TestApi.Answer granted = manager().post(complete, decision("CREDIT_NOTE", "50.00",
                "Le forfait de décembre est réduit de 50 euros comme convenu."));
        Assertions.assertThat(granted.status()).as(granted.toString()).isEqualTo(204);
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(ISSUE_CREDIT_NOTE, MAIL_CONTEST_DECISION, END_CONTEST_DECIDED);
        InvoiceContest decided = contests.list(n[0]).get(0);
        Assertions.assertThat(decided.getDecision()).isEqualTo(ContestDecision.CREDIT_NOTE);
        Assertions.assertThat(decided.getDecidedBy()).isEqualTo(MANAGER);
        Assertions.assertThat(decided.getCreditNoteId()).isNotNull();
        var note = creditNotes.get(decided.getCreditNoteId());
        Assertions.assertThat(note.getAmountExclTax()).isEqualByComparingTo("50.00");
        Assertions.assertThat(note.getRule()).isEqualTo("R7.6");
        Assertions.assertThat(note.getContractId()).isEqualTo(f.contractId());
        Assertions.assertThat(note.getCreatedBy()).isEqualTo(MANAGER);
        Assertions.assertThat(mail(f.billingEmail(), "Contestation de la facture " + n[0] + " : avoir de 50,00"))
                .contains("comme convenu");

        // A second letter, decided the other way.
        at("2025-12-08T11:00:00+01:00");
        Assertions.assertThat(ops().post("/api/invoices/" + n[0] + "/contest", Map.of("letterDate", "2025-12-06",
                "reason", "Nous contestons aussi la ligne de support.")).status()).isEqualTo(201);
        driver.settleCleanly(pi.getId());
        Task second = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(DECIDE_CONTEST).singleResult();
        TestApi.Answer rejectedWithAmount = manager().post("/engine-rest/task/" + second.getId() + "/complete",
                decision("REJECT", "10.00", "Non"));
        Assertions.assertThat(rejectedWithAmount.status()).as(rejectedWithAmount.toString()).isEqualTo(400);
        TestApi.Answer rejected = manager().post("/engine-rest/task/" + second.getId() + "/complete",
                Map.of("variables", Map.of(Vars.CONTEST_DECISION, Map.of("value", "REJECT"), Vars.CONTEST_NOTE,
                        Map.of("value", "Le support est prévu au bon de commande."))));
        Assertions.assertThat(rejected.status()).as(rejected.toString()).isEqualTo(204);
        driver.settleCleanly(pi.getId());
        Assertions.assertThat(mail(f.billingEmail(), "Contestation de la facture " + n[0] + " : contestation rejetée"))
                .contains("bon de commande");
        Assertions.assertThat(creditNotes.list(f.contractId())).hasSize(1);

        // R7.7: contested and unpaid -> suspended on 16 December all the same.
        at("2025-12-16T00:00:00+01:00");
        driver.settleCleanly(pi.getId());
        assertThat(pi).isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.SUSPENDED);
    }

    static Map<String, Object> decision(String decision, String amount, String note) {
        return Map.of("variables", Map.of(Vars.CONTEST_DECISION, Map.of("value", decision), Vars.CREDIT_NOTE_AMOUNT,
                Map.of("value", amount), Vars.CONTEST_NOTE, Map.of("value", note)));
    }

    @Test
    @DisplayName("R7.6: a letter dated after the 8 days, or in the future, is refused with the reason (422) and kept; the client is told; the timers are untouched; bad input 400, unknown invoice 404; a contest of an invoice whose dunning ended (paid at once) is still answered")
    void contestOutOfTime() throws Exception {
        DunningFixture f = DunningFixture.create(register);
        String[] n = new String[1];
        at("2025-12-01T00:01:00+01:00");
        ProcessInstance pi = issuedAndWaiting(f, n);

        at("2025-12-12T10:00:00+01:00");
        String path = "/api/invoices/" + n[0] + "/contest";
        TestApi.Answer late = ops().post(path, Map.of("letterDate", "2025-12-10", "reason", "Facture contestée."));
        Assertions.assertThat(late.status()).as(late.toString()).isEqualTo(422);
        Assertions.assertThat(late.json().get("message").asText()).contains("R7.6").contains("2025-12-09");
        Assertions.assertThat(late.json().get("problems").get(0).get("field").asText()).isEqualTo("letterDate");
        Assertions.assertThat(late.json().get("contest").get("status").asText()).isEqualTo("REFUSED");
        TestApi.Answer future = ops().post(path, Map.of("letterDate", "2025-12-13", "reason", "Facture contestée."));
        Assertions.assertThat(future.status()).as(future.toString()).isEqualTo(422);
        Assertions.assertThat(future.json().get("message").asText()).contains("future");
        Assertions.assertThat(contests.list(n[0])).extracting(InvoiceContest::getStatus)
                .containsExactly(ContestStatus.REFUSED, ContestStatus.REFUSED);
        Assertions.assertThat(contests.list(n[0])).extracting(InvoiceContest::getRefusalReason).allMatch(r -> r != null);

        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(ANSWER_CONTEST, END_CONTEST_REFUSED).isWaitingAtExactly(AWAIT_PAYMENT, PAYMENT_RECEIVED);
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(mail(f.billingEmail(), "Contestation de la facture " + n[0] + " non recevable"))
                .contains("9 décembre 2025").contains("réputée acceptée");
        Assertions.assertThat(driver.job(pi.getId(), TIMER_SUSPENSION).getDuedate()).isEqualTo(date("2025-12-16T00:00:00+01:00"));

        TestApi.Answer missing = ops().post(path, Map.of("reason", "Facture contestée."));
        Assertions.assertThat(missing.status()).isEqualTo(400);
        Assertions.assertThat(RegisterApi.fields(missing)).containsExactly("letterDate");
        TestApi.Answer control = ops().post(path, Map.of("letterDate", "2025-12-04", "reason", "Contest\u0000ation"));
        Assertions.assertThat(control.status()).isEqualTo(400);
        Assertions.assertThat(ops().post("/api/invoices/F2099-999999/contest", Map.of("letterDate", "2025-12-04",
                "reason", "x")).status()).isEqualTo(404);

        // An invoice paid at once: its dunning ended; a letter in time is still answered.
        DunningFixture g = DunningFixture.create(register);
        at("2025-12-01T00:02:00+01:00");
        String paid = issue(g, 0, DECEMBER);
        ProcessInstance ended = dunning(paid);
        driver.settleCleanly(ended.getId());
        at("2025-12-02T09:00:00+01:00");
        pay(paid, "348.00", "VIR-1202");
        driver.settleCleanly(ended.getId());
        assertThat(ended).hasPassed(END_PAID).isEnded();
        at("2025-12-10T09:00:00+01:00");
        Assertions.assertThat(ops().post("/api/invoices/" + paid + "/contest", Map.of("letterDate", "2025-12-08",
                "reason", "Service interrompu deux jours.")).status()).isEqualTo(201);
        ProcessInstance answering = dunning(paid);
        Assertions.assertThat(answering.getId()).isNotEqualTo(ended.getId());
        driver.settleCleanly(answering.getId());
        Task task = tasks.createTaskQuery().processInstanceId(answering.getId()).taskDefinitionKey(DECIDE_CONTEST)
                .singleResult();
        Assertions.assertThat(task).isNotNull();
        TestApi.Answer rejected = manager().post("/engine-rest/task/" + task.getId() + "/complete",
                Map.of("variables", Map.of(Vars.CONTEST_DECISION, Map.of("value", "REJECT"), Vars.CONTEST_NOTE,
                        Map.of("value", "Aucune interruption constatée."))));
        Assertions.assertThat(rejected.status()).as(rejected.toString()).isEqualTo(204);
        driver.settleCleanly(answering.getId());
        assertThat(answering).hasPassed(END_CONTEST_DECIDED).isEnded();
        Assertions.assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(InvoiceDunningProcess.KEY)
                .processInstanceBusinessKey(paid).count()).isEqualTo(2);
    }

    // === missing legal rate (R7.5) =================================================================

    @Test
    @DisplayName("R7.5: the suspension decided late over a semester without a legal rate -> managers' task 'Enter the legal rate of 2040-S2' (ops may not; a bad rate 400); entered -> decided and suspended; a payment while suspended needs 2041-S1 -> task, the rate entered through the API completes it and the balance is looked at")
    void missingLegalRateAtTheSuspensionAndWhileSuspended() throws Exception {
        DunningFixture f = DunningFixture.create(register);
        LocalDate december2040 = LocalDate.of(2040, 12, 1);
        at("2040-12-01T00:01:00+01:00");
        String n = issue(f, 0, december2040);
        ProcessInstance pi = dunning(n);
        driver.settleCleanly(pi.getId());

        // The engine was down: the suspension timer of 16 December fires on the 20th; 17-20 December
        // are late days of 2040-S2, which has no rate.
        at("2040-12-20T09:00:00+01:00");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(SUSPENSION_RATE_MISSING).isWaitingAtExactly(ENTER_RATE_FOR_SUSPENSION);
        assertThat(pi).variables().containsEntry(Vars.MISSING_SEMESTER, "2040-S2");
        Assertions.assertThat(standing(f.clientId())).as("nothing decided with a zero").isEqualTo(ClientAccounts.Standing.GOOD);
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(task.getName()).isEqualTo("Enter the legal rate of 2040-S2");
        Assertions.assertThat(task.getDueDate()).isEqualTo(date("2040-12-22T09:00:00+01:00"));
        Assertions.assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(l -> l.getGroupId())
                .containsExactly(OpsGroups.MANAGERS);

        String complete = "/engine-rest/task/" + task.getId() + "/complete";
        Assertions.assertThat(ops().post(complete, rate("3.15", "Arrêté du 18 décembre 2040")).status()).isEqualTo(403);
        TestApi.Answer notANumber = manager().post(complete, rate("trois", "Arrêté du 18 décembre 2040"));
        Assertions.assertThat(notANumber.status()).as(notANumber.toString()).isEqualTo(400);
        TestApi.Answer zero = manager().post(complete, rate("0", "Arrêté du 18 décembre 2040"));
        Assertions.assertThat(zero.status()).as(zero.toString()).isEqualTo(400);
        Assertions.assertThat(zero.body()).contains(Vars.LEGAL_RATE);
        TestApi.Answer noSource = manager().post(complete, rate("3.15", ""));
        Assertions.assertThat(noSource.status()).as(noSource.toString()).isEqualTo(400);
        Assertions.assertThat(rates.find("2040-S2")).isEmpty();
        TestApi.Answer entered = manager().post(complete, rate("3.15", "Arrêté du 18 décembre 2040 (test)"));
        Assertions.assertThat(entered.status()).as(entered.toString()).isEqualTo(204);
        Assertions.assertThat(rates.find("2040-S2")).get().satisfies(r -> {
            Assertions.assertThat(r.ratePercent()).isEqualByComparingTo("3.15");
            Assertions.assertThat(r.enteredBy()).isEqualTo(MANAGER);
        });
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(ENTER_RATE_FOR_SUSPENSION, FINAL_BACKUP, MAIL_SUSPENSION)
                .isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.SUSPENDED);
        Assertions.assertThat(mail(f.billingEmail(), "Suspension de vos services : facture " + n)).contains("4 jour(s) de retard");

        // A payment in January: 2041-S1 has no rate; the rate entered through the API lets it go on.
        at("2041-01-03T10:00:00+01:00");
        pay(n, "100.00", "VIR-0103");
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(SUSPENDED_RATE_MISSING).isWaitingAtExactly(ENTER_RATE_WHILE_SUSPENDED);
        assertThat(pi).variables().containsEntry(Vars.MISSING_SEMESTER, "2041-S1");
        TestApi.Answer api = manager().put("/api/billing/legal-rates/2041-S1", Map.of("ratePercent", 3.20,
                "source", "Arrêté du 20 décembre 2040 (test)"));
        Assertions.assertThat(api.status()).as(api.toString()).isEqualTo(201);
        assertThat(pi).hasPassed(ENTER_RATE_WHILE_SUSPENDED);
        driver.settleCleanly(pi.getId());
        assertThat(pi).isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);
        Assertions.assertThat(mail(f.billingEmail(), "Services suspendus : il reste")).contains("248,00");
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.SUSPENDED);
    }

    @Test
    @DisplayName("R7.5: the deletion decided a month late over two semesters without a rate -> one managers' task per semester, then the deletion")
    void missingLegalRateAtTheDeletion() throws Exception {
        DunningFixture f = DunningFixture.create(register);
        at("2043-06-01T00:01:00+02:00");
        String n = issue(f, 0, LocalDate.of(2043, 6, 1));
        ProcessInstance pi = dunning(n);
        driver.settleCleanly(pi.getId());
        at("2043-06-16T00:00:00+02:00");
        driver.settleCleanly(pi.getId());
        assertThat(pi).isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);

        // The engine was down a month: the deletion timer fires first; 17 June - 16 July span 2043-S1 and 2043-S2.
        at("2043-07-16T08:00:00+02:00");
        driver.execute(pi.getId(), TIMER_DELETION);
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(DELETION_RATE_MISSING).isWaitingAtExactly(ENTER_RATE_FOR_DELETION);
        assertThat(pi).variables().containsEntry(Vars.MISSING_SEMESTER, "2043-S1");
        Task first = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(manager().post("/engine-rest/task/" + first.getId() + "/complete",
                rate("2.90", "Arrêté du 20 décembre 2042 (test)")).status()).isEqualTo(204);
        driver.settleCleanly(pi.getId());
        assertThat(pi).isWaitingAtExactly(ENTER_RATE_FOR_DELETION);
        assertThat(pi).variables().containsEntry(Vars.MISSING_SEMESTER, "2043-S2");
        Task second = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(second.getName()).isEqualTo("Enter the legal rate of 2043-S2");
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.SUSPENDED);
        Assertions.assertThat(manager().post("/engine-rest/task/" + second.getId() + "/complete",
                rate("2.70", "Arrêté du 20 juin 2043 (test)")).status()).isEqualTo(204);
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasPassed(DELETE_CLIENT_DATA, END_DELETED).isEnded();
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.DELETED);
    }

    static Map<String, Object> rate(String rate, String source) {
        return Map.of("variables", Map.of(Vars.LEGAL_RATE, Map.of("value", rate), Vars.LEGAL_RATE_SOURCE,
                Map.of("value", source)));
    }

    // === the final backup not done in time =========================================================

    @Test
    @DisplayName("R8.2: the final backups fail past final-backup-wait (6 h) -> the latest good snapshot is held, ops are told what is missing, the suspension goes on")
    void finalBackupNotDoneInTime() throws Exception {
        DunningFixture f = DunningFixture.create(register);
        // A good database backup from the night before the invoice; no files backup at all.
        at("2025-11-30T03:00:00+01:00");
        BackupRun earlier = backupStarter.start(f.serverId(), BackupKind.DATABASE, BackupTrigger.MANUAL);
        driver.settleCleanly(earlier.getProcessInstanceId());
        String goodSnapshot = backupRuns.get(earlier.getId()).getSnapshotId();
        Assertions.assertThat(goodSnapshot).isNotNull();

        String[] n = new String[1];
        at("2025-12-01T00:01:00+01:00");
        ProcessInstance pi = issuedAndWaiting(f, n);
        at("2025-12-16T00:00:00+01:00");
        backupPorts.failTransfer(new BackupTransferException("mysqldump: Lost connection to server", true, null), 20);
        driver.settle(pi.getId());
        assertThat(pi).isWaitingAt(FINAL_BACKUP);
        Assertions.assertThat(driver.job(pi.getId(), TIMER_FINAL_BACKUP).getDuedate())
                .isEqualTo(date("2025-12-16T06:00:00+01:00"));
        // The Backup's own freshness report runs too (the coverage gate covers every model this class touches).
        ProcessInstance database = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
                .variableValueEquals(BackupProcess.Vars.KIND, BackupKind.DATABASE.name()).singleResult();
        driver.execute(database.getId(), BackupProcess.Elements.TIMER_OVERDUE);
        driver.settle(pi.getId());

        at("2025-12-16T06:00:00+01:00");
        driver.settle(pi.getId());
        assertThat(pi).hasPassed(TIMER_FINAL_BACKUP, HOLD_FINAL_BACKUPS, SUSPEND_SERVICES, MAIL_SUSPENSION)
                .isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);
        Assertions.assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).count())
                .as("the final runs were stopped").isZero();
        Assertions.assertThat(backupHolds.list(f.clientId())).extracting(BackupHold::getSnapshotId).containsExactly(goodSnapshot);
        String ops = mail(settings.getOpsAddress(), "[billing] Final backup incomplete: invoice " + n[0]);
        Assertions.assertThat(ops).contains("DATABASE").contains("latest good one is held").contains(goodSnapshot)
                .contains("FILES").contains("no backup at all");
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.SUSPENDED);
    }

    // === what a hostile ops user tries through /engine-rest (DESIGN rule 11) =========================

    @Test
    @DisplayName("Rule 11: ops may not correlate payments, set variables or start the dunning (403); an administrator's payment message without a payment record, with forged variables, never ends the dunning as paid nor reactivates; a task completion with variables it does not own is refused (400)")
    void forgedPaymentsNeverPayOrReactivate() throws Exception {
        DunningFixture f = DunningFixture.create(register);
        String[] n = new String[1];
        at("2025-12-01T00:01:00+01:00");
        ProcessInstance pi = issuedAndWaiting(f, n);

        TestApi.Answer message = ops().post("/engine-rest/message", Map.of("messageName",
                InvoiceDunningProcess.Messages.PAYMENT_RECEIVED, "businessKey", n[0]));
        Assertions.assertThat(message.status()).as(message.toString()).isEqualTo(403);
        TestApi.Answer variable = ops().put("/engine-rest/process-instance/" + pi.getId() + "/variables/"
                + Vars.PAYMENT_STATE, Map.of("value", "PAID", "type", "String"));
        Assertions.assertThat(variable.status()).as(variable.toString()).isEqualTo(403);
        TestApi.Answer start = ops().post("/engine-rest/process-definition/key/" + InvoiceDunningProcess.KEY + "/start",
                Map.of("businessKey", "F2025-999999", "variables", Map.of(Vars.INVOICE_NUMBER, Map.of("value", "F2025-999999"))));
        Assertions.assertThat(start.status()).as(start.toString()).isEqualTo(403);

        TestApi admin = TestApi.asAdmin(port);
        TestApi.Answer forged = admin.post("/engine-rest/message", Map.of("messageName",
                InvoiceDunningProcess.Messages.PAYMENT_RECEIVED, "businessKey", n[0], "processVariables",
                Map.of(Vars.PAYMENT_STATE, Map.of("value", "PAID"))));
        Assertions.assertThat(forged.status()).as(forged.toString()).isIn(200, 204);
        driver.settleCleanly(pi.getId());
        assertThat(pi).isWaitingAtExactly(AWAIT_PAYMENT, PAYMENT_RECEIVED);
        assertThat(pi).variables().containsEntry(Vars.PAYMENT_STATE, PaymentState.UNPAID.name());

        at("2025-12-16T00:00:00+01:00");
        driver.settleCleanly(pi.getId());
        assertThat(pi).isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);
        TestApi.Answer settled = admin.post("/engine-rest/message", Map.of("messageName",
                InvoiceDunningProcess.Messages.PAYMENT_RECEIVED, "correlationKeys",
                Map.of(Vars.CLIENT_ID, Map.of("value", f.clientId(), "type", "Long")), "processVariables",
                Map.of(Vars.BALANCE_SETTLED, Map.of("value", true, "type", "Boolean"))));
        Assertions.assertThat(settled.status()).as(settled.toString()).isIn(200, 204);
        driver.settleCleanly(pi.getId());
        assertThat(pi).hasNotPassed(REACTIVATE_SERVICES).isWaitingAtExactly(SUSPENDED, SUSPENDED_PAYMENT_RECEIVED);
        Assertions.assertThat(standing(f.clientId())).isEqualTo(ClientAccounts.Standing.SUSPENDED);
        Assertions.assertThat(ssh.sent()).extracting(ScriptedRemote.Sent::template).doesNotContain(CommandTemplate.ENABLE_SERVICE);

        // A contest's task completed with variables it does not own.
        DunningFixture g = DunningFixture.create(register);
        at("2025-12-01T00:05:00+01:00");
        String other = issue(g, 0, DECEMBER);
        ProcessInstance po = dunning(other);
        driver.settleCleanly(po.getId());
        at("2025-12-03T10:00:00+01:00");
        Assertions.assertThat(ops().post("/api/invoices/" + other + "/contest", Map.of("letterDate", "2025-12-02",
                "reason", "Contestation")).status()).isEqualTo(201);
        driver.settleCleanly(po.getId());
        Task task = tasks.createTaskQuery().processInstanceId(po.getId()).taskDefinitionKey(DECIDE_CONTEST).singleResult();
        TestApi.Answer foreign = manager().post("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables",
                Map.of(Vars.CONTEST_DECISION, Map.of("value", "REJECT"), Vars.CONTEST_NOTE, Map.of("value", "Non"),
                        Vars.CONTEST_CREDIT_NOTE, Map.of("value", true), Vars.BALANCE_SETTLED, Map.of("value", true))));
        Assertions.assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        Assertions.assertThat(foreign.body()).contains(Vars.CONTEST_CREDIT_NOTE).contains(Vars.BALANCE_SETTLED);
        Assertions.assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    }
}
