package fr.progerance.ops.quote;

import fr.progerance.ops.security.OpsGroups;
import fr.progerance.ops.security.ProcessAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who sees {@code QuoteApproval} (README, authorization matrix): ops and managers read it with its
 * variables and history; nobody starts it from outside, only its callers' call activities
 * (IncidentHandling, MajorUpdate). Its tasks go to ops, their candidate group in the model.
 * Writing its instances (variables, messages, modification) is for administrators only.
 */
@Configuration(proxyBeanMethods = false)
public class QuoteApprovalAccess {

    @Bean
    ProcessAccess quoteApprovalProcessAccess() {
        return new ProcessAccess(QuoteApprovalProcess.KEY, List.of(OpsGroups.OPS, OpsGroups.MANAGERS), List.of());
    }
}
