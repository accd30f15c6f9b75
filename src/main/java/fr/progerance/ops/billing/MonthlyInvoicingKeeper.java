package fr.progerance.ops.billing;

import fr.progerance.ops.billing.MonthlyInvoicingProcess.Vars;
import fr.progerance.ops.engine.LongLivedProcess;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one instance of the latest {@code MonthlyInvoicing} running (R7.2). At start: none running
 * means one is started; an instance of an older version is replaced, and the month it was waiting
 * to issue is handed to the new one ({@link Vars#PERIOD_START}), so replacing the model never skips
 * a month (issuing a month again is idempotent). Two nodes starting at once may both start one; the
 * invoices stay single anyway (one per contract and month).
 */
@Component
public class MonthlyInvoicingKeeper {

    private static final LongLivedProcess PROCESS = new LongLivedProcess(MonthlyInvoicingProcess.KEY,
            MonthlyInvoicingProcess.BUSINESS_KEY, Vars.PERIOD_START, "Monthly invoicing");

    private final RuntimeService runtime;
    private final RepositoryService repository;

    public MonthlyInvoicingKeeper(RuntimeService runtime, RepositoryService repository) {
        this.runtime = runtime;
        this.repository = repository;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        ensureRunning();
    }

    /** @return the running instance of the latest version */
    public ProcessInstance ensureRunning() {
        return PROCESS.ensureRunning(runtime, repository);
    }
}
