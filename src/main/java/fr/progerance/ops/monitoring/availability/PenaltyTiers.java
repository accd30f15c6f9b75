package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.calendar.Infrastructure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * R4.4-p, R4.4-t, R4.4-c, R5.2: the penalty owed for a month's availability. Strictly below a
 * tier's bound the tier's percent of the monthly fee is owed, the largest tier that applies wins:
 * exactly 99.9 % on PROGERANCE owes nothing, 99.89 % owes 10 %. The credit note is that percent of
 * the fee, half-up to the cent, and never more than the client paid for the month (R5.2). A plain
 * class: tested without Spring.
 */
public final class PenaltyTiers {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final AvailabilitySettings settings;

    public PenaltyTiers(AvailabilitySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The guarantee of an infrastructure kind (R4.4-p or R4.4-t). */
    public AvailabilitySettings.Guarantee guarantee(Infrastructure infrastructure) {
        return infrastructure == Infrastructure.TIERCE ? settings.getTierce() : settings.getProgerance();
    }

    /** The target in percent. */
    public BigDecimal target(Infrastructure infrastructure) {
        return guarantee(infrastructure).getTarget();
    }

    /**
     * The penalty percent of the monthly fee for {@code availabilityPercent} (0..100, compared exactly).
     *
     * @throws IllegalArgumentException outside 0..100
     */
    public int penaltyPercent(Infrastructure infrastructure, BigDecimal availabilityPercent) {
        Objects.requireNonNull(infrastructure, "infrastructure");
        if (availabilityPercent == null || availabilityPercent.signum() < 0 || availabilityPercent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("an availability is a percent between 0 and 100");
        }
        int percent = 0;
        for (AvailabilitySettings.Tier tier : guarantee(infrastructure).getTiers()) {
            if (availabilityPercent.compareTo(tier.getBelow()) < 0 && tier.getPercent() > percent) {
                percent = tier.getPercent();
            }
        }
        return percent;
    }

    /** R4.4-c: {@code percent} % of {@code monthlyFee}, half-up to the cent (no cap). */
    public static BigDecimal creditNote(BigDecimal monthlyFee, int percent) {
        if (monthlyFee == null || monthlyFee.signum() < 0) {
            throw new IllegalArgumentException("a monthly fee is zero or more");
        }
        return monthlyFee.multiply(BigDecimal.valueOf(percent)).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    /** R4.4-c, R5.2: the credit note, capped by what the client paid for the month. */
    public static BigDecimal cappedCreditNote(BigDecimal monthlyFee, int percent, BigDecimal paidForMonth) {
        BigDecimal owed = creditNote(monthlyFee, percent);
        BigDecimal cap = paidForMonth == null || paidForMonth.signum() < 0 ? BigDecimal.ZERO : paidForMonth;
        return owed.min(cap).setScale(2, RoundingMode.HALF_UP);
    }
}
