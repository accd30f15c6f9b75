package fr.progerance.ops.monitoring.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.calendar.Infrastructure;
import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("R4.4-p, R4.4-t, R5.2: penalty tiers and their cap")
class PenaltyTiersTest {

    private final PenaltyTiers tiers = new PenaltyTiers(new AvailabilitySettings());

    @ParameterizedTest(name = "PROGERANCE {0} % -> {1} %")
    @CsvSource({"100, 0", "99.95, 0", "99.9, 0", "99.9000, 0", "99.8999, 10", "99.89, 10", "99.5, 10", "99.4999, 25",
            "99.0, 25", "98.99, 50", "98.5, 50", "98.4999, 100", "0, 100"})
    @DisplayName("R4.4-p: exactly 99.9 % owes nothing; strictly below a bound, its tier")
    void progerance(String availability, int percent) {
        assertThat(tiers.penaltyPercent(Infrastructure.PROGERANCE, new BigDecimal(availability))).isEqualTo(percent);
    }

    @ParameterizedTest(name = "TIERCE {0} % -> {1} %")
    @CsvSource({"100, 0", "99.8, 0", "99.5, 0", "99.4999, 25", "99.0, 25", "98.9, 50", "98.5, 50", "98.49, 100"})
    @DisplayName("R4.4-t: the same table starting below 99.5 % at 25 %")
    void tierce(String availability, int percent) {
        assertThat(tiers.penaltyPercent(Infrastructure.TIERCE, new BigDecimal(availability))).isEqualTo(percent);
    }

    @Test
    @DisplayName("R4.4-p: a percent outside 0..100 is refused")
    void outOfRange() {
        assertThatThrownBy(() -> tiers.penaltyPercent(Infrastructure.PROGERANCE, new BigDecimal("100.01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tiers.penaltyPercent(Infrastructure.PROGERANCE, new BigDecimal("-0.1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("R4.4-c, R5.2: the credit note is the tier's percent of the fee, half-up to the cent, capped by what the client paid for the month")
    void creditNoteAndCap() {
        assertThat(PenaltyTiers.creditNote(new BigDecimal("290.00"), 10)).isEqualByComparingTo("29.00");
        assertThat(PenaltyTiers.creditNote(new BigDecimal("333.33"), 25)).isEqualByComparingTo("83.33");
        assertThat(PenaltyTiers.creditNote(new BigDecimal("0.05"), 10)).isEqualByComparingTo("0.01");
        assertThat(PenaltyTiers.cappedCreditNote(new BigDecimal("290.00"), 100, new BigDecimal("290.00")))
                .isEqualByComparingTo("290.00");
        assertThat(PenaltyTiers.cappedCreditNote(new BigDecimal("290.00"), 100, new BigDecimal("100.00")))
                .as("R5.2: only what was paid for the month").isEqualByComparingTo("100.00");
        assertThat(PenaltyTiers.cappedCreditNote(new BigDecimal("290.00"), 50, BigDecimal.ZERO))
                .as("R5.2: nothing paid, nothing owed").isEqualByComparingTo("0.00");
        assertThat(PenaltyTiers.cappedCreditNote(new BigDecimal("290.00"), 10, new BigDecimal("290.00")))
                .isEqualByComparingTo("29.00");
    }

    @Test
    @DisplayName("R4.4-p, DESIGN rule 9: tiers are settings")
    void settings() {
        AvailabilitySettings s = new AvailabilitySettings();
        s.getProgerance().getTiers().add(new AvailabilitySettings.Tier(new BigDecimal("99.95"), 5));
        assertThat(new PenaltyTiers(s).penaltyPercent(Infrastructure.PROGERANCE, new BigDecimal("99.92"))).isEqualTo(5);
        assertThat(new PenaltyTiers(s).penaltyPercent(Infrastructure.PROGERANCE, new BigDecimal("99.4"))).isEqualTo(25);
    }
}
