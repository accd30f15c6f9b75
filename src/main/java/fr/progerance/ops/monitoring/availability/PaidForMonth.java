package fr.progerance.ops.monitoring.availability;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;

/**
 * R5.2: what each client paid for a month, the cap of that month's penalty. A small port onto billing
 * (implemented by {@link InvoicePaidForMonth}); tests may give their own.
 */
public interface PaidForMonth {

    /**
     * Per contract id, the part of the month's invoice (R7.2: issued on the 1st for that month, paid in
     * advance) the client has settled, excluding tax: the credit notes it deducted plus the net share of
     * the payments recorded against it (at most its total). A contract without that month's invoice is
     * absent: it paid nothing for the month.
     */
    Map<Long, BigDecimal> paidExclTax(YearMonth month);
}
