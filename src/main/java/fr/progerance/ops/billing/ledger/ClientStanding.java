package fr.progerance.ops.billing.ledger;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a client owes in all (R7.5: once an invoice is late every sum due is payable; R8.2:
 * reactivation only once all of it, interest and fees included, is paid).
 *
 * @param clientId     the client
 * @param open         every invoice with something still due, oldest first
 * @param principalDue the unpaid invoice amounts
 * @param chargesDue   the unpaid late charges
 * @param totalDue     principal and charges
 */
public record ClientStanding(long clientId, List<InvoiceStanding> open, BigDecimal principalDue,
        BigDecimal chargesDue, BigDecimal totalDue) {

    /** R8.2: nothing due at all. */
    public boolean settled() {
        return totalDue.signum() <= 0;
    }
}
