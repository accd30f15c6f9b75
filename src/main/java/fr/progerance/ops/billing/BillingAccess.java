package fr.progerance.ops.billing;

import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who sees {@code MonthlyInvoicing}: ops and managers read it (Cockpit: the next issue date, the
 * runs, their incidents). Nobody starts it by hand: the application does ({@link MonthlyInvoicingKeeper}).
 */
@Configuration(proxyBeanMethods = false)
public class BillingAccess {

    @Bean
    ProcessAccess monthlyInvoicingProcessAccess() {
        return new ProcessAccess(MonthlyInvoicingProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS), List.of());
    }
}
