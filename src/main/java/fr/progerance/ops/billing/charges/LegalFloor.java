package fr.progerance.ops.billing.charges;

import java.math.BigDecimal;
import java.util.Optional;

/** R7.5: Code de commerce L441-10 sets, between professionals, a floor of 3 x the legal rate. */
public final class LegalFloor {

    private LegalFloor() {
    }

    /** A warning when {@code multiplier} is below {@code floor}; empty otherwise. */
    public static Optional<String> warning(BigDecimal multiplier, BigDecimal floor) {
        if (multiplier.compareTo(floor) >= 0) {
            return Optional.empty();
        }
        return Optional.of("Late-payment interest multiplier " + multiplier.stripTrailingZeros().toPlainString()
                + " is below the legal floor of " + floor.stripTrailingZeros().toPlainString()
                + " x the legal rate (Code de commerce L441-10) between professionals");
    }
}
