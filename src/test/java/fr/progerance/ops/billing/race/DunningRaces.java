package fr.progerance.ops.billing.race;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.TestPeers;
import fr.progerance.ops.backup.FakeBackupPorts;
import fr.progerance.ops.billing.InvoiceIssuer;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Elements;
import fr.progerance.ops.billing.ledger.ClientAccounts;
import fr.progerance.ops.billing.ledger.ClientLedger;
import fr.progerance.ops.billing.ledger.NewPayment;
import fr.progerance.ops.billing.ledger.PaymentSource;
import fr.progerance.ops.billing.ledger.PaymentRecorder;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.engine.worker.ExternalTaskWorker;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.ScriptedRemote;
import fr.progerance.ops.web.Excerpt;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The safety promise of issue 9: a payment that arrives while the suspension or the deletion job
 * runs never leaves a paid client suspended (R7.3, R8.2) or deleted (R8.2). Each trial is a new
 * client whose dunning reaches its suspension (or deletion) instant; one thread runs the due jobs
 * of the dunning as the job executor would, the other records the payment of everything due after
 * a random delay within the jobs' measured duration, so that over the trials the payment lands
 * before, inside and after the decisions. Both orders end right:
 * <ul>
 *   <li>suspension: the client ends in good standing with its contract ACTIVE; if the services were
 *       suspended, they were reactivated (every disabled unit enabled again);</li>
 *   <li>deletion: the payment, recorded under the client's account lock, either came before the
 *       point of no return (the deletion audit record, written under the same lock) and nothing was
 *       deleted and the client is reactivated, or came after it and the client is DELETED; never a
 *       payment seen before the point of no return followed by a deletion.</li>
 * </ul>
 * Run by {@code DunningRaceTest} on H2 and {@code DunningRacePostgresIT} on PostgreSQL; the number
 * of trials is {@code -Ddunning.race.trials} (default 20 of each race).
 */
final class DunningRaces {

    static final int TRIALS = Integer.getInteger("dunning.race.trials", 20);

    /** R7.2: invoices of December 2025 (rates of 2025-S2 and 2026-S1 are in the table). */
    static final LocalDate DECEMBER = LocalDate.of(2025, 12, 1);

    private final MovableClock clock;
    private final ContractClock contractClock;
    private final InvoiceIssuer issuer;
    private final PaymentRecorder payments;
    private final ClientLedger ledger;
    private final ClientAccounts accounts;
    private final ContractRepository contracts;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final HistoryService history;
    private final ExternalTaskWorker worker;
    private final TestPeers.SwitchableRemote remote;
    private final FakeBackupPorts backupPorts;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final RegisterApi register;
    private final Random random = new Random(Long.getLong("dunning.race.seed", 20261201L));
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    /** Jobs run again after a failed attempt, by the start of their failure message. */
    private final Map<String, Integer> retried = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final java.util.Set<String> retriedAttempts = java.util.concurrent.ConcurrentHashMap.newKeySet();

    DunningRaces(ApplicationContext app, int port) {
        this.clock = app.getBean(MovableClock.class);
        this.contractClock = app.getBean(ContractClock.class);
        this.issuer = app.getBean(InvoiceIssuer.class);
        this.payments = app.getBean(PaymentRecorder.class);
        this.ledger = app.getBean(ClientLedger.class);
        this.accounts = app.getBean(ClientAccounts.class);
        this.contracts = app.getBean(ContractRepository.class);
        this.runtime = app.getBean(RuntimeService.class);
        this.management = app.getBean(ManagementService.class);
        this.history = app.getBean(HistoryService.class);
        this.worker = app.getBean(ExternalTaskWorker.class);
        this.remote = app.getBean(TestPeers.SwitchableRemote.class);
        this.backupPorts = app.getBean(FakeBackupPorts.class);
        this.tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        this.jdbc = app.getBean(JdbcTemplate.class);
        this.register = new RegisterApi(port);
    }

    /** The jobs that needed another attempt so far (a lock wait, a conflict), by failure: printed beside the outcomes. */
    Map<String, Integer> retries() {
        return new TreeMap<>(retried);
    }

    void close() {
        threads.shutdownNow();
        remote.useReal();
        backupPorts.reset();
        clock.reset();
    }

    /** R7.3, R8.2: the suspension job racing the payment of the invoice; returns how the trials ended. */
    Map<String, Integer> suspensionRaces() throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        long window = -1;
        for (int trial = 0; trial < TRIALS; trial++) {
            Trial t = waitingForPayment();
            at("2025-12-16T00:00:00+01:00"); // R7.3: issue + 15 days
            BigDecimal due = ledger.invoice(t.invoice).totalDue();
            if (window < 0) {
                window = timed(() -> settle(t.instance)); // the first trial measures the jobs, unraced
                payInFull(t, due);
            } else {
                race(() -> settle(t.instance), () -> payInFull(t, due), window);
            }
            settle(t.instance);
            String outcome = suspensionOutcome(t);
            outcomes.merge(outcome, 1, Integer::sum);
        }
        return outcomes;
    }

    /** R8.2: the deletion job racing the payment of everything due; returns how the trials ended. */
    Map<String, Integer> deletionRaces() throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        long window = -1;
        for (int trial = 0; trial < TRIALS; trial++) {
            Trial t = waitingForPayment();
            at("2025-12-16T00:00:00+01:00");
            settle(t.instance);
            assertThat(standing(t.clientId)).as("suspended at the R7.3 instant").isEqualTo(ClientAccounts.Standing.SUSPENDED);
            Instant deletionDue = accounts.find(t.clientId).orElseThrow().deletionDueAt();
            clock.set(deletionDue); // R8.2: suspension + 30 days
            BigDecimal due = ledger.client(t.clientId).totalDue();
            AtomicBoolean pastNoReturn = new AtomicBoolean();
            Runnable pay = () -> tx.executeWithoutResult(s -> {
                // The payment takes the client's account lock first, as every payment does: what it
                // sees then is what the deletion's point of no return saw, or will see.
                ledger.lockAndRead(t.clientId);
                pastNoReturn.set(audits(t.clientId) > 0);
                payments.record(new NewPayment(t.invoice, due, contractClock.today(), "RACE-" + t.invoice,
                        PaymentSource.API, t.invoice + ":race", "race-test"));
            });
            if (window < 0) {
                window = timed(() -> settle(t.instance));
                pay.run();
            } else {
                race(() -> settle(t.instance), pay, window);
            }
            settle(t.instance);
            String outcome = deletionOutcome(t, pastNoReturn.get());
            outcomes.merge(outcome, 1, Integer::sum);
        }
        return outcomes;
    }

    private String suspensionOutcome(Trial t) {
        assertThat(openIncidents(t.instance)).as("no Camunda incident in the dunning of %s", t.invoice).isEmpty();
        assertThat(paymentsOf(t.invoice)).as("the payment of %s is recorded once", t.invoice).isEqualTo(1);
        assertThat(standing(t.clientId)).as("R8.2: %s paid in full is not left suspended (the dunning waits at %s)",
                t.invoice, waitingAt(t.instance)).isEqualTo(ClientAccounts.Standing.GOOD);
        assertThat(contracts.findById(t.contractId).orElseThrow().getStatus()).isEqualTo(ContractStatus.ACTIVE);
        assertThat(ended(t.instance)).as("the dunning of %s ended", t.invoice).isTrue();
        long disabled = t.ssh.count(CommandTemplate.DISABLE_SERVICE);
        long enabled = t.ssh.count(CommandTemplate.ENABLE_SERVICE);
        if (passed(t.instance, Elements.SUSPEND_SERVICES)) {
            assertThat(passed(t.instance, Elements.REACTIVATE_SERVICES)).as("suspended, so reactivated").isTrue();
            assertThat(enabled).as("every unit disabled by the suspension is enabled again").isEqualTo(disabled);
            return "suspended, then reactivated by the payment";
        }
        assertThat(disabled).as("never suspended: no unit touched").isZero();
        return passed(t.instance, Elements.DECIDE_SUSPENSION) ? "payment seen by the suspension decision"
                : "paid before the suspension timer";
    }

    private String deletionOutcome(Trial t, boolean pastNoReturn) {
        assertThat(openIncidents(t.instance)).as("no Camunda incident in the dunning of %s", t.invoice).isEmpty();
        assertThat(paymentsOf(t.invoice)).as("the payment of %s is recorded once", t.invoice).isEqualTo(1);
        assertThat(ended(t.instance)).as("the dunning of %s ended", t.invoice).isTrue();
        boolean audited = audits(t.clientId) > 0;
        if (pastNoReturn) {
            assertThat(standing(t.clientId)).as("paid after the point of no return").isEqualTo(ClientAccounts.Standing.DELETED);
            return "payment after the point of no return: deleted";
        }
        assertThat(audited).as("R8.2: a client whose payment came before the point of no return is never deleted")
                .isFalse();
        assertThat(t.ssh.count(CommandTemplate.DROP_DATABASE) + t.ssh.count(CommandTemplate.REMOVE_SHOP_DIRECTORY))
                .as("no deletion command reached the server").isZero();
        assertThat(standing(t.clientId)).as("paid in full before the point of no return: reactivated")
                .isEqualTo(ClientAccounts.Standing.GOOD);
        assertThat(contracts.findById(t.contractId).orElseThrow().getStatus()).isEqualTo(ContractStatus.ACTIVE);
        return passed(t.instance, Elements.DECIDE_DELETION) ? "payment before the point of no return: reactivated"
                : "paid before the deletion timer: reactivated";
    }

    // === one trial ==================================================================================

    private record Trial(long clientId, long contractId, String invoice, String instance, ScriptedRemote ssh) {
    }

    /** A new client, its December 2025 invoice issued and its dunning waiting for the payment. */
    private Trial waitingForPayment() {
        clock.set(OffsetDateTime.parse("2025-12-01T00:00:00+01:00").toInstant());
        ScriptedRemote ssh = new ScriptedRemote();
        for (CommandTemplate t : List.of(CommandTemplate.DISABLE_SERVICE, CommandTemplate.ENABLE_SERVICE,
                CommandTemplate.SERVICE_STATUS, CommandTemplate.SET_MAINTENANCE_FLAG,
                CommandTemplate.CLEAR_MAINTENANCE_FLAG, CommandTemplate.DATABASE_EXISTS, CommandTemplate.DROP_DATABASE,
                CommandTemplate.REMOVE_SHOP_DIRECTORY)) {
            ssh.answer(t, 0, t == CommandTemplate.SERVICE_STATUS ? "active\n" : "");
        }
        remote.use(ssh);
        long clientId = register.createClient();
        String tag = RegisterApi.unique("r").replace("-", "").toLowerCase();
        register.createContact(clientId, "PRIMARY", "email", "direction." + tag + "@client.example");
        register.createContact(clientId, "BILLING", "email", "compta." + tag + "@client.example");
        long contractId = RegisterApi.created(register.api.post("/api/contracts", RegisterApi.with(
                RegisterApi.contractBody(clientId), "databaseConnectionQuota", 100, "startDate", "2025-01-01")));
        register.createServer(contractId, "PROGERANCE");
        assertThat(register.setStatus(contractId, "ACTIVE").status()).isEqualTo(200);
        InvoiceIssuer.Outcome issued = issuer.issue(contractId, DECEMBER);
        assertThat(issued.result()).as(issued.toString()).isEqualTo(InvoiceIssuer.Result.ISSUED);
        ProcessInstance pi = runtime.createProcessInstanceQuery().processDefinitionKey(InvoiceDunningProcess.KEY)
                .processInstanceBusinessKey(issued.invoiceNumber()).singleResult();
        assertThat(pi).as("the dunning of %s", issued.invoiceNumber()).isNotNull();
        settle(pi.getId());
        return new Trial(clientId, contractId, issued.invoiceNumber(), pi.getId(), ssh);
    }

    private void payInFull(Trial t, BigDecimal due) {
        payments.record(new NewPayment(t.invoice, due, contractClock.today(), "RACE-" + t.invoice, PaymentSource.API,
                t.invoice + ":race", "race-test"));
    }

    // === the race ===================================================================================

    /**
     * Runs {@code jobs} and {@code payment} together. The decisions come early in the jobs, so the
     * delays lean towards the start: a fifth of the trials start the payment first (the jobs wait up
     * to 5 % of {@code windowNanos}), the others delay the payment by {@code u^3} of the window.
     */
    private void race(Runnable jobs, Runnable payment, long windowNanos) throws Exception {
        double u = random.nextDouble();
        long jobsDelay = u < 0.2 ? (long) (u / 0.2 * 0.05 * windowNanos) : 0;
        long paymentDelay = u < 0.2 ? 0 : (long) (Math.pow((u - 0.2) / 0.8, 3) * windowNanos);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
            await(go);
            sleepNanos(jobsDelay);
            jobs.run();
        }, threads);
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
            await(go);
            sleepNanos(paymentDelay);
            payment.run();
        }, threads);
        go.countDown();
        CompletableFuture.allOf(a, b).get(5, TimeUnit.MINUTES);
    }

    private static long timed(Runnable run) {
        long start = System.nanoTime();
        run.run();
        return System.nanoTime() - start;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the due jobs of the dunning and of what it called, and the external tasks, until nothing
     * moves, as the job executor and the worker would. A job that fails on a concurrent change
     * (an optimistic-locking conflict with the payment's correlation) is simply run again, as the
     * job executor retries it.
     */
    private void settle(String instance) {
        for (int step = 0; step < 2000; step++) {
            List<Job> due = dueJobs(instance);
            if (!due.isEmpty()) {
                try {
                    management.executeJob(due.get(0).getId());
                } catch (RuntimeException conflict) {
                    // run again on the next step, as the job executor would retry it
                }
            } else if (worker.drain() == 0) {
                return;
            }
        }
        throw new AssertionError("The dunning " + instance + " never came to rest");
    }

    private List<Job> dueJobs(String instance) {
        List<Job> due = new ArrayList<>(management.createJobQuery().processInstanceId(instance).active()
                .withRetriesLeft().list());
        for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(instance).list()) {
            due.addAll(management.createJobQuery().processInstanceId(called.getId()).active().withRetriesLeft()
                    .list());
        }
        // A job whose earlier attempt failed (a lock wait under load, a conflict) waits for its retry
        // (failedJobRetryTimeCycle) at a later due date, which the stopped clock never reaches: it is
        // run now, as the job executor would run it when its time comes, and counted.
        due.removeIf(j -> j.getDuedate() != null && j.getDuedate().toInstant().isAfter(clock.instant())
                && j.getExceptionMessage() == null);
        due.stream().filter(j -> j.getExceptionMessage() != null && retriedAttempts.add(j.getId() + "/" + j.getRetries()))
                .forEach(j -> retried.merge("job retried after: " + Excerpt.of(j.getExceptionMessage()), 1, Integer::sum));
        return due;
    }

    // === reading ====================================================================================

    private void at(String isoWithOffset) {
        clock.set(OffsetDateTime.parse(isoWithOffset).toInstant());
    }

    private ClientAccounts.Standing standing(long clientId) {
        return accounts.find(clientId).map(ClientAccounts.Account::standing).orElse(ClientAccounts.Standing.GOOD);
    }

    private int paymentsOf(String invoice) {
        return jdbc.queryForObject("select count(*) from ops_payment p join ops_invoice i on i.id = p.invoice_id"
                + " where i.number = ?", Integer.class, invoice);
    }

    /** The client's deletion audit records (written at the point of no return, under the account lock). */
    private int audits(long clientId) {
        return jdbc.queryForObject("select count(*) from ops_deletion_audit where client_id = ?", Integer.class,
                clientId);
    }

    private boolean ended(String instance) {
        return runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0;
    }

    /** Where the dunning and the processes it called wait now, with their jobs (for a failure's message). */
    private List<String> waitingAt(String instance) {
        if (ended(instance)) {
            return List.of("nothing: it ended"); // the message is built before the assertion looks
        }
        List<String> at = new ArrayList<>(runtime.getActiveActivityIds(instance));
        management.createJobQuery().processInstanceId(instance).list().forEach(j -> at.add("job " + j.getId() + " due "
                + j.getDuedate() + " retries " + j.getRetries() + (j.getExceptionMessage() == null ? ""
                : " after: " + j.getExceptionMessage())));
        return at;
    }

    /** The messages of the open incidents of the dunning and of the processes it called. */
    private List<String> openIncidents(String instance) {
        List<String> open = new ArrayList<>();
        runtime.createIncidentQuery().processInstanceId(instance).list().forEach(i -> open.add(i.getIncidentMessage()));
        for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(instance).list()) {
            runtime.createIncidentQuery().processInstanceId(called.getId()).list()
                    .forEach(i -> open.add(i.getIncidentMessage()));
        }
        return open;
    }

    private boolean passed(String instance, String activityId) {
        List<HistoricActivityInstance> done = history.createHistoricActivityInstanceQuery()
                .processInstanceId(instance).activityId(activityId).list();
        return !done.isEmpty();
    }
}
