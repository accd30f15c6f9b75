package fr.progerance.ops.billing.statement;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.billing.ledger.NewPayment;
import fr.progerance.ops.billing.ledger.PaymentRecorder;
import fr.progerance.ops.billing.ledger.PaymentSource;
import fr.progerance.ops.billing.ledger.RecordedPayment;
import fr.progerance.ops.billing.statement.StatementRecording.Outcome;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Issue 9: matched lines are recorded as payments once per bank entry; duplicates, partial and overpaid payments are said")
class StatementRecordingTest {

    /** A test-only recorder with the contract of PaymentRecorder: once per (source, externalId). */
    static final class Recorder implements PaymentRecorder {
        final Map<String, RecordedPayment> byKey = new LinkedHashMap<>();
        final List<NewPayment> calls = new ArrayList<>();
        final Map<String, BigDecimal> due = new HashMap<>();

        @Override
        public RecordedPayment record(NewPayment p) {
            calls.add(p);
            String key = p.source() + "|" + p.externalId();
            RecordedPayment first = byKey.get(key);
            if (first != null) {
                return new RecordedPayment(first.paymentId(), first.invoiceNumber(), first.amount(), first.paidOn(), true,
                        due.get(p.invoiceNumber()), BigDecimal.ZERO);
            }
            BigDecimal left = due.getOrDefault(p.invoiceNumber(), new BigDecimal("120.00")).subtract(p.amount())
                    .max(BigDecimal.ZERO.setScale(2));
            due.put(p.invoiceNumber(), left);
            RecordedPayment recorded = new RecordedPayment(byKey.size() + 1L, p.invoiceNumber(), p.amount(), p.paidOn(),
                    false, left, BigDecimal.ZERO);
            byKey.put(key, recorded);
            return recorded;
        }
    }

    private final Recorder recorder = new Recorder();
    private final Map<String, StatementRecording.Prior> earlier = new HashMap<>();
    private final StatementRecording recording = new StatementRecording(recorder, id -> Optional.ofNullable(earlier.get(id)));
    /** The invoices of StatementMatcherTest, needing what the recorder says is left. */
    private final StatementMatcher matcher = new StatementMatcher(new InvoiceNumberFinder("F"), number ->
            new StatementMatcherTest.Invoices().find(number).map(i -> new InvoiceLookup.Invoice(i.number(), i.clientId(),
                    i.issuedOn(), recorder.due.getOrDefault(number, i.due()))));

    private List<Outcome> run(ParsedStatement st) {
        List<StatementMatcher.Decision> decisions = st.lines().stream()
                .map(l -> matcher.decide(l, StatementMatcherTest.TODAY)).toList();
        return recording.record(st, decisions, "alice");
    }

    private static ParsedStatement camt(String name) {
        return new Camt053Parser().parse(Camt053ParserTest.fixture(name));
    }

    /** Remembers the outcomes as the records of an earlier import (statement {@code id}). */
    private void keep(long statementId, List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            if (o.status() != LineStatus.IGNORED && o.status() != LineStatus.DUPLICATE) {
                earlier.putIfAbsent(o.externalId(), new StatementRecording.Prior(statementId, o.line().lineNo(),
                        o.status(), o.paymentId()));
            }
        }
    }

    @Test
    @DisplayName("camt.053.001.02: five payments recorded with source CAMT053, the value date, the bank line's id and the user; the partial one says what is left")
    void records() {
        List<Outcome> outcomes = run(camt("camt053-001-02-march.xml"));
        assertThat(outcomes).extracting(Outcome::status).containsExactly(LineStatus.MATCHED, LineStatus.MATCHED,
                LineStatus.MATCHED, LineStatus.MATCHED, LineStatus.MATCHED, LineStatus.UNMATCHED, LineStatus.IGNORED);
        assertThat(recorder.calls).hasSize(5);
        NewPayment first = recorder.calls.stream().filter(p -> p.invoiceNumber().equals("F2026-000101")).findFirst()
                .orElseThrow();
        assertThat(first.amount()).isEqualByComparingTo("120.00");
        assertThat(first.amount().scale()).isEqualTo(2);
        assertThat(first.paidOn()).hasToString("2026-03-05");
        assertThat(first.source()).isEqualTo(PaymentSource.CAMT053);
        assertThat(first.externalId()).isEqualTo(Camt053ParserTest.IBAN + "/2026030500001842/1");
        assertThat(first.recordedBy()).isEqualTo("alice");
        assertThat(first.reference()).startsWith("FACTURE F2026-000101 HEBERGEMENT MARS");
        assertThat(outcomes.subList(0, 5)).extracting(Outcome::paymentId).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(outcomes.subList(5, 7)).extracting(Outcome::paymentId).containsOnlyNulls();
        assertThat(outcomes.get(2).reason()).isEqualTo("partial payment: 50.00 of 120.00; 70.00 still due on invoice"
                + " F2026-000103");
        assertThat(outcomes.get(0).reason()).as("paid exactly").isNull();
        assertThat(outcomes.get(3).externalId()).isNotEqualTo(outcomes.get(4).externalId());
    }

    @Test
    @DisplayName("Payments are recorded client by client (ascending id), so imports never take account locks in opposite orders")
    void lockOrder() {
        run(camt("camt053-001-02-march.xml"));
        // Invoices 101..105 belong to clients n % 3: 2, 0, 1, 2, 0.
        assertThat(recorder.calls).extracting(NewPayment::invoiceNumber).containsExactly("F2026-000102",
                "F2026-000105", "F2026-000103", "F2026-000101", "F2026-000104");
    }

    @Test
    @DisplayName("An overlapping later statement: the entries already imported are DUPLICATE (naming where), nothing recorded twice, the new entry recorded")
    void overlappingStatement() {
        keep(1, run(camt("camt053-001-02-march.xml")));
        int payments = recorder.byKey.size();
        String later = new String(Camt053ParserTest.fixture("camt053-001-02-march.xml"), StandardCharsets.UTF_8)
                .replace("EBICS-20260306-053-000417", "EBICS-20260307-053-000418")
                .replace("<Id>30006000011234567890189-20260305</Id>", "<Id>30006000011234567890189-20260306</Id>")
                .replace("</Stmt>", "<Ntry><Amt Ccy=\"EUR\">120.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                        + "<ValDt><Dt>2026-03-06</Dt></ValDt><AcctSvcrRef>2026030600000001</AcctSvcrRef><NtryDtls><TxDtls>"
                        + "<RmtInf><Ustrd>F2026-000103 SOLDE</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt>");
        List<Outcome> outcomes = run(new Camt053Parser().parse(later.getBytes(StandardCharsets.UTF_8)));
        assertThat(outcomes).extracting(Outcome::status).containsExactly(LineStatus.DUPLICATE, LineStatus.DUPLICATE,
                LineStatus.DUPLICATE, LineStatus.DUPLICATE, LineStatus.DUPLICATE, LineStatus.DUPLICATE,
                LineStatus.IGNORED, LineStatus.MATCHED);
        assertThat(outcomes.get(0).reason()).isEqualTo("the same bank entry was imported with statement 1, line 1 (MATCHED)");
        assertThat(outcomes.get(0).paymentId()).isNotNull();
        assertThat(outcomes.get(5).reason()).as("an unmatched entry stays listed once, on its first line")
                .isEqualTo("the same bank entry was imported with statement 1, line 6 (UNMATCHED)");
        assertThat(recorder.byKey).hasSize(payments + 1);
        assertThat(outcomes.get(7).reason()).as("the balance of the partial payment: 120.00 where 70.00 was due")
                .startsWith("overpaid: 120.00 where invoice F2026-000103 needed 70.00 (50.00 more)");
        assertThat(outcomes.get(7).overpaid()).isTrue();
    }

    @Test
    @DisplayName("When the records miss an earlier import (a concurrent one), the payment's unique external id still says duplicate: nothing recorded twice")
    void recorderDuplicate() {
        List<Outcome> first = run(camt("camt053-001-02-march.xml"));
        int payments = recorder.byKey.size();
        List<Outcome> again = run(camt("camt053-001-02-march.xml"));
        assertThat(again).extracting(Outcome::status).containsExactly(LineStatus.DUPLICATE, LineStatus.DUPLICATE,
                LineStatus.DUPLICATE, LineStatus.DUPLICATE, LineStatus.DUPLICATE, LineStatus.UNMATCHED, LineStatus.IGNORED);
        assertThat(again.get(0).reason()).startsWith("already recorded as payment " + first.get(0).paymentId() + " ");
        assertThat(again).extracting(Outcome::paymentId).isEqualTo(first.stream().map(Outcome::paymentId).toList());
        assertThat(recorder.byKey).hasSize(payments);
    }

    @Test
    @DisplayName("Never lose money: two payments of the same invoice in one statement are both recorded; the one beyond its need is flagged overpaid")
    void overpaidInOneStatement() {
        String csv = "date;amount;reference;label;entry_id\n2026-03-05;120.00;F2026-000101;A;E1\n"
                + "2026-03-05;150,00;F2026-000101;B;E2\n2026-03-05;150,00;F2026-000102;C;E3\n";
        List<Outcome> outcomes = run(new CsvStatementParser().parse(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(outcomes).extracting(Outcome::status).containsOnly(LineStatus.MATCHED);
        assertThat(outcomes).extracting(Outcome::overpaid).containsExactly(false, true, true);
        assertThat(outcomes.get(1).reason()).startsWith("overpaid: 150.00 where invoice F2026-000101 needed 0.00");
        assertThat(outcomes.get(2).reason()).startsWith("overpaid: 150.00 where invoice F2026-000102 needed 120.00 (30.00 more)");
        assertThat(recorder.calls).extracting(NewPayment::source).containsOnly(PaymentSource.CSV);
        assertThat(recorder.calls).extracting(NewPayment::externalId).containsExactlyInAnyOrder("entry:E1", "entry:E2",
                "entry:E3");
    }

    @Test
    @DisplayName("The same bank entry twice in one file: the second line is DUPLICATE of the first; CSV without entry_id: the statement key and line number")
    void sameEntryTwiceAndCsvIds() {
        String csv = "date;amount;reference;label;entry_id\n2026-03-05;120.00;F2026-000101;A;E1\n"
                + "2026-03-05;120.00;F2026-000101;A;E1\n";
        List<Outcome> outcomes = run(new CsvStatementParser().parse(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(outcomes).extracting(Outcome::status).containsExactly(LineStatus.MATCHED, LineStatus.DUPLICATE);
        assertThat(outcomes.get(1).reason()).isEqualTo("the same bank entry as line 2 of this statement");

        ParsedStatement plain = new CsvStatementParser().parse(("date;amount;reference;label\n"
                + "2026-03-05;120.00;F2026-000104;A\n2026-03-05;120.00;F2026-000104;A\n").getBytes(StandardCharsets.UTF_8));
        List<Outcome> both = run(plain);
        assertThat(both).extracting(Outcome::externalId).containsExactly(plain.statementKey() + "/2",
                plain.statementKey() + "/3");
        assertThat(both).extracting(Outcome::status).as("two identical lines without entry_id are two payments")
                .containsExactly(LineStatus.MATCHED, LineStatus.MATCHED);
    }

    @Test
    @DisplayName("An invoice whose need is unknown (missing legal rate) is recorded without a partial or overpaid flag")
    void unknownNeed() {
        StatementMatcherTest.Invoices invoices = new StatementMatcherTest.Invoices();
        invoices.known.put("F2026-000101", new InvoiceLookup.Invoice("F2026-000101", null, null, null));
        StatementMatcher m = new StatementMatcher(new InvoiceNumberFinder("F"), invoices);
        ParsedStatement st = new CsvStatementParser().parse("date;amount;reference;label\n2026-03-05;999;F2026-000101;A\n"
                .getBytes(StandardCharsets.UTF_8));
        List<Outcome> outcomes = recording.record(st, List.of(m.decide(st.lines().get(0), StatementMatcherTest.TODAY)),
                "alice");
        assertThat(outcomes.get(0).status()).isEqualTo(LineStatus.MATCHED);
        assertThat(outcomes.get(0).overpaid()).isFalse();
        assertThat(outcomes.get(0).reason()).isNull();
    }
}
