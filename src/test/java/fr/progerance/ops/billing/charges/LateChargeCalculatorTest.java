package fr.progerance.ops.billing.charges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.billing.charges.LateCharges.Settlement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed R7.5 cases. Notation: interest = multiplier x sum(unpaid x rate) / 36500, rounded
 * half-up at the end; rates are the file's ("all other cases"): 2024-S1 5.07, 2024-S2 4.92,
 * 2025-S1 3.71.
 */
@DisplayName("R7.5 late charges: interest per day at its semester's rate, fee once, rounded at the end")
class LateChargeCalculatorTest {

    private final Map<String, BigDecimal> table = new HashMap<>(Map.of(
            "2024-S1", new BigDecimal("5.07"),
            "2024-S2", new BigDecimal("4.92"),
            "2025-S1", new BigDecimal("3.71")));
    private final BillingSettings settings = new BillingSettings();
    private final LateChargeCalculator calculator = new LateChargeCalculator(settings, rates(table));

    static LegalRates rates(Map<String, BigDecimal> table) {
        return new LegalRates() {
            @Override
            public Optional<LegalRate> find(String semester) {
                return Optional.ofNullable(table.get(semester)).map(r -> new LegalRate(semester, r, "test", null));
            }

            @Override
            public LegalRate enter(String semester, BigDecimal ratePercent, String source, String enteredBy) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static BigDecimal eur(String value) {
        return new BigDecimal(value);
    }

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    @DisplayName("R7.3, R7.5: paid exactly on the due date (issue + 15 days) costs nothing")
    void onTheDueDate() {
        LateCharge charge = calculator.compute(eur("1000.00"), d("2025-01-01"), d("2025-01-16"));
        assertThat(charge.dueDate()).isEqualTo(d("2025-01-16"));
        assertThat(charge.daysLate()).isZero();
        assertThat(charge.interest()).isEqualByComparingTo("0").hasToString("0.00");
        assertThat(charge.recoveryFee()).hasToString("0.00");
        assertThat(charge.total()).hasToString("0.00");
    }

    @Test
    @DisplayName("R7.5: paid before the due date costs nothing")
    void beforeTheDueDate() {
        assertThat(calculator.compute(eur("1000.00"), d("2025-01-01"), d("2025-01-03")).total()).hasToString("0.00");
    }

    @Test
    @DisplayName("R7.5: one day late = one day of interest plus the 40 EUR fee: 1000 x 1.5 x 3.71 / 36500 = 0.1524... -> 0.15")
    void oneDayLate() {
        LateCharge charge = calculator.compute(eur("1000.00"), d("2025-01-01"), d("2025-01-17"));
        assertThat(charge.daysLate()).isEqualTo(1);
        assertThat(charge.interest()).hasToString("0.15");
        assertThat(charge.recoveryFee()).hasToString("40.00");
        assertThat(charge.total()).hasToString("40.15");
    }

    @Test
    @DisplayName("R7.5: rounded once at the end, not per day: 10 days of 0.1524... = 1.52 (not 10 x 0.15)")
    void roundedAtTheEnd() {
        LateCharge charge = calculator.compute(eur("1000.00"), d("2025-01-01"), d("2025-01-26"));
        assertThat(charge.daysLate()).isEqualTo(10);
        assertThat(charge.interest()).hasToString("1.52");
    }

    @Test
    @DisplayName("R7.5: across a semester boundary each day takes its semester's rate: 14 days at 5.07 + 16 at 4.92 -> 6.15")
    void acrossASemesterBoundary() {
        // Issued 1 June 2024, due 16 June; late 17-30 June (14 days, 2024-S1) and 1-16 July (16 days, 2024-S2).
        // 1000 x 1.5 x (14 x 5.07 + 16 x 4.92) / 36500 = 1500 x 149.70 / 36500 = 6.152...
        LateCharge charge = calculator.compute(eur("1000.00"), d("2024-06-01"), d("2024-07-16"));
        assertThat(charge.dueDate()).isEqualTo(d("2024-06-16"));
        assertThat(charge.daysLate()).isEqualTo(30);
        assertThat(charge.interest()).hasToString("6.15");
        assertThat(charge.total()).hasToString("46.15");
    }

    @Test
    @DisplayName("R7.5: a leap year still divides by 365: 14 days over 29 February 2024 -> 2.92 (2.91 with /366)")
    void leapYear() {
        // Due 16 February 2024; late 17-29 February (13 days) and 1 March: 14 days at 5.07.
        // 1000 x 1.5 x 14 x 5.07 / 36500 = 2.9169... -> 2.92 (divided by 366 it would be 2.909... -> 2.91).
        LateCharge charge = calculator.compute(eur("1000.00"), d("2024-02-01"), d("2024-03-01"));
        assertThat(charge.daysLate()).isEqualTo(14);
        assertThat(charge.interest()).hasToString("2.92");
    }

    @Test
    @DisplayName("R7.5: half-up at the cent: an exact 0.045 becomes 0.05 (half-even would give 0.04)")
    void halfUp() {
        // With a rate of 3.65: 100 x 1.5 x 3.65 / 36500 = 0.015 a day; 3 days = 0.045 exactly.
        LateChargeCalculator c = new LateChargeCalculator(settings, rates(Map.of("2025-S1", eur("3.65"))));
        assertThat(c.compute(eur("100.00"), d("2025-01-01"), d("2025-01-19")).interest()).hasToString("0.05");
    }

    @Test
    @DisplayName("R7.5: a partial payment on day d still bears interest on day d, and none from d + 1")
    void partialPayments() {
        // Due 16 January 2025. 400 paid on 26 January, 600 on 5 February.
        // 17-26 January (10 days) on 1000, 27 January - 5 February (10 days) on 600, all at 3.71:
        // 1.5 x 3.71 x (10 x 1000 + 10 x 600) / 36500 = 2.439... -> 2.44; 20 days late (5 February - 16 January).
        LateCharge charge = calculator.compute(eur("1000.00"), d("2025-01-01"),
                List.of(new Settlement(d("2025-01-26"), eur("400.00")), new Settlement(d("2025-02-05"), eur("600.00"))),
                d("2025-03-31"));
        assertThat(charge.interest()).hasToString("2.44");
        assertThat(charge.daysLate()).isEqualTo(20);
        assertThat(charge.recoveryFee()).hasToString("40.00");
        // The same invoice paid in full on 5 February costs 1000 x 1.5 x 3.71 x 20 / 36500 = 3.049... -> 3.05.
        assertThat(calculator.compute(eur("1000.00"), d("2025-01-01"), d("2025-02-05")).interest()).hasToString("3.05");
    }

    @Test
    @DisplayName("R7.5: a payment before the due date lowers the principal of every day late")
    void paymentBeforeTheDueDate() {
        // 600 paid on 10 January (before the due date 16 January), 400 on 26 January:
        // 10 days on 400: 1.5 x 3.71 x 4000 / 36500 = 0.609... -> 0.61.
        LateCharge charge = calculator.compute(eur("1000.00"), d("2025-01-01"),
                List.of(new Settlement(d("2025-01-26"), eur("400.00")), new Settlement(d("2025-01-10"), eur("600.00"))),
                d("2025-01-31"));
        assertThat(charge.interest()).hasToString("0.61");
        assertThat(charge.daysLate()).isEqualTo(10);
        // Paid in full by the due date in two parts: nothing.
        assertThat(calculator.compute(eur("1000.00"), d("2025-01-01"),
                List.of(new Settlement(d("2025-01-10"), eur("600.00")), new Settlement(d("2025-01-16"), eur("400.00"))),
                d("2025-03-31")).total()).hasToString("0.00");
    }

    @Test
    @DisplayName("R7.5: still unpaid, interest runs to the as-of date; later payments are not counted yet")
    void stillUnpaidAsOf() {
        // As of 26 January: 10 days on 1000 (the payment of 5 February is not there yet) -> 1.52.
        LateCharge charge = calculator.compute(eur("1000.00"), d("2025-01-01"),
                List.of(new Settlement(d("2025-02-05"), eur("1000.00"))), d("2025-01-26"));
        assertThat(charge.daysLate()).isEqualTo(10);
        assertThat(charge.interest()).hasToString("1.52");
        assertThat(charge.recoveryFee()).hasToString("40.00");
        // As of the due date nothing is late yet.
        assertThat(calculator.compute(eur("1000.00"), d("2025-01-01"), List.of(), d("2025-01-16")).total())
                .hasToString("0.00");
    }

    @Test
    @DisplayName("R7.5: an overpayment leaves no negative principal")
    void overpayment() {
        LateCharge charge = calculator.compute(eur("1000.00"), d("2025-01-01"),
                List.of(new Settlement(d("2025-01-17"), eur("1500.00"))), d("2025-03-31"));
        assertThat(charge.interest()).hasToString("0.15");
        assertThat(charge.daysLate()).isEqualTo(1);
    }

    @Test
    @DisplayName("R7.5: a day late whose semester has no rate names the semester, never a silent zero")
    void missingRate() {
        // Due 16 June 2025: 17-30 June are in 2025-S1 (known), 1 July is in 2025-S2 (not in this table).
        assertThatThrownBy(() -> calculator.compute(eur("1000.00"), d("2025-06-01"), d("2025-07-01")))
                .isInstanceOfSatisfying(MissingLegalRateException.class,
                        e -> assertThat(e.semester()).isEqualTo("2025-S2"))
                .hasMessageContaining("2025-S2");
        // Paid on the last day of the known semester: computed.
        assertThat(calculator.compute(eur("1000.00"), d("2025-06-01"), d("2025-06-30")).daysLate()).isEqualTo(14);
        // Entering the rate lets the same computation go on: 14 x 3.71 + 1 x 2.76 = 54.70 -> 1500 x 54.70 / 36500 = 2.247... -> 2.25.
        table.put("2025-S2", eur("2.76"));
        assertThat(calculator.compute(eur("1000.00"), d("2025-06-01"), d("2025-07-01")).interest()).hasToString("2.25");
    }

    @Test
    @DisplayName("R7.5: days paid on time need no rate: a missing semester before the due date does not matter")
    void missingRateOnlyForLateDays() {
        LateChargeCalculator c = new LateChargeCalculator(settings, rates(Map.of("2025-S2", eur("2.76"))));
        // Issued 20 June 2025 (2025-S1 unknown), due 5 July, paid 6 July: one day in 2025-S2.
        assertThat(c.compute(eur("1000.00"), d("2025-06-20"), d("2025-07-06")).interest()).hasToString("0.11");
    }

    @Test
    @DisplayName("R7.3, R7.5: the payment term, multiplier and fee are settings")
    void settings() {
        BillingSettings other = new BillingSettings();
        other.getDunning().setPaymentTerm(Period.ofDays(30));
        other.getCharges().setInterestMultiplier(eur("3"));
        other.getCharges().setRecoveryFee(eur("40"));
        LateChargeCalculator c = new LateChargeCalculator(other, rates(table));
        // Due 31 January 2025; 1 day at 3 x 3.71: 1000 x 3 x 3.71 / 36500 = 0.3049... -> 0.30.
        LateCharge charge = c.compute(eur("1000.00"), d("2025-01-01"), d("2025-02-01"));
        assertThat(charge.dueDate()).isEqualTo(d("2025-01-31"));
        assertThat(charge.interest()).hasToString("0.30");
        assertThat(charge.recoveryFee()).hasToString("40.00");
    }

    @Test
    @DisplayName("R7.5: a negative amount or a payment before the issue is refused")
    void refused() {
        assertThatThrownBy(() -> calculator.compute(eur("-1"), d("2025-01-01"), d("2025-01-20")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calculator.compute(eur("10"), d("2025-01-01"), d("2024-12-31")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calculator.compute(eur("10"), d("2025-01-01"),
                List.of(new Settlement(d("2025-01-05"), eur("-1"))), d("2025-01-31")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("R7.5: a zero amount is never late")
    void zeroAmount() {
        assertThat(calculator.compute(eur("0.00"), d("2025-01-01"), d("2025-03-01")).total()).hasToString("0.00");
    }
}
