package fr.progerance.ops.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VatNumbersTest {

    @Test
    @DisplayName("R7.1 invoicing: a French VAT number carries the key (12 + 3 × (SIREN mod 97)) mod 97")
    void frenchKey() {
        assertThat(VatNumbers.frenchKey("303265045")).isEqualTo(40);
        assertThat(VatNumbers.frenchKey("404833048")).isEqualTo(83);
        assertThat(VatNumbers.problem("FR40303265045")).isEmpty();
        assertThat(VatNumbers.problem("FR83404833048")).isEmpty();
    }

    @Test
    @DisplayName("R7.1 invoicing: a French VAT number with a wrong key is refused, naming the expected key")
    void frenchWrongKey() {
        assertThat(VatNumbers.problem("FR41303265045")).get().asString().contains("expected 40");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FR4030326504", "FR403032650451", "FRAB303265045", "FR", "FR40 303265045"})
    @DisplayName("R7.1 invoicing: a French VAT number is FR + 2-digit key + 9-digit SIREN")
    void frenchShape(String vat) {
        assertThat(VatNumbers.problem(vat)).isPresent();
    }

    @Test
    @DisplayName("R7.1 invoicing: spaces, dots, hyphens and case are normalised before checking")
    void normalise() {
        assertThat(VatNumbers.normalise(" fr 40 303.265-045 ")).isEqualTo("FR40303265045");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE123456789", "BE0123456789", "EL123456789", "NL123456789B01", "ATU12345678", "XI123456789"})
    @DisplayName("R7.1 invoicing: other EU VAT numbers are checked by shape")
    void otherEuShape(String vat) {
        assertThat(VatNumbers.problem(vat)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GR123456789", "US123456789", "CHE123456789", "DE1", "DE1234567890123", "DE12345-789", "12345678"})
    @DisplayName("R7.1 invoicing: non-EU prefixes and malformed numbers are refused")
    void refused(String vat) {
        assertThat(VatNumbers.problem(vat)).isPresent();
    }
}
