package fr.progerance.ops.billing.charges;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * R7.5 late-payment charges: interest at {@code ops.billing.charges.interest-multiplier} x the legal
 * rate of each day's semester, counted from the day after the due date (issue + the R7.3 payment
 * term), on what was still unpaid that day, plus the fixed recovery fee once per late invoice.
 * Amounts are rounded half-up to the cent at the end. Implemented by {@code LateChargeCalculator}.
 */
public interface LateCharges {

    /**
     * The charges of an invoice of {@code amount} issued on {@code issuedOn} and paid in full on
     * {@code paidOn} (what {@code GET /api/billing/late-charges} answers).
     *
     * @throws MissingLegalRateException a day late falls in a semester whose rate is not known yet
     * @throws IllegalArgumentException  a negative amount, or a payment before the issue
     */
    LateCharge compute(BigDecimal amount, LocalDate issuedOn, LocalDate paidOn);

    /**
     * The charges of an invoice of {@code amount} issued on {@code issuedOn}, with the payments
     * {@code settlements} (partial payments reduce the principal from their date on), as of
     * {@code asOf}: interest runs on the unpaid principal until it reaches zero or {@code asOf}.
     * The fee applies when any principal was still unpaid after the due date.
     *
     * @throws MissingLegalRateException a day late falls in a semester whose rate is not known yet
     */
    LateCharge compute(BigDecimal amount, LocalDate issuedOn, List<Settlement> settlements, LocalDate asOf);

    /** A payment applied to an invoice's principal on a date. */
    record Settlement(LocalDate on, BigDecimal amount) {
    }
}
