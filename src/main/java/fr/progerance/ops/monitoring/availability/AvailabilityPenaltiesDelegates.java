package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.calendar.AvailabilityMonth;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.monitoring.availability.AvailabilityPenaltiesProcess.Vars;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of {@code AvailabilityPenalties} (R4.4-c): thin, the rules live in
 * {@link AvailabilityPenalties}, {@link AvailabilityReports} and {@code calendar/}.
 */
@Configuration(proxyBeanMethods = false)
public class AvailabilityPenaltiesDelegates {

    /**
     * Task_PlanNextReview: the month to review ({@link Vars#MONTH}; at a first start, the month
     * before the first review instant not past) and its review instant ({@link Vars#REVIEW_AT}).
     */
    @Bean
    JavaDelegate planNextReviewDelegate(ContractClock clock, AvailabilitySettings settings) {
        return execution -> {
            AvailabilitySettings.Penalties p = settings.getPenalties();
            AvailabilityMonth month;
            if (execution.getVariable(Vars.MONTH) == null) {
                Instant now = clock.instant();
                month = AvailabilityMonth.containing(now, clock.zone()).previous();
                while (month.afterEnd(p.getReviewDayOfMonth(), p.getReviewHour()).isBefore(now)) {
                    month = month.next();
                }
            } else {
                month = month(execution, clock);
            }
            execution.setVariable(Vars.MONTH, month.toString());
            execution.setVariable(Vars.REVIEW_AT, Date.from(month.afterEnd(p.getReviewDayOfMonth(), p.getReviewHour())));
        };
    }

    /** Task_PrepareReview: the review's due date and the summary managers read on the form. */
    @Bean
    JavaDelegate prepareAvailabilityReviewDelegate(AvailabilityReports reports, ContractClock clock,
            AvailabilitySettings settings) {
        return execution -> {
            AvailabilityMonth month = month(execution, clock);
            List<AvailabilityReports.Row> rows = reports.report(month);
            execution.setVariable(Vars.REVIEW_DUE, Date.from(clock.instant().plus(settings.getPenalties().getReviewDue())));
            execution.setVariable(Vars.SUMMARY, summary(month, rows));
        };
    }

    /** On completion of Task_ReviewAvailability: the approval on the review record, with the logged-in manager. */
    @Bean
    TaskListener availabilityReviewListener(AvailabilityPenalties penalties, ContractClock clock,
            IdentityService identity) {
        return task -> {
            penalties.approve(month(task, clock), user(identity, task));
            task.getExecution().removeVariable(Vars.APPROVED);
        };
    }

    /** Task_IssueCreditNotes: one credit note per contract with a penalty, once; then the next month. */
    @Bean
    JavaDelegate issueAvailabilityPenaltiesDelegate(AvailabilityPenalties penalties, ContractClock clock) {
        return execution -> {
            AvailabilityMonth month = month(execution, clock);
            penalties.issue(month);
            execution.setVariable(Vars.MONTH, month.next().toString());
        };
    }

    static String summary(AvailabilityMonth month, List<AvailabilityReports.Row> rows) {
        StringBuilder sb = new StringBuilder();
        BigDecimal total = BigDecimal.ZERO;
        int below = 0;
        for (AvailabilityReports.Row r : rows) {
            if (r.penaltyPercent() > 0) {
                below++;
                total = total.add(r.creditNote());
                if (sb.length() < 3000) {
                    sb.append(r.contractReference()).append(" (").append(r.infrastructure()).append("): ")
                            .append(r.availabilityPercent().toPlainString()).append(" % < ")
                            .append(r.targetPercent().toPlainString()).append(" %, penalty ").append(r.penaltyPercent())
                            .append(" %, credit note ").append(AvailabilityController.money(r.creditNote()))
                            .append(" EUR\n");
                }
            }
        }
        return month + ": " + rows.size() + " contracts measured, " + below + " below target, credit notes "
                + AvailabilityController.money(total) + " EUR excluding tax.\n" + sb;
    }

    private static AvailabilityMonth month(VariableScope scope, ContractClock clock) {
        Object value = scope.getVariable(Vars.MONTH);
        if (!(value instanceof String text)) {
            throw new ProcessEngineException("Variable " + Vars.MONTH + " must be a month YYYY-MM, not " + value);
        }
        try {
            return AvailabilityMonth.parse(text, clock.zone());
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException("Variable " + Vars.MONTH + " must be a month YYYY-MM, not " + text, e);
        }
    }

    /** The Tasklist user completing {@code task}: the engine's authentication, else the assignee; required. */
    static String user(IdentityService identity, DelegateTask task) {
        Authentication who = identity.getCurrentAuthentication();
        String user = who != null && who.getUserId() != null ? who.getUserId() : task.getAssignee();
        if (user == null || user.isBlank()) {
            throw new ProcessEngineException("No user to name on the review of " + task.getVariable(Vars.MONTH));
        }
        return user;
    }
}
