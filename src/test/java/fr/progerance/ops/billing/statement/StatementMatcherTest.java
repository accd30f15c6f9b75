package fr.progerance.ops.billing.statement;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.billing.statement.StatementMatcher.Decision;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Issue 9: a line is MATCHED only to exactly one existing invoice; everything else is UNMATCHED with a reason or IGNORED")
class StatementMatcherTest {

    static final LocalDate TODAY = LocalDate.of(2026, 4, 10);

    /** Invoices F2026-000101 to -000105 and -000201 to -000209, issued on 1 March, 120.00 due each. */
    static final class Invoices implements InvoiceLookup {
        final Map<String, Invoice> known = new HashMap<>();

        Invoices() {
            for (int n : new int[] {101, 102, 103, 104, 105, 201, 202, 203, 204, 205, 206, 207, 208, 209}) {
                String number = String.format("F2026-%06d", n);
                known.put(number, new Invoice(number, (long) n % 3, LocalDate.of(2026, 3, 1), new BigDecimal("120.00")));
            }
        }

        @Override
        public Optional<Invoice> find(String number) {
            return Optional.ofNullable(known.get(number));
        }
    }

    private final StatementMatcher matcher = new StatementMatcher(new InvoiceNumberFinder("F"), new Invoices());

    private List<Decision> decide(String fixture) {
        ParsedStatement st = fixture.endsWith(".csv")
                ? new CsvStatementParser().parse(Camt053ParserTest.fixture(fixture))
                : new Camt053Parser().parse(Camt053ParserTest.fixture(fixture));
        return st.lines().stream().map(l -> matcher.decide(l, TODAY)).toList();
    }

    @Test
    @DisplayName("camt.053.001.02: number in Ustrd, in the structured Ref without dash, a partial payment in lower case, both batch transactions matched; no number unmatched; the debit ignored")
    void version02() {
        List<Decision> d = decide("camt053-001-02-march.xml");
        assertThat(d).extracting(Decision::status).containsExactly(LineStatus.MATCHED, LineStatus.MATCHED,
                LineStatus.MATCHED, LineStatus.MATCHED, LineStatus.MATCHED, LineStatus.UNMATCHED, LineStatus.IGNORED);
        assertThat(d).extracting(Decision::invoiceNumber).containsExactly("F2026-000101", "F2026-000102",
                "F2026-000103", "F2026-000104", "F2026-000105", null, null);
        assertThat(d.get(5).reason()).isEqualTo("no invoice number (such as F2026-000123) in the remittance information"
                + " or references");
        assertThat(d.get(6).reason()).startsWith("a debit");
        assertThat(d.get(0).invoice().due()).isEqualByComparingTo("120.00");
    }

    @Test
    @DisplayName("camt.053.001.08: a number cut across two Ustrd matched; pending ignored; USD, two numbers, an unknown number, no bank reference unmatched with their reasons")
    void version08() {
        List<Decision> d = decide("camt053-001-08-april.xml");
        assertThat(d).extracting(Decision::status).containsExactly(LineStatus.MATCHED, LineStatus.IGNORED,
                LineStatus.UNMATCHED, LineStatus.UNMATCHED, LineStatus.UNMATCHED, LineStatus.MATCHED,
                LineStatus.UNMATCHED, LineStatus.MATCHED, LineStatus.MATCHED);
        assertThat(d.get(0).invoiceNumber()).isEqualTo("F2026-000201");
        assertThat(d.get(1).reason()).startsWith("entry status PDNG, not booked");
        assertThat(d.get(2).reason()).startsWith("currency USD: invoices are in euros (R7.1)");
        assertThat(d.get(3).reason()).isEqualTo("several invoice numbers (F2026-000204, F2026-000205): split it by hand");
        assertThat(d.get(4).reason()).isEqualTo("invoice F2026-999999 does not exist");
        assertThat(d.get(4).invoiceNumber()).isEqualTo("F2026-999999");
        assertThat(d.get(5).invoiceNumber()).as("RfrdDocInf/Nb F-2026-000206").isEqualTo("F2026-000206");
        assertThat(d.get(6).reason()).contains("no reference for this entry");
        assertThat(d).extracting(Decision::invoiceNumber).endsWith("F2026-000208", "F2026-000209");
    }

    @Test
    @DisplayName("CSV: the references and labels are searched; the negative amount is an ignored debit")
    void csv() {
        List<Decision> d = decide("statement-march.csv");
        assertThat(d).extracting(Decision::status).containsExactly(LineStatus.MATCHED, LineStatus.MATCHED,
                LineStatus.IGNORED, LineStatus.UNMATCHED);
        assertThat(d.get(1).invoiceNumber()).isEqualTo("F2026-000102");
    }

    private static BankLine line(String amount, String currency, LocalDate valueDate, String... texts) {
        return new BankLine(1, "id", valueDate, new BigDecimal(amount), currency, Direction.CREDIT, true, "BOOK",
                List.of(texts), List.of(), null, null);
    }

    @Test
    @DisplayName("Zero, more than two decimals, a value date in the future or before the invoice's issue: UNMATCHED with the reason")
    void amountsAndDates() {
        assertThat(matcher.decide(line("0.00", "EUR", TODAY, "F2026-000101"), TODAY).reason())
                .isEqualTo("amount 0.00: nothing to record");
        assertThat(matcher.decide(line("10.005", "EUR", TODAY, "F2026-000101"), TODAY).reason())
                .isEqualTo("amount 10.005 has more than two decimals");
        assertThat(matcher.decide(line("10.500", "EUR", TODAY, "F2026-000101"), TODAY).status())
                .as("trailing zeros are not decimals").isEqualTo(LineStatus.MATCHED);
        Decision future = matcher.decide(line("10", "EUR", TODAY.plusDays(1), "F2026-000101"), TODAY);
        assertThat(future.status()).isEqualTo(LineStatus.UNMATCHED);
        assertThat(future.reason()).startsWith("value date 2026-04-11 is in the future");
        assertThat(matcher.decide(line("10", "EUR", LocalDate.of(2026, 2, 28), "F2026-000101"), TODAY).reason())
                .isEqualTo("value date 2026-02-28 is before the issue of invoice F2026-000101 on 2026-03-01");
    }

    @Test
    @DisplayName("An invoice whose late charges cannot be computed yet (missing legal rate) still matches: its need is unknown, not zero")
    void unknownNeed() {
        Invoices invoices = new Invoices();
        invoices.known.put("F2026-000101", new InvoiceLookup.Invoice("F2026-000101", null, null, null));
        Decision d = new StatementMatcher(new InvoiceNumberFinder("F"), invoices)
                .decide(line("10", "EUR", TODAY, "F2026-000101"), TODAY);
        assertThat(d.status()).isEqualTo(LineStatus.MATCHED);
        assertThat(d.invoice().due()).isNull();
    }
}
