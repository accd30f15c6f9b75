package fr.progerance.ops.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.billing.charges.LateCharge;
import fr.progerance.ops.billing.charges.LateCharges;
import fr.progerance.ops.billing.charges.MissingLegalRateException;
import fr.progerance.ops.billing.ledger.Standings.PaymentLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ledger's arithmetic on a test-only {@link LateCharges} (the real calculator has its own tests):
 * 1 % of the principal unpaid after the due date per day late, and the 40 EUR fee once late.
 */
@DisplayName("R7.3, R7.5, R8.2: what an invoice and a client owe, from the records")
class StandingsTest {

    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 1);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 16);

    /** Records what it was asked; 1 % a day on what was unpaid after the due date, 40 EUR once late. */
    static final class PercentADay implements LateCharges {

        final List<List<Settlement>> asked = new ArrayList<>();
        String missingSemester;

        @Override
        public LateCharge compute(BigDecimal amount, LocalDate issuedOn, LocalDate paidOn) {
            return compute(amount, issuedOn, List.of(new Settlement(paidOn, amount)), paidOn);
        }

        @Override
        public LateCharge compute(BigDecimal amount, LocalDate issuedOn, List<Settlement> settlements, LocalDate asOf) {
            asked.add(settlements);
            LocalDate due = issuedOn.plusDays(15);
            BigDecimal unpaid = amount;
            LocalDate end = asOf;
            for (Settlement s : settlements) {
                if (!s.on().isAfter(due)) {
                    unpaid = unpaid.subtract(s.amount());
                }
            }
            BigDecimal left = unpaid;
            for (Settlement s : settlements) {
                if (s.on().isAfter(due)) {
                    left = left.subtract(s.amount());
                    if (left.signum() <= 0) {
                        end = s.on();
                        break;
                    }
                }
            }
            long days = Math.max(0, ChronoUnit.DAYS.between(due, end));
            if (unpaid.signum() <= 0 || days == 0) {
                return new LateCharge(due, 0, new BigDecimal("0.00"), new BigDecimal("0.00"));
            }
            if (missingSemester != null) {
                throw new MissingLegalRateException(missingSemester);
            }
            BigDecimal interest = unpaid.multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(100), 2,
                    RoundingMode.HALF_UP);
            return new LateCharge(due, days, interest, new BigDecimal("40.00"));
        }
    }

    private final PercentADay charges = new PercentADay();

    private static Invoice invoice(String number, String total, LocalDate issuedOn) {
        BigDecimal ttc = new BigDecimal(total);
        BigDecimal net = ttc.divide(new BigDecimal("1.20"), 2, RoundingMode.HALF_UP);
        InvoiceAmounts amounts = new InvoiceAmounts(net, new BigDecimal("0.00"), net, new BigDecimal("0.20"),
                ttc.subtract(net), ttc);
        return new Invoice(number, 7, 3, issuedOn, Instant.parse(issuedOn + "T00:00:00+01:00"), issuedOn,
                issuedOn.plusDays(15), amounts);
    }

    private static PaymentLine paid(String on, String amount) {
        return new PaymentLine(LocalDate.parse(on), new BigDecimal(amount));
    }

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    @DisplayName("R7.3: nothing paid before the due date: the whole invoice is due, no charges")
    void nothingPaidYet() {
        InvoiceStanding s = Standings.invoice(invoice("F2026-000001", "348.00", ISSUED), List.of(), charges,
                LocalDate.of(2026, 3, 10));
        assertThat(s.paid()).isEqualTo(eur("0.00"));
        assertThat(s.principalDue()).isEqualTo(eur("348.00"));
        assertThat(s.charges().total()).isEqualTo(eur("0.00"));
        assertThat(s.totalDue()).isEqualTo(eur("348.00"));
        assertThat(s.principalPaid()).isFalse();
    }

    @Test
    @DisplayName("R7.3: paid in full on time: nothing due, settled")
    void paidOnTime() {
        InvoiceStanding s = Standings.invoice(invoice("F2026-000001", "348.00", ISSUED),
                List.of(paid("2026-03-05", "348.00")), charges, LocalDate.of(2026, 4, 20));
        assertThat(s.principalDue()).isEqualTo(eur("0.00"));
        assertThat(s.totalDue()).isEqualTo(eur("0.00"));
        assertThat(s.settled()).isTrue();
        assertThat(charges.asked).containsExactly(List.of(new LateCharges.Settlement(LocalDate.of(2026, 3, 5),
                eur("348.00"))));
    }

    @Test
    @DisplayName("R7.5: partial payments reduce the principal in date order, whatever order they were recorded in")
    void partialPaymentsInDateOrder() {
        InvoiceStanding s = Standings.invoice(invoice("F2026-000001", "348.00", ISSUED),
                List.of(paid("2026-03-20", "100.00"), paid("2026-03-10", "148.00")), charges, LocalDate.of(2026, 3, 26));
        assertThat(charges.asked.get(0)).containsExactly(
                new LateCharges.Settlement(LocalDate.of(2026, 3, 10), eur("148.00")),
                new LateCharges.Settlement(LocalDate.of(2026, 3, 20), eur("100.00")));
        assertThat(s.paid()).isEqualTo(eur("248.00"));
        assertThat(s.principalDue()).isEqualTo(eur("100.00"));
        // 200.00 unpaid after the due date (16 March) for 10 days at 1 %: 20.00, and the 40.00 fee.
        assertThat(s.charges().total()).isEqualTo(eur("60.00"));
        assertThat(s.totalDue()).isEqualTo(eur("160.00"));
    }

    @Test
    @DisplayName("R7.5, R8.2: the principal paid late leaves the charges due; what is paid beyond the principal pays them")
    void beyondThePrincipalPaysTheCharges() {
        Invoice invoice = invoice("F2026-000001", "348.00", ISSUED);
        // Paid 5 days late: 348.00 x 5 % = 17.40 interest + 40.00 fee = 57.40.
        InvoiceStanding late = Standings.invoice(invoice, List.of(paid("2026-03-21", "348.00")), charges,
                LocalDate.of(2026, 4, 1));
        assertThat(late.principalPaid()).isTrue();
        assertThat(late.charges().total()).isEqualTo(eur("57.40"));
        assertThat(late.totalDue()).isEqualTo(eur("57.40"));
        assertThat(late.settled()).isFalse();

        InvoiceStanding partly = Standings.invoice(invoice, List.of(paid("2026-03-21", "348.00"),
                paid("2026-03-25", "20.00")), charges, LocalDate.of(2026, 4, 1));
        assertThat(partly.totalDue()).isEqualTo(eur("37.40"));
        assertThat(charges.asked.get(1)).as("only the principal's part of a payment is a settlement")
                .containsExactly(new LateCharges.Settlement(LocalDate.of(2026, 3, 21), eur("348.00")));

        InvoiceStanding all = Standings.invoice(invoice, List.of(paid("2026-03-21", "348.00"),
                paid("2026-03-25", "60.00")), charges, LocalDate.of(2026, 4, 1));
        assertThat(all.totalDue()).as("never below zero").isEqualTo(eur("0.00"));
        assertThat(all.settled()).isTrue();
        assertThat(all.paid()).isEqualTo(eur("408.00"));
    }

    @Test
    @DisplayName("R4.4-c: an invoice that credit notes brought to zero owes nothing and needs no rate")
    void zeroInvoice() {
        charges.missingSemester = "2027-S1";
        InvoiceStanding s = Standings.invoice(invoice("F2026-000002", "0.00", ISSUED), List.of(), charges,
                LocalDate.of(2027, 3, 1));
        assertThat(s.settled()).isTrue();
        assertThat(s.charges().dueDate()).isEqualTo(DUE);
        assertThat(charges.asked).isEmpty();
    }

    @Test
    @DisplayName("R7.5: a late day without a legal rate is an error naming the semester, never a zero")
    void missingRatePropagates() {
        charges.missingSemester = "2026-S2";
        Invoice invoice = invoice("F2026-000001", "348.00", ISSUED);
        assertThatThrownBy(() -> Standings.invoice(invoice, List.of(), charges, LocalDate.of(2026, 7, 2)))
                .isInstanceOf(MissingLegalRateException.class).hasMessageContaining("2026-S2");
    }

    @Test
    @DisplayName("R7.5, R8.2: the client owes every invoice with something due, not yet due ones included, oldest first")
    void clientOwesEverySumDue() {
        LocalDate today = LocalDate.of(2026, 4, 5);
        InvoiceStanding march = Standings.invoice(invoice("F2026-000010", "348.00", ISSUED), List.of(), charges, today);
        InvoiceStanding april = Standings.invoice(invoice("F2026-000020", "120.00", LocalDate.of(2026, 4, 1)),
                List.of(), charges, today);
        InvoiceStanding february = Standings.invoice(invoice("F2026-000005", "348.00", LocalDate.of(2026, 2, 1)),
                List.of(paid("2026-02-03", "348.00")), charges, today);
        ClientStanding client = Standings.client(3, List.of(april, february, march));
        assertThat(client.open()).extracting(InvoiceStanding::number).containsExactly("F2026-000010", "F2026-000020");
        // March: 348.00 + 20 days late at 1 % (69.60) + 40.00; April: not yet due, 120.00.
        assertThat(client.principalDue()).isEqualTo(eur("468.00"));
        assertThat(client.chargesDue()).isEqualTo(eur("109.60"));
        assertThat(client.totalDue()).isEqualTo(eur("577.60"));
        assertThat(client.settled()).isFalse();
        assertThat(Standings.client(3, List.of(february)).settled()).isTrue();
    }
}
