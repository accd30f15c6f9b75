package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.charges.LegalRates.LegalRateEntered;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Elements;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Messages;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Vars;
import fr.progerance.ops.billing.ledger.PaymentRecorded;
import fr.progerance.ops.billing.suspension.DeletionHoldLifted;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wakes the dunning instances after a record is committed (DESIGN rule 11: the messages carry
 * nothing; the process reads the records at its next decision, so a message that finds nobody
 * waiting is no error). Each runs as the application itself, in a new transaction after the
 * record's commit:
 *
 * <ul>
 *   <li>a payment: {@code Message_PaymentReceived} to the invoice's instance (business key) and to
 *       every instance of the client that waits while it is suspended (variable {@code clientId});</li>
 *   <li>a deletion hold lifted (R8.2): {@code Message_DeletionHoldLifted} to the client's instance
 *       waiting at its deletion deadline;</li>
 *   <li>a contest recorded (R7.6): {@code Message_InvoiceContested} to the invoice's instance; when
 *       its dunning has ended (an invoice paid at once, contested later), the contest is answered by
 *       a new instance of the invoice started in its contest subprocess;</li>
 *   <li>a legal rate entered (R7.5), by a rate task or through the API: every rate task of that
 *       semester still open completes, and the computations that waited for it go on.</li>
 * </ul>
 */
@Component
public class DunningCorrelator {

    private static final Logger LOG = LoggerFactory.getLogger(DunningCorrelator.class);
    private static final int ATTEMPTS = 3;
    /** The managers' tasks that wait for a legal rate. */
    static final List<String> RATE_TASKS = List.of(Elements.ENTER_RATE_FOR_SUSPENSION,
            Elements.ENTER_RATE_WHILE_SUSPENDED, Elements.ENTER_RATE_FOR_DELETION);

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final IdentityService identity;
    private final TransactionTemplate newTransaction;

    public DunningCorrelator(RuntimeService runtime, TaskService tasks, IdentityService identity,
            PlatformTransactionManager transactions) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.identity = identity;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void paymentRecorded(PaymentRecorded payment) {
        int woken = asApplication("payment " + payment.paymentId(), () -> {
            int n = runtime.createMessageCorrelation(Messages.PAYMENT_RECEIVED)
                    .processInstanceBusinessKey(payment.invoiceNumber()).correlateAllWithResult().size();
            return n + runtime.createMessageCorrelation(Messages.PAYMENT_RECEIVED)
                    .processInstanceVariableEquals(Vars.CLIENT_ID, payment.clientId()).correlateAllWithResult().size();
        });
        LOG.info("Payment {} on invoice {}: {} dunning instance(s) woken", payment.paymentId(), payment.invoiceNumber(),
                woken);
    }

    /** Published after the lift's commit, outside any transaction. */
    @EventListener
    public void holdLifted(DeletionHoldLifted lifted) {
        int woken = asApplication("hold lifted on client " + lifted.clientId(), () -> runtime
                .createMessageCorrelation(Messages.HOLD_LIFTED).processInstanceVariableEquals(Vars.CLIENT_ID,
                        lifted.clientId()).correlateAllWithResult().size());
        LOG.info("Deletion hold lifted on client {}: {} dunning instance(s) woken", lifted.clientId(), woken);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void contestRecorded(ContestRecorded contest) {
        asApplication("contest " + contest.contestId(), () -> {
            List<Execution> waiting = runtime.createExecutionQuery().processDefinitionKey(InvoiceDunningProcess.KEY)
                    .processInstanceBusinessKey(contest.invoiceNumber())
                    .messageEventSubscriptionName(Messages.CONTEST_RECEIVED).list();
            if (!waiting.isEmpty()) {
                runtime.createMessageCorrelation(Messages.CONTEST_RECEIVED)
                        .processInstanceId(waiting.get(0).getProcessInstanceId()).correlateWithResult();
            } else {
                // The dunning ended (paid at once): the letter is still answered, by the invoice's
                // contest subprocess alone.
                runtime.createProcessInstanceByKey(InvoiceDunningProcess.KEY).businessKey(contest.invoiceNumber())
                        .startBeforeActivity(Elements.ANSWER_CONTEST)
                        .setVariable(Vars.INVOICE_NUMBER, contest.invoiceNumber())
                        .setVariable(Vars.CLIENT_ID, contest.clientId()).execute();
            }
            return 1;
        });
    }

    /** Published after the rate's commit (from its transaction's after-commit callback). */
    @EventListener
    public void legalRateEntered(LegalRateEntered entered) {
        int completed = asApplication("legal rate of " + entered.semester(), () -> {
            int n = 0;
            for (Task task : tasks.createTaskQuery().processDefinitionKey(InvoiceDunningProcess.KEY)
                    .taskDefinitionKeyIn(RATE_TASKS.toArray(String[]::new))
                    .processVariableValueEquals(Vars.MISSING_SEMESTER, entered.semester()).list()) {
                tasks.complete(task.getId());
                n++;
            }
            return n;
        });
        LOG.info("Legal rate of {} entered: {} waiting rate task(s) completed", entered.semester(), completed);
    }

    /**
     * Runs {@code call} as the application (no user: the caller's right was checked by the API that
     * wrote the record) in a new transaction, again when the instance changed concurrently.
     */
    private int asApplication(String what, Supplier<Integer> call) {
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            for (int attempt = 1;; attempt++) {
                try {
                    Integer n = newTransaction.execute(status -> call.get());
                    return n == null ? 0 : n;
                } catch (OptimisticLockingException e) {
                    if (attempt >= ATTEMPTS) {
                        // Not lost: the process reads the records at its next decision.
                        LOG.warn("Could not wake the dunning for {} after {} attempts ({}); it reads the records at its"
                                + " next decision", what, attempt, e.getMessage());
                        return 0;
                    }
                } catch (RuntimeException e) {
                    // The record is committed whatever happens here: its caller must not hear of a failure.
                    LOG.error("Could not wake the dunning for {}: {}; it reads the records at its next decision", what,
                            e.toString());
                    return 0;
                }
            }
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }
}
