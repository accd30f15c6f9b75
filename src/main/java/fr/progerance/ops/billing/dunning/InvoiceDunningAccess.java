package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who sees {@code InvoiceDunning}: ops and managers read it (Cockpit, Tasklist). Nobody starts it
 * by hand: the issuing of an invoice does. Its tasks are for managers (candidate group of the
 * model: missing legal rates, contest decisions); messages, variables and jobs are written by the
 * application (and administrators) only.
 */
@Configuration(proxyBeanMethods = false)
public class InvoiceDunningAccess {

    @Bean
    ProcessAccess invoiceDunningProcessAccess() {
        return new ProcessAccess(InvoiceDunningProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS), List.of());
    }
}
