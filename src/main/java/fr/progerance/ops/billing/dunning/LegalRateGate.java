package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.charges.MissingLegalRateException;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Errors;
import fr.progerance.ops.billing.ledger.ClientLedger;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * R7.5: before a step computes a client's charges, makes sure every late day has its legal rate;
 * when one is missing, the step ends with the BPMN error {@link Errors#LEGAL_RATE_MISSING} whose
 * message is the semester, and the model's boundary event leads to the managers' task that asks
 * for it. Never a zero.
 *
 * <p>The look is taken in a transaction of its own: a {@link MissingLegalRateException} leaving a
 * transactional ledger call marks the transaction it runs in for rollback, and the step's own
 * transaction must commit the way to the managers' task. Should a rate go missing between this look
 * and the step's computation (a new semester starting in between), the step fails and retries.
 */
@Component
public class LegalRateGate {

    private final ClientLedger ledger;
    private final TransactionTemplate probe;

    public LegalRateGate(ClientLedger ledger, PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.probe = new TransactionTemplate(transactions);
        this.probe.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.probe.setReadOnly(true);
    }

    /**
     * @throws BpmnError {@link Errors#LEGAL_RATE_MISSING} with the semester as message, when a late
     *     day of the client's open invoices has no legal rate
     */
    public void require(long clientId) {
        try {
            probe.executeWithoutResult(status -> ledger.client(clientId));
        } catch (MissingLegalRateException e) {
            throw new BpmnError(Errors.LEGAL_RATE_MISSING, e.semester());
        }
    }
}
