package fr.progerance.ops.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A contract as the API shows it, with computed facts: its current period (R8.1, computed by
 * {@code calendar.ContractPeriods}; null once TERMINATED) and its emergency readiness (R4.3-t4).
 */
public record ContractView(
        Long id,
        Long clientId,
        String clientName,
        String reference,
        int serviceLevel,
        BigDecimal monthlyFeeExclTax,
        String currency,
        LocalDate startDate,
        int initialTermMonths,
        boolean tacitRenewal,
        Integer databaseConnectionQuota,
        EmergencyProcedure emergencyProcedure,
        BigDecimal emergencyBudgetExclTax,
        boolean tierceOutOfHoursAgreed,
        ContractStatus status,
        Instant statusChangedAt,
        Set<ContractStatus> allowedStatusChanges,
        Period currentPeriod,
        Readiness emergencyReadiness,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * R8.1: the contract period that contains today (without tacit renewal, the initial term even
     * once it has ended).
     *
     * @param end                       exclusive
     * @param renewals                  how many tacit renewals led to this period (0: the initial term)
     * @param terminationNoticeDeadline R8.3: the last day a termination notice takes effect at this period's end
     */
    public record Period(LocalDate start, LocalDate end, int renewals, LocalDate terminationNoticeDeadline) {
    }

    /** R4.3-t4 readiness and, when not ready, what is missing. */
    public record Readiness(boolean ready, List<Missing> missing) {

        static Readiness of(EmergencyReadiness r) {
            return new Readiness(r.ready(), r.missing().stream()
                    .map(g -> new Missing(g.name(), g.rule(), g.description())).toList());
        }
    }

    public record Missing(String code, String rule, String message) {
    }
}
