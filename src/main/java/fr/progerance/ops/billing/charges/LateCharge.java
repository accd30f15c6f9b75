package fr.progerance.ops.billing.charges;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * R7.5: what an invoice costs beyond its amount because it was paid late.
 *
 * @param dueDate     issue date + the R7.3 payment term
 * @param daysLate    calendar days from the due date to the (last) payment or the as-of date; 0 when on time
 * @param interest    interest, rounded half-up to the cent
 * @param recoveryFee the fixed indemnity (40 EUR by default) when late, else zero
 */
public record LateCharge(LocalDate dueDate, long daysLate, BigDecimal interest, BigDecimal recoveryFee) {

    /** Interest plus fee. */
    public BigDecimal total() {
        return interest.add(recoveryFee);
    }
}
