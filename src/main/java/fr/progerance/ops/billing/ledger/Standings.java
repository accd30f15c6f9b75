package fr.progerance.ops.billing.ledger;

import fr.progerance.ops.billing.charges.LateCharge;
import fr.progerance.ops.billing.charges.LateCharges;
import fr.progerance.ops.billing.charges.LateCharges.Settlement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The ledger's arithmetic, without a database: what an invoice and a client owe from the records.
 *
 * <ul>
 *   <li>Payments reduce the invoice's principal first, in date order; each becomes a settlement of
 *       the part that went to the principal, dated its payment date, for R7.5's interest (which runs
 *       on the unpaid principal).</li>
 *   <li>What is paid beyond the principal pays the late charges (interest and the recovery fee).</li>
 *   <li>Due = principal still unpaid + charges not yet paid; never below zero.</li>
 *   <li>R7.5 (all sums due become payable) and R8.2 (reactivation only once everything is paid):
 *       the client owes the sum over every invoice with something due, invoices not yet due
 *       included.</li>
 * </ul>
 * A {@link fr.progerance.ops.billing.charges.MissingLegalRateException} from the charges is never
 * caught here: a day whose semester has no rate is never counted as zero.
 */
public final class Standings {

    private static final BigDecimal ZERO = new BigDecimal("0.00");

    private Standings() {
    }

    /** A payment as the arithmetic sees it. */
    public record PaymentLine(LocalDate paidOn, BigDecimal amount) {

        public PaymentLine {
            Objects.requireNonNull(paidOn, "paidOn");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * The standing of {@code invoice} as of {@code asOf}.
     *
     * @param payments every payment recorded against it, in any order
     */
    public static InvoiceStanding invoice(Invoice invoice, List<PaymentLine> payments, LateCharges charges,
            LocalDate asOf) {
        BigDecimal total = invoice.getTotalInclTax();
        List<PaymentLine> ordered = new ArrayList<>(payments);
        ordered.sort(Comparator.comparing(PaymentLine::paidOn));
        BigDecimal principalLeft = total;
        BigDecimal paid = ZERO;
        List<Settlement> settlements = new ArrayList<>();
        for (PaymentLine p : ordered) {
            paid = paid.add(p.amount());
            BigDecimal applied = p.amount().min(principalLeft);
            if (applied.signum() > 0) {
                settlements.add(new Settlement(p.paidOn(), applied));
                principalLeft = principalLeft.subtract(applied);
            }
        }
        BigDecimal beyondPrincipal = paid.subtract(total.subtract(principalLeft));
        LateCharge late = total.signum() > 0
                ? charges.compute(total, invoice.getIssuedOn(), List.copyOf(settlements),
                        asOf.isBefore(invoice.getIssuedOn()) ? invoice.getIssuedOn() : asOf)
                : new LateCharge(invoice.getDueOn(), 0, ZERO, ZERO);
        BigDecimal chargesDue = cents(late.total().subtract(beyondPrincipal).max(BigDecimal.ZERO));
        BigDecimal principalDue = cents(principalLeft);
        return new InvoiceStanding(invoice.getNumber(), invoice.getClientId(), invoice.getContractId(),
                invoice.getIssuedAt(), invoice.getIssuedOn(), invoice.getDueOn(), cents(total), cents(paid),
                principalDue, late, principalDue.add(chargesDue));
    }

    /** The charges an invoice standing still has to be paid (total due minus principal due). */
    public static BigDecimal chargesDue(InvoiceStanding standing) {
        return standing.totalDue().subtract(standing.principalDue());
    }

    /** What the client owes over {@code invoices}: those with something due, oldest first, and the sums. */
    public static ClientStanding client(long clientId, List<InvoiceStanding> invoices) {
        List<InvoiceStanding> open = invoices.stream().filter(i -> !i.settled())
                .sorted(Comparator.comparing(InvoiceStanding::issuedAt).thenComparing(InvoiceStanding::number))
                .toList();
        BigDecimal principal = ZERO;
        BigDecimal charges = ZERO;
        for (InvoiceStanding i : open) {
            principal = principal.add(i.principalDue());
            charges = charges.add(chargesDue(i));
        }
        return new ClientStanding(clientId, open, principal, charges, principal.add(charges));
    }

    private static BigDecimal cents(BigDecimal amount) {
        return InvoiceAmounts.cents(amount);
    }
}
