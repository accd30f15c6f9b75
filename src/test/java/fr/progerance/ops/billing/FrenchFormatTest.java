package fr.progerance.ops.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What the client reads: French amounts, rates and dates")
class FrenchFormatTest {

    @Test
    @DisplayName("R7.5: 1 234,56 €, 40 € for the whole indemnity, 1,5 for the multiplier, 20 % VAT")
    void numbers() {
        assertThat(FrenchFormat.euros(new BigDecimal("1234.5"))).isEqualTo("1\u00a0234,50\u00a0€");
        assertThat(FrenchFormat.wholeEuros(new BigDecimal("40.00"))).isEqualTo("40\u00a0€");
        assertThat(FrenchFormat.wholeEuros(new BigDecimal("40.50"))).isEqualTo("40,50\u00a0€");
        assertThat(FrenchFormat.decimal(new BigDecimal("1.50"))).isEqualTo("1,5");
        assertThat(FrenchFormat.percent(new BigDecimal("0.2000"))).isEqualTo("20\u00a0%");
        assertThat(FrenchFormat.percent(new BigDecimal("0.055"))).isEqualTo("5,5\u00a0%");
    }

    @Test
    @DisplayName("R7.3: dates and the payment term in French")
    void datesAndTerms() {
        assertThat(FrenchFormat.date(LocalDate.of(2026, 12, 16))).isEqualTo("16 décembre 2026");
        assertThat(FrenchFormat.date(LocalDate.of(2026, 3, 1))).isEqualTo("1er mars 2026");
        assertThat(FrenchFormat.month(LocalDate.of(2026, 3, 1))).isEqualTo("mars 2026");
        assertThat(FrenchFormat.period(Period.ofDays(15))).isEqualTo("15 jours");
        assertThat(FrenchFormat.period(Period.ofMonths(1))).isEqualTo("1 mois");
    }
}
