package fr.progerance.ops.billing.dunning;

import static fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.TestPeers;
import fr.progerance.ops.backup.FakeBackupPorts;
import fr.progerance.ops.billing.InvoiceIssuer;
import fr.progerance.ops.billing.ledger.ClientAccounts;
import fr.progerance.ops.billing.ledger.ClientLedger;
import fr.progerance.ops.billing.ledger.NewPayment;
import fr.progerance.ops.billing.ledger.PaymentRecorder;
import fr.progerance.ops.billing.ledger.PaymentSource;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.ScriptedRemote;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationContext;

/**
 * Issue 9, safety, on whichever database the application runs (H2 in the shared test context,
 * PostgreSQL in {@code DunningRacePostgresIT}): the real decision job, executed on its own thread as
 * the job executor would, races the real payment recorder on its own thread and transaction; then
 * the instance runs to rest and the outcome is checked. The payment starts a little later in some
 * trials, so both orders happen.
 */
final class DunningRaces implements AutoCloseable {

    static final LocalDate DECEMBER = LocalDate.of(2025, 12, 1);

    private final RuntimeService runtime;
    private final HistoryService history;
    private final ManagementService management;
    private final MovableClock clock;
    private final ContractClock contractClock;
    private final InvoiceIssuer issuer;
    private final PaymentRecorder payments;
    private final ClientLedger ledger;
    private final ClientAccounts accounts;
    private final DunningDriver driver;
    private final RegisterApi register;
    private final ScriptedRemote ssh = new ScriptedRemote();
    private final TestPeers.SwitchableRemote remote;
    private final FakeBackupPorts backupPorts;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    DunningRaces(ApplicationContext app, int port) {
        this.runtime = app.getBean(RuntimeService.class);
        this.history = app.getBean(HistoryService.class);
        this.management = app.getBean(ManagementService.class);
        this.clock = app.getBean(MovableClock.class);
        this.contractClock = app.getBean(ContractClock.class);
        this.issuer = app.getBean(InvoiceIssuer.class);
        this.payments = app.getBean(PaymentRecorder.class);
        this.ledger = app.getBean(ClientLedger.class);
        this.accounts = app.getBean(ClientAccounts.class);
        this.remote = app.getBean(TestPeers.SwitchableRemote.class);
        this.backupPorts = app.getBean(FakeBackupPorts.class);
        this.driver = new DunningDriver(management, runtime, app.getBean(ExternalTaskWorker.class));
        this.register = new RegisterApi(port);
        backupPorts.reset();
        remote.use(ssh);
    }

    @Override
    public void close() {
        threads.shutdownNow();
        remote.useReal();
        backupPorts.reset();
        clock.reset();
    }

    private void at(String iso) {
        clock.set(OffsetDateTime.parse(iso).toInstant());
    }

    /**
     * R7.3: the suspension decision racing the full payment. Whatever the order, the dunning ends
     * with the client GOOD: paid before the suspension, or suspended and reactivated at once.
     *
     * @return the end events the instance passed
     */
    List<String> suspensionTrial(int trial) throws Exception {
        DunningFixture f = DunningFixture.create(register);
        at("2025-12-01T00:01:00+01:00");
        String n = issuer.issue(f.contractId(), DECEMBER).invoiceNumber();
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(n).singleResult();
        driver.settleCleanly(pi.getId());
        at("2025-12-16T00:00:00+01:00");
        driver.execute(pi.getId(), TIMER_SUSPENSION);
        Job decide = driver.job(pi.getId(), DECIDE_SUSPENSION);

        race(decide, payment(n, ledger.invoice(n).totalDue(), "RACE-" + trial), trial);
        driver.settleCleanly(pi.getId());
        List<String> ended = ends(pi);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count())
                .as("trial %s: the dunning is over (%s)", trial, ended).isZero();
        assertThat(standing(f.clientId())).as("trial %s: %s", trial, ended).isEqualTo(ClientAccounts.Standing.GOOD);
        assertThat(ended).containsAnyOf(END_PAID_BEFORE_SUSPENSION, END_REACTIVATED);
        return ended;
    }

    /**
     * R8.2: the deletion decision racing the payment of everything due. Every trial ends consistent:
     * reactivated with nothing deleted (the decision saw the payment), or deleted with the account
     * DELETED (the payment came after the decision).
     */
    List<String> deletionTrial(int trial) throws Exception {
        DunningFixture f = DunningFixture.create(register);
        at("2025-12-01T00:01:00+01:00");
        String n = issuer.issue(f.contractId(), DECEMBER).invoiceNumber();
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(n).singleResult();
        driver.settleCleanly(pi.getId());
        at("2025-12-16T00:00:00+01:00");
        driver.settleCleanly(pi.getId());
        at("2026-01-15T00:00:00+01:00");
        driver.execute(pi.getId(), TIMER_DELETION);
        Job decide = driver.job(pi.getId(), DECIDE_DELETION);
        BigDecimal due = ledger.client(f.clientId()).totalDue();
        int sentBefore = ssh.sent().size();

        race(decide, payment(n, due, "RACE-D" + trial), trial);
        driver.settleCleanly(pi.getId());
        List<String> ended = ends(pi);
        List<CommandTemplate> sent = ssh.sent().subList(sentBefore, ssh.sent().size()).stream()
                .map(ScriptedRemote.Sent::template).toList();
        if (ended.contains(END_REACTIVATED)) {
            assertThat(standing(f.clientId())).as("trial %s", trial).isEqualTo(ClientAccounts.Standing.GOOD);
            assertThat(sent).as("trial %s: nothing deleted", trial).doesNotContain(CommandTemplate.DROP_DATABASE,
                    CommandTemplate.REMOVE_SHOP_DIRECTORY);
        } else {
            assertThat(ended).as("trial %s", trial).contains(END_DELETED);
            assertThat(standing(f.clientId())).as("trial %s", trial).isEqualTo(ClientAccounts.Standing.DELETED);
            assertThat(sent).as("trial %s", trial).contains(CommandTemplate.DROP_DATABASE);
        }
        return ended;
    }

    /**
     * The job and the payment at the same moment on two threads (the payment delayed by a few
     * milliseconds in some trials). A job that fails (a lock timeout) is retried at once, as the job
     * executor would after its retry delay.
     */
    private void race(Job job, NewPayment payment, int trial) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Future<String> decision = threads.submit(() -> {
            go.await();
            try {
                management.executeJob(job.getId());
                return null;
            } catch (RuntimeException e) {
                return DunningDriver.root(e);
            }
        });
        Future<?> paid = threads.submit(() -> {
            go.await();
            Thread.sleep(trial % 4 * 20L);
            payments.record(payment);
            return null;
        });
        go.countDown();
        paid.get(60, TimeUnit.SECONDS);
        if (decision.get(60, TimeUnit.SECONDS) != null) {
            management.setJobRetries(job.getId(), 1);
            management.setJobDuedate(job.getId(), null);
        }
    }

    private NewPayment payment(String invoiceNumber, BigDecimal amount, String reference) {
        return new NewPayment(invoiceNumber, amount, contractClock.today(), reference, PaymentSource.API,
                invoiceNumber + ":" + reference, "race");
    }

    private ClientAccounts.Standing standing(long clientId) {
        return accounts.find(clientId).map(ClientAccounts.Account::standing).orElse(ClientAccounts.Standing.GOOD);
    }

    private List<String> ends(ProcessInstance pi) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).activityType("noneEndEvent")
                .list().stream().map(HistoricActivityInstance::getActivityId).sorted().toList();
    }
}
