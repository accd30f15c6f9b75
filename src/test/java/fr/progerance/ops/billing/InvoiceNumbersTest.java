package fr.progerance.ops.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R7.2: invoice numbers <prefix><year>-<000001>")
class InvoiceNumbersTest {

    @Test
    @DisplayName("R7.2: the prefix setting, the year, a hyphen and the year's counter on six digits")
    void format() {
        assertThat(InvoiceNumbers.format("F", 2026, 1)).isEqualTo("F2026-000001");
        assertThat(InvoiceNumbers.format("F", 2027, 42)).isEqualTo("F2027-000042");
        assertThat(InvoiceNumbers.format("PG-", 2026, 999_999)).isEqualTo("PG-2026-999999");
        assertThat(InvoiceNumbers.format("F", 2026, 1_000_000)).as("a millionth invoice still gets its number")
                .isEqualTo("F2026-1000000");
    }

    @Test
    @DisplayName("R7.2: numbers start at 1")
    void startsAtOne() {
        assertThatThrownBy(() -> InvoiceNumbers.format("F", 2026, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
