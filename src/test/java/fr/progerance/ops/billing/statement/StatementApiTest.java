package fr.progerance.ops.billing.statement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.backup.BackupFixture;
import fr.progerance.ops.billing.InvoiceIssuer;
import fr.progerance.ops.billing.ledger.PaymentRepository;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.security.OpsGroups;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bank statements through real HTTP against the real payment recorder and ledger: imports are
 * idempotent, overlapping statements pay nothing twice, unmatched lines wait for ops, bad files are
 * refused whole.
 */
@OpsSpringBootTest
@DisplayName("Issue 9: importing bank statements (camt.053, CSV), unmatched lines assigned by ops")
class StatementApiTest {

    /** 6 March 2026, 11:00 in Paris: the March invoices (issued 1 March) are open, not late. */
    private static final Instant NOW = Instant.parse("2026-03-06T10:00:00Z");
    private static final String IBAN = "FR7630006000011234567890189";
    private static final String PASSWORD = BackupFixture.PASSWORD;

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    MovableClock clock;
    @Autowired
    InvoiceIssuer issuer;
    @Autowired
    PaymentRepository payments;
    @Autowired
    BankStatementRepository statements;

    private TestApi ops;
    private TestApi manager;
    /** Three invoices of 348.00 (290.00 + 20 % VAT), each of its own client. */
    private final List<String> invoices = new ArrayList<>();
    /** Makes this test's bank references unique in the shared database. */
    private String run;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        ops = TestApi.as(port, BackupFixture.user(identity, "statementops", OpsGroups.OPS), PASSWORD);
        manager = TestApi.as(port, BackupFixture.user(identity, "statementmanager", OpsGroups.MANAGERS), PASSWORD);
        RegisterApi register = new RegisterApi(port);
        for (int i = 0; i < 3; i++) {
            long contractId = BackupFixture.create(register, 1, true).contractId();
            InvoiceIssuer.Outcome outcome = issuer.issue(contractId, LocalDate.of(2026, 3, 1));
            assertThat(outcome.result()).as(outcome.toString()).isEqualTo(InvoiceIssuer.Result.ISSUED);
            invoices.add(outcome.invoiceNumber());
        }
        run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    // --- building statements -------------------------------------------------------------------------

    /** A camt.053.001.02 statement of {@code entries}. */
    private String camt(String messageId, String... entries) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>%s</MsgId><CreDtTm>2026-03-06T05:00:00</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>%s-STMT</Id>
                      <Acct><Id><IBAN>%s</IBAN></Id><Ccy>EUR</Ccy></Acct>
                      %s
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """.formatted(messageId, messageId, IBAN, String.join("\n", entries));
    }

    /** One entry with its bank reference (made unique per test), amount, CRDT/DBIT, value date and remittance. */
    private String entry(String reference, String amount, String indicator, String day, String remittance) {
        return """
                <Ntry>
                  <Amt Ccy="EUR">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Sts>BOOK</Sts>
                  <BookgDt><Dt>%s</Dt></BookgDt><ValDt><Dt>%s</Dt></ValDt>
                  <AcctSvcrRef>%s-%s</AcctSvcrRef>
                  <NtryDtls><TxDtls>
                    <RltdPties><Dbtr><Nm>CLIENT TEST</Nm></Dbtr></RltdPties>
                    <RmtInf>%s</RmtInf>
                  </TxDtls></NtryDtls>
                </Ntry>
                """.formatted(amount, indicator, day, day, run, reference, remittance);
    }

    private static String ustrd(String text) {
        return "<Ustrd>" + text + "</Ustrd>";
    }

    private TestApi.Answer post(TestApi as, String contentType, String body) {
        return as.send(as.request("/api/payments/statements").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private JsonNode invoice(String number) {
        TestApi.Answer answer = ops.get("/api/invoices/" + number);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> fields(TestApi.Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().path("problems").forEach(p -> fields.add(p.path("field").asText()));
        return fields;
    }

    private List<JsonNode> unmatched() {
        List<JsonNode> lines = new ArrayList<>();
        ops.get("/api/payments/unmatched").json().forEach(lines::add);
        return lines;
    }

    // --- tests ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("camt.053: 201 with the summary, payments recorded (full and partial); the same file again answers 200 with the first summary and changes nothing")
    void importTwice() {
        String a = invoices.get(0);
        String b = invoices.get(1);
        String xml = camt("MSG-" + run,
                entry("1", "348.00", "CRDT", "2026-03-05", ustrd("FACTURE " + a + " MARS")),
                entry("2", "100.00", "CRDT", "2026-03-05", "<Strd><CdtrRefInf><Ref>" + b.replace("-", "")
                        + "</Ref></CdtrRefInf></Strd>"),
                entry("3", "75.00", "CRDT", "2026-03-05", ustrd("REGULARISATION")),
                entry("4", "19.90", "DBIT", "2026-03-05", ustrd("FRAIS BANCAIRES")));
        long paymentsBefore = payments.count();

        TestApi.Answer first = post(ops, "application/xml", xml);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode summary = first.json();
        assertThat(first.response().headers().firstValue("Location")).contains("/api/payments/statements/"
                + summary.get("statementId").asLong() + "/lines");
        assertThat(summary.get("format").asText()).isEqualTo("CAMT053");
        assertThat(summary.get("alreadyImported").asBoolean()).isFalse();
        assertThat(summary.get("importedBy").asText()).isEqualTo("statementops");
        assertThat(summary.get("lines").asInt()).isEqualTo(4);
        assertThat(summary.get("matched").asInt()).isEqualTo(2);
        assertThat(summary.get("unmatched").asInt()).isEqualTo(1);
        assertThat(summary.get("ignored").asInt()).isEqualTo(1);
        assertThat(summary.get("duplicates").asInt()).isZero();
        assertThat(summary.get("amountMatched").asText()).isEqualTo("448.00");
        assertThat(summary.get("attention")).hasSize(1);
        assertThat(summary.get("attention").get(0).get("reason").asText()).startsWith("no invoice number");
        assertThat(payments.count()).isEqualTo(paymentsBefore + 2);

        JsonNode paid = invoice(a);
        assertThat(paid.get("status").asText()).isEqualTo("PAID");
        assertThat(paid.get("payments")).hasSize(1);
        assertThat(paid.get("payments").get(0).get("source").asText()).isEqualTo("CAMT053");
        assertThat(paid.get("payments").get(0).get("recordedBy").asText()).isEqualTo("statementops");
        assertThat(paid.get("payments").get(0).get("paidOn").asText()).isEqualTo("2026-03-05");
        JsonNode partial = invoice(b);
        assertThat(partial.get("status").asText()).as("a partial payment is kept, the rest stays due").isEqualTo("OPEN");
        assertThat(partial.get("standing").get("totalDue").asText()).isEqualTo("248.00");

        TestApi.Answer again = post(ops, "application/xml", xml);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("alreadyImported").asBoolean()).isTrue();
        assertThat(again.json().get("statementId").asLong()).isEqualTo(summary.get("statementId").asLong());
        assertThat(again.json().get("matched").asInt()).isEqualTo(2);
        assertThat(again.json().get("amountMatched").asText()).isEqualTo("448.00");
        assertThat(payments.count()).as("importing the same statement twice changes nothing").isEqualTo(paymentsBefore + 2);
        assertThat(invoice(b).get("payments")).hasSize(1);

        // The same ids with other entries is not the same statement: 409, nothing imported.
        TestApi.Answer altered = post(ops, "application/xml", xml.replace(">100.00<", ">101.00<"));
        assertThat(altered.status()).as(altered.toString()).isEqualTo(409);
        assertThat(altered.json().get("message").asText()).contains("was already imported").contains("other lines");
        assertThat(payments.count()).isEqualTo(paymentsBefore + 2);

        TestApi.Answer lines = ops.get("/api/payments/statements/" + summary.get("statementId").asLong() + "/lines");
        assertThat(lines.json()).extracting(l -> l.get("status").asText())
                .containsExactly("MATCHED", "MATCHED", "UNMATCHED", "IGNORED");
        assertThat(lines.json().get(1).get("reason").asText())
                .isEqualTo("partial payment: 100.00 of 348.00; 248.00 still due on invoice " + b);
        assertThat(lines.json().get(0).get("externalId").asText()).isEqualTo(IBAN + "/" + run + "-1/1");
        assertThat(lines.json().get(0).get("debtor").asText()).isEqualTo("CLIENT TEST");
    }

    @Test
    @DisplayName("An overlapping later statement (a manager imports it): the entry already imported is a duplicate, paid once; the one pending before is recorded once booked")
    void overlappingStatement() {
        String a = invoices.get(0);
        String shared = entry("1", "348.00", "CRDT", "2026-03-05", ustrd(a));
        String booked = entry("2", "348.00", "CRDT", "2026-03-06", ustrd(invoices.get(1)));
        TestApi.Answer earlier = post(ops, "application/xml", camt("MSG-" + run + "-1", shared,
                booked.replace("<Sts>BOOK</Sts>", "<Sts>PDNG</Sts>")));
        assertThat(earlier.status()).as(earlier.toString()).isEqualTo(201);
        assertThat(earlier.json().get("ignored").asInt()).as("pending").isEqualTo(1);
        long paymentsBefore = payments.count();

        TestApi.Answer later = post(manager, "text/xml", camt("MSG-" + run + "-2", shared, booked));
        assertThat(later.status()).as(later.toString()).isEqualTo(201);
        assertThat(later.json().get("importedBy").asText()).isEqualTo("statementmanager");
        assertThat(later.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(later.json().get("matched").asInt()).isEqualTo(1);
        assertThat(later.json().get("amountMatched").asText()).isEqualTo("348.00");
        assertThat(payments.count()).isEqualTo(paymentsBefore + 1);
        assertThat(invoice(invoices.get(1)).get("status").asText()).isEqualTo("PAID");
        assertThat(invoice(a).get("payments")).as("paid once").hasSize(1);
        JsonNode lines = ops.get("/api/payments/statements/" + later.json().get("statementId").asLong() + "/lines").json();
        assertThat(lines.get(0).get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(lines.get(0).get("reason").asText()).contains("the same bank entry was imported with statement");
        assertThat(lines.get(0).get("paymentId").asLong()).isEqualTo(invoice(a).get("payments").get(0).get("paymentId").asLong());
    }

    @Test
    @DisplayName("CSV: payments recorded with source CSV; a payment above the invoice's need is recorded and flagged; the same content with CRLF is already imported")
    void csv() {
        String c = invoices.get(2);
        String a = invoices.get(0);
        String csv = "date;amount;reference;label;entry_id\n"
                + "05/03/2026;400,00;" + c.toLowerCase() + ";VIR CLIENT TEST;" + run + "-C1\n"
                + "2026-03-05;348.00;;\"VIR \"\"PAIEMENT " + a + "\"\"\";" + run + "-C2\n"
                + "2026-03-06;-12,50;;FRAIS;" + run + "-C3\n";
        TestApi.Answer first = post(ops, "text/csv; charset=UTF-8", csv);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode summary = first.json();
        assertThat(summary.get("format").asText()).isEqualTo("CSV");
        assertThat(summary.get("matched").asInt()).isEqualTo(2);
        assertThat(summary.get("ignored").asInt()).isEqualTo(1);
        assertThat(summary.get("overpaid").asInt()).isEqualTo(1);
        assertThat(summary.get("amountMatched").asText()).isEqualTo("748.00");
        JsonNode flagged = summary.get("attention").get(0);
        assertThat(flagged.get("overpaid").asBoolean()).isTrue();
        assertThat(flagged.get("reason").asText()).isEqualTo("overpaid: 400.00 where invoice " + c + " needed 348.00"
                + " (52.00 more): recorded all the same, see the client's account");
        JsonNode overpaid = invoice(c);
        assertThat(overpaid.get("status").asText()).isEqualTo("PAID");
        assertThat(overpaid.get("payments").get(0).get("amount").asText()).as("never lose money").isEqualTo("400.00");
        assertThat(overpaid.get("payments").get(0).get("source").asText()).isEqualTo("CSV");
        assertThat(invoice(a).get("status").asText()).isEqualTo("PAID");

        // The same export saved again: a BOM, CRLF, a blank line in the middle.
        String resaved = "\uFEFF" + csv.replace("\n", "\r\n").replaceFirst("\r\n", "\r\n\r\n");
        TestApi.Answer again = post(ops, "text/csv", resaved);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("statementId").asLong()).isEqualTo(summary.get("statementId").asLong());
        assertThat(invoice(c).get("payments")).hasSize(1);
    }

    @Test
    @DisplayName("An unmatched line is listed for ops with its reason, oldest first; ops assign it (MATCHED_BY_OPS, who and when); twice is 409; bad input 400/404")
    void unmatchedThenAssign() {
        String c = invoices.get(2);
        TestApi.Answer imported = post(ops, "application/xml", camt("MSG-" + run,
                entry("1", "348.00", "CRDT", "2026-03-06", ustrd("VIREMENT CLIENT TEST")),
                entry("2", "348.00", "CRDT", "2026-03-02", ustrd("ACOMPTE")),
                entry("3", "348.00", "CRDT", "2026-03-05", ustrd(invoices.get(0)))));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        long statementId = imported.json().get("statementId").asLong();

        List<JsonNode> mine = unmatched().stream().filter(l -> l.get("statementId").asLong() == statementId).toList();
        assertThat(mine).extracting(l -> l.get("valueDate").asText()).as("oldest first")
                .containsExactly("2026-03-02", "2026-03-06");
        assertThat(mine).allSatisfy(l -> assertThat(l.get("reason").asText()).startsWith("no invoice number"));
        List<String> everyDate = unmatched().stream().map(l -> l.get("valueDate").asText()).toList();
        assertThat(everyDate).isSorted();
        long lineId = mine.get(1).get("id").asLong();
        String path = "/api/payments/unmatched/" + lineId + "/assign";

        TestApi.Answer badNumber = ops.post(path, RegisterApi.body("invoiceNumber", "not an invoice"));
        assertThat(badNumber.status()).as(badNumber.toString()).isEqualTo(400);
        assertThat(fields(badNumber)).containsExactly("invoiceNumber");
        TestApi.Answer unknownInvoice = ops.post(path, RegisterApi.body("invoiceNumber", "F2026-999999"));
        assertThat(unknownInvoice.status()).as(unknownInvoice.toString()).isEqualTo(400);
        assertThat(unknownInvoice.json().get("problems").get(0).get("message").asText())
                .isEqualTo("invoice F2026-999999 does not exist");
        TestApi.Answer missing = ops.post(path, RegisterApi.body());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing)).containsExactly("invoiceNumber");
        assertThat(ops.post("/api/payments/unmatched/99999999/assign", RegisterApi.body("invoiceNumber", c)).status())
                .isEqualTo(404);

        long paymentsBefore = payments.count();
        // Typed as ops type it: lower case, a space instead of the dash.
        TestApi.Answer assigned = ops.post(path, RegisterApi.body("invoiceNumber", c.toLowerCase().replace("-", " ")));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json().get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(assigned.json().get("invoiceNumber").asText()).isEqualTo(c);
        assertThat(assigned.json().get("assignedBy").asText()).isEqualTo("statementops");
        assertThat(assigned.json().get("assignedAt").asText()).startsWith("2026-03-06T11:00");
        assertThat(payments.count()).isEqualTo(paymentsBefore + 1);
        JsonNode paid = invoice(c);
        assertThat(paid.get("status").asText()).isEqualTo("PAID");
        assertThat(paid.get("payments").get(0).get("source").asText()).isEqualTo("MATCHED_BY_OPS");
        assertThat(paid.get("payments").get(0).get("paidOn").asText()).as("the bank's value date").isEqualTo("2026-03-06");
        assertThat(unmatched()).noneMatch(l -> l.get("id").asLong() == lineId);

        TestApi.Answer twice = ops.post(path, RegisterApi.body("invoiceNumber", c));
        assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
        assertThat(twice.json().get("message").asText()).contains("already assigned to invoice " + c + " by statementops");
        assertThat(payments.count()).isEqualTo(paymentsBefore + 1);

        long matchedLine = ops.get("/api/payments/statements/" + statementId + "/lines").json().get(2).get("id").asLong();
        TestApi.Answer matched = ops.post("/api/payments/unmatched/" + matchedLine + "/assign",
                RegisterApi.body("invoiceNumber", c));
        assertThat(matched.status()).isEqualTo(409);
        assertThat(matched.json().get("message").asText()).contains("is MATCHED: only UNMATCHED lines are assigned");

        JsonNode listed = null;
        for (JsonNode s : ops.get("/api/payments/statements").json()) {
            if (s.get("id").asLong() == statementId) {
                listed = s;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("unmatched").asInt()).as("at the import").isEqualTo(2);
        assertThat(listed.get("unmatchedNow").asLong()).isEqualTo(1);
    }

    @Test
    @DisplayName("Refused whole: wrong or missing content type 415, empty 400, malformed XML and XXE 400 naming where, a bad CSV line 400 naming line and column; nothing imported")
    void refusals() {
        long statementsBefore = statements.count();
        long paymentsBefore = payments.count();
        String good = camt("MSG-" + run, entry("1", "348.00", "CRDT", "2026-03-05", ustrd(invoices.get(0))));

        TestApi.Answer json = post(ops, "application/json", good);
        assertThat(json.status()).as(json.toString()).isEqualTo(415);
        assertThat(json.json().get("message").asText()).isEqualTo("Content-Type application/json is not a statement:"
                + " send a camt.053 statement as application/xml or a CSV statement as text/csv (UTF-8), the file as the raw body");
        assertThat(ops.send(ops.request("/api/payments/statements").POST(HttpRequest.BodyPublishers.ofString(good)))
                .status()).isEqualTo(415);
        TestApi.Answer latin1 = post(ops, "text/csv; charset=ISO-8859-1", "date;amount;reference;label\n");
        assertThat(latin1.status()).isEqualTo(415);

        TestApi.Answer empty = post(ops, "application/xml", "");
        assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
        assertThat(fields(empty)).containsExactly("body");

        TestApi.Answer malformed = post(ops, "application/xml", good.replace("</Stmt>", ""));
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.json().get("problems").get(0).get("message").asText()).startsWith("malformed XML at line");

        TestApi.Answer missing = post(ops, "application/xml", good.replace("<CdtDbtInd>CRDT</CdtDbtInd>", ""));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing)).containsExactly("Stmt[1]/Ntry[1]/CdtDbtInd");

        TestApi.Answer xxe = post(ops, "application/xml", good.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")
                .replace("FACTURE", "&x;"));
        assertThat(xxe.status()).as(xxe.toString()).isEqualTo(400);
        assertThat(xxe.body()).contains("<!DOCTYPE>").doesNotContain("root:");

        TestApi.Answer badCsv = post(ops, "text/csv", "date;amount;reference;label\n2026-03-05;348,00;"
                + invoices.get(0) + ";OK\n2026-03-05;12.345;;BAD\n");
        assertThat(badCsv.status()).as(badCsv.toString()).isEqualTo(400);
        assertThat(badCsv.json().get("problems").get(0).get("field").asText()).isEqualTo("line 3, column 2 (amount)");

        TestApi.Answer tooLarge = post(ops, "text/csv", "date;amount;reference;label\n"
                + "2026-03-05;1;;X\n".repeat(StatementService.MAX_BYTES / 16 + 1));
        assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);

        assertThat(statements.count()).as("nothing imported").isEqualTo(statementsBefore);
        assertThat(payments.count()).isEqualTo(paymentsBefore);
        assertThat(invoice(invoices.get(0)).get("payments")).isEmpty();
    }

    @Test
    @DisplayName("Authenticated API groups only; a cross-site write is refused like every /api call")
    void access() {
        String good = camt("MSG-" + run, entry("1", "348.00", "CRDT", "2026-03-05", ustrd(invoices.get(0))));
        TestApi anonymous = TestApi.anonymous(port);
        assertThat(post(anonymous, "application/xml", good).status()).isEqualTo(401);
        assertThat(anonymous.get("/api/payments/unmatched").status()).isEqualTo(401);
        TestApi monitoring = TestApi.as(port, BackupFixture.user(identity, "statementmonitor", OpsGroups.MONITORING),
                PASSWORD);
        assertThat(post(monitoring, "application/xml", good).status()).isEqualTo(403);
        assertThat(monitoring.get("/api/payments/statements").status()).isEqualTo(403);

        TestApi.Answer crossSite = ops.send(ops.request("/api/payments/statements").header("Content-Type", "application/xml")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString(good)));
        assertThat(crossSite.status()).as(crossSite.toString()).isEqualTo(403);
        assertThat(invoice(invoices.get(0)).get("payments")).isEmpty();
        assertThat(ops.get("/api/payments/statements/99999999/lines").status()).isEqualTo(404);
    }
}
