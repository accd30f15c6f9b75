package fr.progerance.ops.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * R4.4-c: which pending credit notes an invoice deducts, and how much of each: oldest first, until
 * the fee (excluding tax) is covered; what is left of a credit note stays pending for the next
 * invoices. Never more than the fee: an invoice is never negative, a credit note never refunded.
 */
public final class CreditAllocation {

    private CreditAllocation() {
    }

    /** A credit note with what is left of it. */
    public record Pending(long creditNoteId, BigDecimal remaining) {
    }

    /** How much of a credit note an invoice takes. */
    public record Use(long creditNoteId, BigDecimal amount) {
    }

    /** @param pending oldest first */
    public static List<Use> allocate(BigDecimal feeExclTax, List<Pending> pending) {
        List<Use> uses = new ArrayList<>();
        BigDecimal left = feeExclTax;
        for (Pending p : pending) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal take = p.remaining().min(left);
            if (take.signum() > 0) {
                uses.add(new Use(p.creditNoteId(), take));
                left = left.subtract(take);
            }
        }
        return List.copyOf(uses);
    }

    /** The sum of {@code uses}. */
    public static BigDecimal total(List<Use> uses) {
        return uses.stream().map(Use::amount).reduce(new BigDecimal("0.00"), BigDecimal::add);
    }
}
