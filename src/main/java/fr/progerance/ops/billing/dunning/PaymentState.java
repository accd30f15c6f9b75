package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.ledger.InvoiceStanding;
import java.math.BigDecimal;

/** What the invoice record says about its payment before the suspension date (R7.3). */
public enum PaymentState {
    /** The invoice's principal is paid (on time, or late: late charges stay due on the ledger). */
    PAID,
    /** Something was paid, not all of it: the client is told the balance. */
    PARTLY_PAID,
    /** Nothing was paid. */
    UNPAID;

    /** The state of {@code invoice} as its record says. */
    public static PaymentState of(InvoiceStanding invoice) {
        return of(invoice.totalInclTax(), invoice.paid());
    }

    /** The state of an invoice of {@code total} (VAT included) on which {@code paid} was paid in all. */
    public static PaymentState of(BigDecimal total, BigDecimal paid) {
        if (paid.compareTo(total) >= 0) {
            return PAID;
        }
        return paid.signum() > 0 ? PARTLY_PAID : UNPAID;
    }
}
