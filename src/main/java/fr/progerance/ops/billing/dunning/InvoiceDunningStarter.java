package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.InvoiceIssued;
import fr.progerance.ops.billing.dunning.InvoiceDunningProcess.Vars;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the invoice's {@code InvoiceDunning} instance in the transaction that issues the invoice
 * ({@link InvoiceIssued} is published inside it): an invoice never exists without its dunning, nor
 * a dunning without its invoice. The start only records the instance and the job of its first
 * step (asyncBefore), so the issuing transaction stays short. Nobody starts the process by hand
 * (no starter in {@link InvoiceDunningAccess}); the application starts it as itself, whoever issued
 * the invoice.
 */
@Component
public class InvoiceDunningStarter {

    private final RuntimeService runtime;
    private final HistoryService history;
    private final IdentityService identity;

    public InvoiceDunningStarter(RuntimeService runtime, HistoryService history, IdentityService identity) {
        this.runtime = runtime;
        this.history = history;
        this.identity = identity;
    }

    @EventListener
    public void issued(InvoiceIssued issued) {
        if (history.createHistoricProcessInstanceQuery().processDefinitionKey(InvoiceDunningProcess.KEY)
                .processInstanceBusinessKey(issued.invoiceNumber()).count() > 0) {
            return; // published twice for one invoice: it has its dunning
        }
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            runtime.createProcessInstanceByKey(InvoiceDunningProcess.KEY).businessKey(issued.invoiceNumber())
                    .setVariable(Vars.INVOICE_NUMBER, issued.invoiceNumber())
                    .setVariable(Vars.CLIENT_ID, issued.clientId()).execute();
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }
}
