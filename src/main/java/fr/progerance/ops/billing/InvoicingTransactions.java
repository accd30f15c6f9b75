package fr.progerance.ops.billing;

import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Runs one invoice's work in a transaction of its own, engine included (an edge: the only
 * {@code org.camunda} import of the issuing). A plain {@code REQUIRES_NEW} Spring transaction is not
 * enough inside a job: the engine would reuse the job's command context, so an {@code InvoiceDunning}
 * instance started by a listener of {@link InvoiceIssued} would be written with the job's
 * transaction, not with its invoice. Camunda's "requires new" command executor opens a new Spring
 * transaction and a new command context: the invoice and its dunning commit (or roll back) together,
 * whoever calls (the monthly job, a test, a benchmark).
 */
@Component
public class InvoicingTransactions {

    private final ProcessEngine engine;

    public InvoicingTransactions(ProcessEngine engine) {
        this.engine = engine;
    }

    /** {@code work} in a new transaction and command context; its exception rolls both back and propagates. */
    public <T> T inOwnTransaction(Supplier<T> work) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequiresNew().execute(commandContext -> work.get());
    }
}
