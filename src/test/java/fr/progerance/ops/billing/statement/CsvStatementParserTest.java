package fr.progerance.ops.billing.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.web.FieldProblem;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Issue 9: the documented CSV statement is read in full, or refused naming each bad line and column")
class CsvStatementParserTest {

    private final CsvStatementParser parser = new CsvStatementParser();

    private ParsedStatement parse(String csv) {
        return parser.parse(csv.getBytes(StandardCharsets.UTF_8));
    }

    private List<FieldProblem> problems(String csv) {
        try {
            parse(csv);
        } catch (InvalidStatementException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + csv);
    }

    @Test
    @DisplayName("The fixture: BOM and CRLF tolerated, both date forms, comma decimals and thousands spaces, quoted fields with \"\", a debit, entry ids")
    void fixture() {
        ParsedStatement st = parser.parse(Camt053ParserTest.fixture("statement-march.csv"));
        assertThat(st.format()).isEqualTo(StatementFormat.CSV);
        assertThat(st.statementKey()).startsWith("csv:").hasSize(4 + 64);
        assertThat(st.messageId()).isNull();
        assertThat(st.lines()).extracting(BankLine::lineNo).as("file line numbers, header = 1").containsExactly(2, 3, 4, 5);
        assertThat(st.lines()).extracting(BankLine::amount).extracting(BigDecimal::toPlainString)
                .containsExactly("120.00", "1240.50", "19.90", "75.00");
        assertThat(st.lines()).extracting(BankLine::direction)
                .containsExactly(Direction.CREDIT, Direction.CREDIT, Direction.DEBIT, Direction.CREDIT);
        assertThat(st.lines()).extracting(BankLine::valueDate).containsExactly(LocalDate.of(2026, 3, 5),
                LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 6));
        BankLine second = st.lines().get(1);
        assertThat(second.texts()).containsExactly("FACT F2026 000102", "VIR \"MARTIN & FILS\" ACOMPTE");
        assertThat(second.entryId()).isEqualTo("entry:BQ-20260305-0002");
        assertThat(second.references()).containsExactly("reference FACT F2026 000102", "entry_id BQ-20260305-0002");
        assertThat(second.currency()).isEqualTo("EUR");
        assertThat(second.booked()).isTrue();
        assertThat(st.lines().get(2).texts()).as("an empty reference is no text").containsExactly("FRAIS TENUE DE COMPTE");
    }

    @Test
    @DisplayName("The key is the content's: the same export saved with LF or CRLF, with or without a BOM or trailing blank lines, is the same statement")
    void normalisedKey() {
        String lf = "date;amount;reference;label\n2026-03-05;10.00;F2026-000001;X\n";
        String crlf = "\uFEFFdate;amount;reference;label\r\n2026-03-05;10.00;F2026-000001;X  \r\n\r\n";
        assertThat(parse(lf).statementKey()).isEqualTo(parse(crlf).statementKey());
        assertThat(parse(lf.replace("10.00", "10.01")).statementKey()).isNotEqualTo(parse(lf).statementKey());
    }

    @Test
    @DisplayName("Columns in any order, names in any case; without entry_id a line has no bank id")
    void header() {
        ParsedStatement st = parse("Label;Reference;AMOUNT;Date\nPAIEMENT;F2026-000001;1 234.5;31/12/2026\n");
        BankLine line = st.lines().get(0);
        assertThat(line.amount()).isEqualByComparingTo("1234.50");
        assertThat(line.valueDate()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(line.texts()).containsExactly("F2026-000001", "PAIEMENT");
        assertThat(line.entryId()).isNull();
    }

    @Test
    @DisplayName("Amounts: . or , before at most two decimals, spaces only between thousands, a leading sign")
    void amounts() {
        String header = "date;amount;reference;label\n";
        for (String[] ok : new String[][] {{"12", "12.00"}, {"12,5", "12.50"}, {"+12.34", "12.34"}, {"-0,99", "-0.99"},
            {"1 000 000,00", "1000000.00"}, {"1\u00A0234,56", "1234.56"}, {"0", "0.00"}}) {
            assertThat(CsvStatementParser.amount(2, 1, ok[0], new java.util.ArrayList<>())).as(ok[0])
                    .isEqualByComparingTo(ok[1]);
        }
        for (String bad : List.of("12.345", "1,234.56", "1 23,00", "12 €", "EUR 12", "12-", "--1", "1e3", "abc")) {
            assertThat(problems(header + "2026-03-05;" + bad + ";;X\n")).as(bad)
                    .extracting(FieldProblem::field).containsExactly("line 2, column 2 (amount)");
        }
        assertThat(problems(header + "2026-03-05;;;X\n").get(0).message()).isEqualTo("is required");
    }

    @Test
    @DisplayName("Every bad line is named with its line number and column; one bad line and nothing is read")
    void errorsNameLineAndColumn() {
        List<FieldProblem> problems = problems("date;amount;reference;label;entry_id\n"
                + "2026-03-05;10,00;F2026-000001;OK;E1\n"
                + "2026-02-30;10,00;F2026-000002;bad day;E2\n"
                + "\n"
                + "05-03-2026;abc;F2026-000003;bad date and amount;E3\n"
                + "2026-03-05;10,00;F2026-000004\n"
                + "2026-03-05;10,00;\"F2026 \"000005\";text after quote;E5\n"
                + "2026-03-05;10,00;\"never closed;E6\n"
                + "2026-03-05;10,00;ok;label;entry with spaces\n");
        assertThat(problems).containsExactly(
                new FieldProblem("line 3, column 1 (date)", "'2026-02-30' is not a day of the calendar"),
                new FieldProblem("line 5, column 1 (date)", "'05-03-2026' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
                new FieldProblem("line 5, column 2 (amount)", "'abc' is not an amount in euros (e.g. 1234.56, -19,90 or"
                        + " 1 234,56: at most two decimals after . or , and spaces only between thousands)"),
                new FieldProblem("line 6", "3 fields where the header has 5 (fields are separated by ;)"),
                new FieldProblem("line 7, column 3", "text after the closing quote (write a quote inside a quoted field as \"\")"),
                new FieldProblem("line 8, column 3", "the quoted field does not end on its line (a closing \" is missing)"),
                new FieldProblem("line 9, column 5 (entry_id)", "must not contain spaces"));
    }

    @Test
    @DisplayName("The header is required and checked: a missing column, an unknown one, a repeated one, a blank first line")
    void headerErrors() {
        assertThat(problems("2026-03-05;10.00;F2026-000001;X\n")).extracting(FieldProblem::field)
                .contains("line 1, column 1");
        assertThat(problems("date;amount;label\n2026-03-05;10.00;X\n")).containsExactly(new FieldProblem("line 1",
                "the header lacks the column reference (expected date;amount;reference;label, optionally ;entry_id)"));
        assertThat(problems("date;amount;reference;label;currency\n")).containsExactly(new FieldProblem(
                "line 1, column 5", "'currency' is not a column of the statement CSV (date, amount, reference, label, entry_id)"));
        assertThat(problems("date;amount;reference;label;date\n")).containsExactly(
                new FieldProblem("line 1, column 5", "column date appears twice"));
        assertThat(problems("\ndate;amount;reference;label\n")).extracting(FieldProblem::field).containsExactly("line 1");
    }

    @Test
    @DisplayName("Not UTF-8 (an ISO-8859-1 export) is refused naming the line; an empty file is refused")
    void encoding() {
        byte[] latin1 = "date;amount;reference;label\n2026-03-05;10.00;F2026-000001;Pr\u00e9l\u00e8vement\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> parser.parse(latin1)).isInstanceOf(InvalidStatementException.class)
                .satisfies(e -> assertThat(((InvalidStatementException) e).problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.field()).isEqualTo("line 2");
                            assertThat(p.message()).startsWith("is not UTF-8");
                        }));
        assertThatThrownBy(() -> parser.parse(new byte[0])).isInstanceOf(InvalidStatementException.class);
    }

    @Test
    @DisplayName("Bounded text: a reference over 140 or a label over 500 characters is refused; control characters become spaces")
    void boundedText() {
        String header = "date;amount;reference;label\n";
        assertThat(problems(header + "2026-03-05;1;" + "R".repeat(141) + ";X\n")).containsExactly(
                new FieldProblem("line 2, column 3 (reference)", "must be at most 140 characters"));
        assertThat(problems(header + "2026-03-05;1;R;" + "L".repeat(501) + "\n")).extracting(FieldProblem::field)
                .containsExactly("line 2, column 4 (label)");
        assertThat(parse(header + "2026-03-05;1;R;A\u0007B\u202EC\n").lines().get(0).texts()).containsExactly("R", "A B C");
    }
}
