package fr.progerance.ops.billing.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Issue 9: invoice numbers <prefix><year>-<6 digits> are found in what payers write, tolerantly but not loosely")
class InvoiceNumberFinderTest {

    private final InvoiceNumberFinder numbers = new InvoiceNumberFinder("F");

    @Test
    @DisplayName("Case, spaces, dashes, underscores, dots, slashes or nothing between the parts: the canonical number")
    void tolerated() {
        for (String text : List.of("F2026-000123", "f2026-000123", "FACTURE F2026-000123 MARS", "F 2026 000123",
                "F-2026-000123", "F2026000123", "F2026/000123", "F_2026.000123", "ref:F2026-000123.", "N°F2026-000123",
                "F\u00A02026\u00A0000123", "(F2026 - 000123)", "payé F2026-000123;merci")) {
            assertThat(numbers.find(List.of(text))).as(text).containsExactly("F2026-000123");
        }
    }

    @Test
    @DisplayName("Not a number: the prefix inside a word, five or seven digits, a split number, a year outside 20xx, more than three separators")
    void refused() {
        for (String text : List.of("REF2026-000123", "F2026-00123", "F2026-0001234", "F2026-000 123", "F1999-000123",
                "F    2026-000123", "2026-000123", "F2026-0001239", "")) {
            assertThat(numbers.find(List.of(text))).as(text).isEmpty();
        }
    }

    @Test
    @DisplayName("Several texts: each one, and all run together (a bank cut a number in two); duplicates once, in order")
    void severalTexts() {
        assertThat(numbers.find(List.of("VIREMENT F2026-0", "00201 MERCI"))).containsExactly("F2026-000201");
        assertThat(numbers.find(List.of("F2026-000002 et F2026-000001", "F2026000002")))
                .containsExactly("F2026-000002", "F2026-000001");
    }

    @Test
    @DisplayName("The prefix comes from the settings (BillingSettings.invoicing.numberPrefix), matched in any case, answered as configured")
    void configuredPrefix() {
        InvoiceNumberFinder fac = new InvoiceNumberFinder("FAC");
        assertThat(fac.find(List.of("fac-2026-000009"))).containsExactly("FAC2026-000009");
        assertThat(fac.find(List.of("F2026-000009"))).isEmpty();
        assertThat(fac.example()).isEqualTo("FAC2026-000123");
    }

    @Test
    @DisplayName("Parsing what ops type: exactly one number, tolerantly; anything more is not a number")
    void parse() {
        assertThat(numbers.parse(" f 2026-000123 ")).contains("F2026-000123");
        assertThat(numbers.parse("F2026-000123 F2026-000124")).isEmpty();
        assertThat(numbers.parse("invoice F2026-000123")).isEmpty();
        assertThat(numbers.parse(null)).isEmpty();
    }
}
