package fr.progerance.ops.monitoring.availability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link PaidForMonth} read from billing's records (R5.2): the invoice whose period starts on the
 * month's first day and the payments recorded against it, in one query for every contract. Paid
 * share = credit applied + min(paid, total incl. tax) × net excl. tax / total incl. tax, half-up to the
 * cent: a fully paid invoice gives its fee excluding tax; an unpaid one only what credit notes covered.
 */
@Component
public class InvoicePaidForMonth implements PaidForMonth {

    private final JdbcTemplate jdbc;

    public InvoicePaidForMonth(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Long, BigDecimal> paidExclTax(YearMonth month) {
        Map<Long, BigDecimal> paid = new HashMap<>();
        jdbc.query("select i.contract_id, i.credit_applied_excl_tax, i.net_excl_tax, i.total_incl_tax,"
                + " coalesce((select sum(p.amount) from ops_payment p where p.invoice_id = i.id), 0) as paid"
                + " from ops_invoice i where i.period_start = ?", rs -> {
                    BigDecimal credit = rs.getBigDecimal(2);
                    BigDecimal net = rs.getBigDecimal(3);
                    BigDecimal total = rs.getBigDecimal(4);
                    BigDecimal payments = rs.getBigDecimal(5);
                    BigDecimal share = total.signum() <= 0 ? BigDecimal.ZERO
                            : payments.min(total).multiply(net).divide(total, 2, RoundingMode.HALF_UP);
                    paid.merge(rs.getLong(1), credit.add(share), BigDecimal::add);
                }, Date.valueOf(month.atDay(1)));
        return paid;
    }
}
