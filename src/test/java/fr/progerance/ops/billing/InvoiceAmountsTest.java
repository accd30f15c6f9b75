package fr.progerance.ops.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.billing.CreditAllocation.Pending;
import fr.progerance.ops.billing.CreditAllocation.Use;
import fr.progerance.ops.billing.ledger.InvoiceAmounts;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("R7.1, R4.4-c: invoice amounts, VAT and credit-note deduction")
class InvoiceAmountsTest {

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    @ParameterizedTest(name = "fee {0} - credit {1} at VAT {2}: net {3}, VAT {4}, total {5}")
    @CsvSource({
            "290.00,   0.00, 0.20, 290.00, 58.00, 348.00",
            "290.00,  40.00, 0.20, 250.00, 50.00, 300.00",
            "99.99,    0.00, 0.20,  99.99, 20.00, 119.99",
            "290.00, 290.00, 0.20,   0.00,  0.00,   0.00",
            "0.45,     0.00, 0.10,   0.45,  0.05,   0.50",
            "12.34,    0.00, 0.055, 12.34,  0.68,  13.02"
    })
    @DisplayName("R7.1: the fee excluding tax minus credit is the net; VAT on the net, half-up to the cent; total = net + VAT")
    void amounts(String fee, String credit, String rate, String net, String vat, String total) {
        InvoiceAmounts a = InvoiceAmounts.of(eur(fee), eur(credit), eur(rate));
        assertThat(a.netExclTax()).isEqualTo(eur(net));
        assertThat(a.vatAmount()).isEqualTo(eur(vat));
        assertThat(a.totalInclTax()).isEqualTo(eur(total));
        assertThat(a.creditAppliedExclTax()).isEqualTo(eur(credit));
    }

    @Test
    @DisplayName("R4.4-c: a credit above the fee (an invoice below zero, a refund) is refused")
    void creditNeverAboveTheFee() {
        assertThatThrownBy(() -> InvoiceAmounts.of(eur("100.00"), eur("100.01"), eur("0.20")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("R4.4-c: pending credit notes are deducted oldest first, up to the fee; the rest stays pending")
    void creditNotesOldestFirstCappedAtTheFee() {
        List<Use> uses = CreditAllocation.allocate(eur("290.00"), List.of(new Pending(1, eur("29.00")),
                new Pending(2, eur("300.00")), new Pending(3, eur("10.00"))));
        assertThat(uses).containsExactly(new Use(1, eur("29.00")), new Use(2, eur("261.00")));
        assertThat(CreditAllocation.total(uses)).isEqualTo(eur("290.00"));
    }

    @Test
    @DisplayName("R4.4-c: a credit note smaller than the fee is used up; without credit notes nothing is deducted")
    void smallCreditUsedUp() {
        assertThat(CreditAllocation.allocate(eur("290.00"), List.of(new Pending(7, eur("72.50")))))
                .containsExactly(new Use(7, eur("72.50")));
        assertThat(CreditAllocation.total(CreditAllocation.allocate(eur("290.00"), List.of()))).isEqualTo(eur("0.00"));
    }
}
