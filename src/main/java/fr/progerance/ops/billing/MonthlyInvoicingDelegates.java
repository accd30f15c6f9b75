package fr.progerance.ops.billing;

import fr.progerance.ops.billing.MonthlyInvoicingProcess.Vars;
import fr.progerance.ops.calendar.ContractClock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of {@code MonthlyInvoicing} (R7.2): thin, the rules live in {@link InvoiceIssuer} and {@code calendar/}. */
@Configuration(proxyBeanMethods = false)
public class MonthlyInvoicingDelegates {

    /**
     * Task_PlanNextIssue: the month to issue next ({@link Vars#PERIOD_START}; at a first start the first
     * month whose issue instant is not past) and its issue instant ({@link Vars#NEXT_ISSUE_AT}), the
     * issue day's first instant in Europe/Paris.
     */
    @Bean
    JavaDelegate planNextIssueDelegate(InvoiceIssuer issuer, ContractClock clock, BillingSettings settings) {
        return execution -> {
            LocalDate period = execution.getVariable(Vars.PERIOD_START) == null
                    ? clock.firstMonthOnOrAfter(clock.instant(), settings.getInvoicing().getIssueDayOfMonth())
                    : periodStart(execution);
            execution.setVariable(Vars.PERIOD_START, period.toString());
            execution.setVariable(Vars.NEXT_ISSUE_AT, Date.from(issuer.issueInstant(period)));
        };
    }

    /**
     * Task_IssueInvoices: the month's invoices, one transaction each; a contract that failed fails
     * the job after the others were issued (it retries, then becomes an incident naming the
     * contracts; issuing again is idempotent). Done, the next month is the one to plan.
     */
    @Bean
    JavaDelegate issueMonthlyInvoicesDelegate(InvoiceIssuer issuer, ContractClock clock) {
        return execution -> {
            LocalDate period = periodStart(execution);
            InvoiceIssuer.IssueReport report = issuer.issueMonth(period);
            if (report.failed()) {
                throw new IllegalStateException(report.summary());
            }
            execution.setVariable(Vars.PERIOD_START, clock.nextMonthStart(period).toString());
        };
    }

    private static LocalDate periodStart(DelegateExecution execution) {
        Object value = execution.getVariable(Vars.PERIOD_START);
        if (!(value instanceof String text)) {
            throw new IllegalStateException("Variable " + Vars.PERIOD_START + " must be an ISO date, not " + value);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("Variable " + Vars.PERIOD_START + " must be an ISO date, not " + text, e);
        }
    }
}
