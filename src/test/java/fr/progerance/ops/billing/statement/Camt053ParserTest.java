package fr.progerance.ops.billing.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import fr.progerance.ops.web.FieldProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Issue 9: camt.053 statements are read by local names from .001.02 on, securely, or refused naming the element")
class Camt053ParserTest {

    static final String IBAN = "FR7630006000011234567890189";
    private final Camt053Parser parser = new Camt053Parser();

    static byte[] fixture(String name) {
        try (InputStream in = Camt053ParserTest.class.getResourceAsStream("/billing/statements/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-entry camt.053 of the given version around {@code entry}. */
    static byte[] statement(String version, String entry) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001."
                + version + "\"><BkToCstmrStmt><GrpHdr><MsgId>MSG-1</MsgId></GrpHdr><Stmt><Id>STMT-1</Id><Acct><Id><IBAN>"
                + IBAN + "</IBAN></Id></Acct>" + entry + "</Stmt></BkToCstmrStmt></Document>")
                .getBytes(StandardCharsets.UTF_8);
    }

    static final String ENTRY = "<Ntry><Amt Ccy=\"EUR\">12.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
            + "<ValDt><Dt>2026-03-05</Dt></ValDt><AcctSvcrRef>REF1</AcctSvcrRef>"
            + "<NtryDtls><TxDtls><RmtInf><Ustrd>F2026-000001</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>";

    private static List<FieldProblem> problems(Throwable e) {
        return ((InvalidStatementException) e).problems();
    }

    @Test
    @DisplayName("camt.053.001.02: every entry becomes a line with its amount, direction, status, value date, references, remittance and debtor; the batch gives two")
    void version02() {
        ParsedStatement st = parser.parse(fixture("camt053-001-02-march.xml"));
        assertThat(st.format()).isEqualTo(StatementFormat.CAMT053);
        assertThat(st.messageId()).isEqualTo("EBICS-20260306-053-000417");
        assertThat(st.statementKey()).isEqualTo("EBICS-20260306-053-000417/30006000011234567890189-20260305");
        assertThat(st.account()).isEqualTo(IBAN);
        assertThat(st.from()).isEqualTo(LocalDate.of(2026, 3, 5));
        assertThat(st.to()).isEqualTo(LocalDate.of(2026, 3, 5));
        assertThat(st.lines()).hasSize(7);
        assertThat(st.lines()).extracting(BankLine::lineNo).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(st.lines()).extracting(BankLine::amount).extracting(BigDecimal::toPlainString)
                .containsExactly("120.00", "240.00", "50.00", "120.00", "240.00", "75.00", "19.90");

        BankLine first = st.lines().get(0);
        assertThat(first.direction()).isEqualTo(Direction.CREDIT);
        assertThat(first.booked()).isTrue();
        assertThat(first.status()).isEqualTo("BOOK");
        assertThat(first.currency()).isEqualTo("EUR");
        assertThat(first.valueDate()).isEqualTo(LocalDate.of(2026, 3, 5));
        assertThat(first.entryId()).isEqualTo(IBAN + "/2026030500001842/1");
        assertThat(first.texts()).contains("FACTURE F2026-000101 HEBERGEMENT MARS");
        assertThat(first.debtor()).isEqualTo("BOUTIQUE DUPONT SARL");
        assertThat(first.references()).containsExactly("NtryRef 1", "AcctSvcrRef 2026030500001842");
        assertThat(first.problem()).isNull();

        BankLine structured = st.lines().get(1);
        assertThat(structured.texts()).containsExactly("F2026000102", "MARTIN-2026-03-PAY");
        assertThat(structured.references()).contains("EndToEndId MARTIN-2026-03-PAY");
        assertThat(st.lines().get(2).debtor()).isEqualTo("Atelier Lefèvre");

        BankLine batch1 = st.lines().get(3);
        BankLine batch2 = st.lines().get(4);
        assertThat(batch1.entryId()).isEqualTo(IBAN + "/2026030500002240/1");
        assertThat(batch2.entryId()).isEqualTo(IBAN + "/2026030500002240/2");
        assertThat(batch1.texts()).containsExactly("REGLEMENT F2026-000104", "E2E-GRP-0001");
        assertThat(batch2.texts()).containsExactly("REGLEMENT F2026-000105", "E2E-GRP-0002");
        assertThat(batch2.debtor()).isEqualTo("GROUPE ROUSSEAU - BOUTIQUE NANTES");

        BankLine debit = st.lines().get(6);
        assertThat(debit.direction()).isEqualTo(Direction.DEBIT);
        assertThat(debit.texts()).containsExactly("FRAIS TENUE DE COMPTE FEVRIER");
    }

    @Test
    @DisplayName("camt.053.001.08: Sts/Cd, DtTm dates, Dbtr/Pty/Nm, TxDtls/Amt, every Ustrd kept, RfrdDocInf/Nb, NtryRef-only and reference-less entries")
    void version08() {
        ParsedStatement st = parser.parse(fixture("camt053-001-08-april.xml"));
        assertThat(st.statementKey()).isEqualTo("CAMT053-2026-04-02-0099/STMT-20260402-FR76300060000112");
        assertThat(st.account()).as("spaces of the printed IBAN removed").isEqualTo(IBAN);
        assertThat(st.lines()).hasSize(9);

        BankLine cut = st.lines().get(0);
        assertThat(cut.valueDate()).as("the day of ValDt/DtTm as written").isEqualTo(LocalDate.of(2026, 4, 2));
        assertThat(cut.texts()).containsExactly("VIREMENT FACTURE F2026-0", "00201 MERCI");
        assertThat(cut.debtor()).isEqualTo("Pâtisserie Morel");
        assertThat(cut.references()).as("NOTPROVIDED is no end-to-end id").containsExactly("AcctSvcrRef A1B2C3D4E5");

        BankLine pending = st.lines().get(1);
        assertThat(pending.booked()).isFalse();
        assertThat(pending.status()).isEqualTo("PDNG");

        assertThat(st.lines().get(2).currency()).isEqualTo("USD");

        BankLine ntryRefOnly = st.lines().get(5);
        assertThat(ntryRefOnly.valueDate()).as("no ValDt: the booking date").isEqualTo(LocalDate.of(2026, 4, 2));
        assertThat(ntryRefOnly.texts()).containsExactly("F-2026-000206");
        assertThat(ntryRefOnly.entryId()).as("NtryRef alone also carries the booking date and amount")
                .isEqualTo(IBAN + "/NtryRef:7/2026-04-02/45.00/1");

        BankLine noReference = st.lines().get(6);
        assertThat(noReference.entryId()).isNull();
        assertThat(noReference.problem()).contains("no reference");

        assertThat(st.lines().subList(7, 9)).extracting(BankLine::amount).extracting(BigDecimal::toPlainString)
                .containsExactly("60.00", "40.00");
        assertThat(st.lines().get(8).debtor()).isEqualTo("CAVE DU PORT");
    }

    @Test
    @DisplayName("Namespaces .001.02 up to .001.08 and later versions are read; .001.01, camt.054 and no namespace are refused naming Document")
    void versions() {
        for (String version : List.of("02", "03", "04", "05", "06", "07", "08", "10", "13")) {
            assertThat(parser.parse(statement(version, ENTRY)).lines()).as(version).hasSize(1);
        }
        assertThatThrownBy(() -> parser.parse(statement("01", ENTRY))).satisfies(e -> assertThat(problems(e))
                .containsExactly(new FieldProblem("Document", "namespace 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.01'"
                        + " is not a camt.053 statement (expected urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 or later)")));
        byte[] camt054 = new String(statement("08", ENTRY), StandardCharsets.UTF_8).replace("camt.053", "camt.054")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(camt054)).satisfies(e -> assertThat(problems(e).get(0).message())
                .startsWith("is a camt.054 message, not a camt.053 bank statement"));
        byte[] bare = "<Document><BkToCstmrStmt/></Document>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(bare)).satisfies(e -> assertThat(problems(e).get(0).message())
                .startsWith("has no namespace"));
        byte[] otherRoot = "<Statement xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"/>".getBytes();
        assertThatThrownBy(() -> parser.parse(otherRoot)).satisfies(e -> assertThat(problems(e).get(0).message())
                .contains("<Statement>"));
    }

    @Test
    @DisplayName("Sts as a plain code (.02) or Sts/Cd (.08); a debit keeps its direction; a reversal indicator changes nothing read")
    void statusForms() {
        BankLine plain = parser.parse(statement("02", ENTRY.replace("<Sts>BOOK</Sts>", "<Sts>PDNG</Sts>"))).lines().get(0);
        assertThat(plain.status()).isEqualTo("PDNG");
        assertThat(plain.booked()).isFalse();
        BankLine coded = parser.parse(statement("08", ENTRY.replace("<Sts>BOOK</Sts>", "<Sts><Cd>BOOK</Cd></Sts>")))
                .lines().get(0);
        assertThat(coded.booked()).isTrue();
        BankLine debit = parser.parse(statement("08", ENTRY.replace("CRDT", "DBIT"))).lines().get(0);
        assertThat(debit.direction()).isEqualTo(Direction.DEBIT);
    }

    @Test
    @DisplayName("A batch without per-transaction amounts stays one line, flagged for ops (never dropped, never guessed)")
    void batchWithoutAmounts() {
        String batch = "<Ntry><Amt Ccy=\"EUR\">30.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                + "<BookgDt><Dt>2026-03-05</Dt></BookgDt><AcctSvcrRef>R</AcctSvcrRef><NtryDtls>"
                + "<TxDtls><RmtInf><Ustrd>F2026-000001</Ustrd></RmtInf></TxDtls>"
                + "<TxDtls><RmtInf><Ustrd>F2026-000002</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>";
        List<BankLine> lines = parser.parse(statement("02", batch)).lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).amount()).isEqualByComparingTo("30.00");
        assertThat(lines.get(0).texts()).containsExactly("F2026-000001", "F2026-000002");
        assertThat(lines.get(0).problem()).contains("batch entry of 2 transactions without an amount per transaction");
    }

    @Test
    @DisplayName("Several Stmt in one file: all lines, the key holds every statement id, the accounts are listed")
    void severalStatements() {
        String xml = new String(statement("02", ENTRY), StandardCharsets.UTF_8).replace("</Stmt>",
                "</Stmt><Stmt><Id>STMT-2</Id><Acct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id></Acct>"
                        + ENTRY.replace("REF1", "REF2") + "</Stmt>");
        ParsedStatement st = parser.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(st.statementKey()).isEqualTo("MSG-1/STMT-1+STMT-2");
        assertThat(st.account()).isEqualTo(IBAN + ",FR1420041010050500013M02606");
        assertThat(st.lines()).extracting(BankLine::entryId)
                .containsExactly(IBAN + "/REF1/1", "FR1420041010050500013M02606/REF2/1");
    }

    @Test
    @DisplayName("A missing required element is refused naming it: MsgId, Stmt, Stmt/Id, the IBAN, Amt, Ccy, CdtDbtInd, Sts, the dates")
    void missingElements() {
        assertMissing(new String(statement("02", ENTRY), StandardCharsets.UTF_8).replace("<MsgId>MSG-1</MsgId>", ""),
                "BkToCstmrStmt/GrpHdr/MsgId");
        assertMissing(new String(statement("02", ENTRY), StandardCharsets.UTF_8).replace("<Id>STMT-1</Id>", ""),
                "Stmt[1]/Id");
        assertMissing(new String(statement("02", ENTRY), StandardCharsets.UTF_8).replace("<IBAN>" + IBAN + "</IBAN>", ""),
                "Stmt[1]/Acct/Id/IBAN");
        assertMissing(new String(statement("02", ENTRY.replace("<Amt Ccy=\"EUR\">12.50</Amt>", "")), StandardCharsets.UTF_8),
                "Stmt[1]/Ntry[1]/Amt");
        assertMissing(new String(statement("02", ENTRY.replace(" Ccy=\"EUR\"", "")), StandardCharsets.UTF_8),
                "Stmt[1]/Ntry[1]/Amt/@Ccy");
        assertMissing(new String(statement("02", ENTRY.replace("<CdtDbtInd>CRDT</CdtDbtInd>", "")), StandardCharsets.UTF_8),
                "Stmt[1]/Ntry[1]/CdtDbtInd");
        assertMissing(new String(statement("02", ENTRY.replace("<Sts>BOOK</Sts>", "")), StandardCharsets.UTF_8),
                "Stmt[1]/Ntry[1]/Sts");
        assertMissing(new String(statement("02", ENTRY.replace("<ValDt><Dt>2026-03-05</Dt></ValDt>", "")),
                StandardCharsets.UTF_8), "Stmt[1]/Ntry[1]/ValDt (or BookgDt)");
        String noStmt = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr>"
                + "<MsgId>M</MsgId></GrpHdr></BkToCstmrStmt></Document>";
        assertMissing(noStmt, "BkToCstmrStmt/Stmt");
    }

    private void assertMissing(String xml, String element) {
        assertThatThrownBy(() -> parser.parse(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidStatementException.class)
                .satisfies(e -> assertThat(problems(e)).containsExactly(new FieldProblem(element, "is missing")));
    }

    @Test
    @DisplayName("Bad values are refused naming the element: a negative or comma amount, CdtDbtInd other than CRDT/DBIT, a date that is none")
    void badValues() {
        assertThatThrownBy(() -> parser.parse(statement("02", ENTRY.replace(">12.50<", ">-12.50<"))))
                .satisfies(e -> assertThat(problems(e).get(0).field()).isEqualTo("Stmt[1]/Ntry[1]/Amt"));
        assertThatThrownBy(() -> parser.parse(statement("02", ENTRY.replace(">12.50<", ">12,50<"))))
                .satisfies(e -> assertThat(problems(e).get(0).message()).startsWith("'12,50' is not an amount"));
        assertThatThrownBy(() -> parser.parse(statement("02", ENTRY.replace(">CRDT<", ">CREDIT<"))))
                .satisfies(e -> assertThat(problems(e)).containsExactly(new FieldProblem("Stmt[1]/Ntry[1]/CdtDbtInd",
                        "'CREDIT' is neither CRDT nor DBIT")));
        assertThatThrownBy(() -> parser.parse(statement("02", ENTRY.replace("2026-03-05", "2026-02-30"))))
                .satisfies(e -> assertThat(problems(e).get(0).field()).isEqualTo("Stmt[1]/Ntry[1]/ValDt/Dt"));
    }

    @Test
    @DisplayName("Malformed XML is refused with its line and column; an empty body is refused")
    void malformed() {
        byte[] broken = "<?xml version=\"1.0\"?>\n<Document>\n  <BkToCstmrStmt>\n</Document>".getBytes();
        assertThatThrownBy(() -> parser.parse(broken)).isInstanceOf(InvalidStatementException.class)
                .satisfies(e -> assertThat(problems(e).get(0)).satisfies(p -> {
                    assertThat(p.field()).isEqualTo("body");
                    assertThat(p.message()).startsWith("malformed XML at line 4, column");
                }));
        assertThatThrownBy(() -> parser.parse(new byte[0])).satisfies(e -> assertThat(problems(e).get(0).message())
                .startsWith("is empty"));
        assertThatThrownBy(() -> parser.parse("not xml".getBytes())).satisfies(e -> assertThat(problems(e).get(0).message())
                .startsWith("malformed XML at line 1"));
    }

    @Test
    @DisplayName("XXE: an external entity, an external DTD, a billion laughs and an XInclude are refused or inert, and nothing is read or fetched")
    void xxe(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] body = "<!ENTITY x 'FETCHED'>".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil";
            String ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";
            List<String> attacks = List.of(
                    "<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                            + new String(statement("02", ENTRY.replace("F2026-000001", "&xxe;")), StandardCharsets.UTF_8)
                            .replaceFirst("<\\?xml[^>]*>", ""),
                    "<?xml version=\"1.0\"?><!DOCTYPE Document SYSTEM \"" + url + "\"><Document xmlns=\"" + ns + "\"/>",
                    "<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><Document xmlns=\""
                            + ns + "\"/>",
                    "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
                            + "<Document xmlns=\"" + ns + "\">&lol2;</Document>");
            for (String attack : attacks) {
                assertThatThrownBy(() -> parser.parse(attack.getBytes(StandardCharsets.UTF_8)))
                        .isInstanceOf(InvalidStatementException.class)
                        .satisfies(e -> {
                            assertThat(problems(e).get(0).message()).contains("<!DOCTYPE>").contains("refused")
                                    .doesNotContain("TOP-SECRET");
                            assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
                        });
            }
            // XInclude is off: the include element is an unknown element, never followed.
            String xinclude = new String(statement("02", ENTRY), StandardCharsets.UTF_8).replace("<Ustrd>F2026-000001</Ustrd>",
                    "<Ustrd><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + url
                            + "\" parse=\"text\"/></Ustrd>");
            ParsedStatement parsed = parser.parse(xinclude.getBytes(StandardCharsets.UTF_8));
            assertThat(parsed.lines().get(0).texts()).noneMatch(t -> t.contains("FETCHED"));
            assertThat(fetched).as("requests that reached the attacker's server").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    @DisplayName("Remittance text is kept as one clean line: control characters and line breaks become spaces")
    void cleanText() {
        BankLine line = parser.parse(statement("02", ENTRY.replace("<Ustrd>F2026-000001</Ustrd>",
                "<Ustrd>F2026-000001\n  PAIEMENT&#x9;MARS&#x202E;</Ustrd>"))).lines().get(0);
        assertThat(line.texts()).containsExactly("F2026-000001 PAIEMENT MARS");
    }
}
