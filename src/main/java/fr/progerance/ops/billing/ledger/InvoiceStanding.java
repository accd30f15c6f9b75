package fr.progerance.ops.billing.ledger;

import fr.progerance.ops.billing.charges.LateCharge;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An invoice as its records say today.
 *
 * @param number        gapless invoice number
 * @param clientId      the client
 * @param contractId    the contract
 * @param issuedAt      the issue instant (R7.2: the 1st at 00:00 Europe/Paris)
 * @param issuedOn      its date in the contract zone
 * @param dueOn         issue + the payment term (R7.3)
 * @param totalInclTax  what the invoice asks (after credit notes, VAT included)
 * @param paid          every payment recorded against it
 * @param principalDue  {@code totalInclTax - paid}, never below zero
 * @param charges       R7.5 late charges as of today (zero when paid on time)
 * @param totalDue      principal and charges still unpaid (payments beyond the principal pay the charges)
 */
public record InvoiceStanding(String number, long clientId, long contractId, Instant issuedAt, LocalDate issuedOn,
        LocalDate dueOn, BigDecimal totalInclTax, BigDecimal paid, BigDecimal principalDue, LateCharge charges,
        BigDecimal totalDue) {

    /** R7.3: the invoice itself is paid (what the suspension decision turns on). */
    public boolean principalPaid() {
        return principalDue.signum() <= 0;
    }

    /** Nothing at all is due on it, charges included. */
    public boolean settled() {
        return totalDue.signum() <= 0;
    }
}
