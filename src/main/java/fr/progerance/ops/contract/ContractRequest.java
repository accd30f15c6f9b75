package fr.progerance.ops.contract;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Body of {@code POST /api/contracts} and {@code PUT /api/contracts/{id}}: the terms of the order
 * form. A PUT replaces every term; the status changes only through {@code PUT /api/contracts/{id}/status}.
 *
 * @param monthlyFeeExclTax      R7.1: excluding tax, in euros, at most 2 decimals and {@value FieldRules#MAX_AMOUNT}
 * @param startDate              {@link fr.progerance.ops.calendar.SupportedDates}: 2000-01-01 to 2199-12-31
 * @param tacitRenewal           R8.1: true when omitted
 * @param databaseConnectionQuota R3.7: simultaneous database connections per the quote
 * @param emergencyBudgetExclTax R4.3-t4: null when not defined; at most {@value FieldRules#MAX_AMOUNT}
 * @param tierceOutOfHoursAgreed R4.3-t2: false when omitted
 */
public record ContractRequest(
        @NotNull @Positive Long clientId,
        @NotBlank @Pattern(regexp = FieldRules.CONTRACT_REFERENCE,
                message = "must be 2 to 40 letters, digits, dots, hyphens or underscores") String reference,
        @NotNull @Min(1) @Max(2) Integer serviceLevel,
        @NotNull @Positive @DecimalMax(value = FieldRules.MAX_AMOUNT, message = FieldRules.MAX_AMOUNT_MESSAGE)
        @Digits(integer = 10, fraction = 2) BigDecimal monthlyFeeExclTax,
        @NotNull LocalDate startDate,
        @NotNull @Min(1) @Max(120) Integer initialTermMonths,
        Boolean tacitRenewal,
        @Positive @Max(100_000) Integer databaseConnectionQuota,
        @Valid EmergencyProcedure emergencyProcedure,
        @PositiveOrZero @DecimalMax(value = FieldRules.MAX_AMOUNT, message = FieldRules.MAX_AMOUNT_MESSAGE)
        @Digits(integer = 10, fraction = 2) BigDecimal emergencyBudgetExclTax,
        Boolean tierceOutOfHoursAgreed) {
}
