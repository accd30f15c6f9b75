package fr.progerance.ops.billing;

import static fr.progerance.ops.contract.RegisterApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.TestApi;
import fr.progerance.ops.billing.ledger.PaymentRepository;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.security.OpsGroups;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

/**
 * The billing API through real HTTP as ops, managers and others: payments (R7.3, DESIGN rule 11),
 * credit notes (R4.4-c), the invoice list, view and French document (R7.1, R7.5).
 */
@OpsSpringBootTest
@DisplayName("Billing API: payments, credit notes, invoices")
class BillingApiTest {

    /** 1 April 2026, 00:05 in Paris. */
    private static final Instant ISSUE = Instant.parse("2026-03-31T22:05:00Z");
    /** 10 April 2026, 10:00 in Paris: the April invoices are issued, not yet due. */
    private static final Instant APRIL_10 = Instant.parse("2026-04-10T08:00:00Z");
    private static final LocalDate APRIL_1 = LocalDate.of(2026, 4, 1);

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    InvoiceIssuer issuer;
    @Autowired
    PaymentRepository payments;
    @Autowired
    IdentityService identity;
    @Autowired
    InvoiceDocuments documents;

    private RegisterApi register;
    private TestApi ops;
    private TestApi manager;

    @BeforeEach
    void setUp() {
        register = new RegisterApi(port);
        ops = TestApi.as(port, BillingFixture.user(identity, "billingops", OpsGroups.OPS), BillingFixture.PASSWORD);
        manager = TestApi.as(port, BillingFixture.user(identity, "billingmanager", OpsGroups.MANAGERS),
                BillingFixture.PASSWORD);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    /** A contract invoiced for April 2026 (348.00 TTC, due 16 April); the clock then stands at {@code now}. */
    private Invoiced invoiced(Instant now) {
        BillingFixture f = BillingFixture.create(register, true);
        clock.set(ISSUE);
        String number = issuer.issue(f.contractId(), APRIL_1).invoiceNumber();
        clock.set(now);
        return new Invoiced(f, number);
    }

    private record Invoiced(BillingFixture fixture, String number) {
    }

    private static Map<String, Object> payment(String number, Object amount, String date, String reference) {
        return body("invoiceNumber", number, "amount", amount, "date", date, "reference", reference);
    }

    private static List<String> fields(TestApi.Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().path("problems").forEach(p -> fields.add(p.get("field").asText()));
        return fields;
    }

    // --- payments ------------------------------------------------------------------------------

    @Test
    @DisplayName("R7.3: ops record a payment (201, amounts as strings); the same reference again is the same payment (200, nothing changes)")
    void recordAPayment() {
        Invoiced i = invoiced(APRIL_10);
        TestApi.Answer first = ops.post("/api/payments", payment(i.number(), 100, "2026-04-09", "VIR SEPA 0001"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode p = first.json();
        assertThat(p.get("invoiceNumber").asText()).isEqualTo(i.number());
        assertThat(p.get("amount").asText()).isEqualTo("100.00");
        assertThat(p.get("paidOn").asText()).isEqualTo("2026-04-09");
        assertThat(p.get("duplicate").asBoolean()).isFalse();
        assertThat(p.get("invoiceDue").asText()).isEqualTo("248.00");
        assertThat(p.get("clientDue").asText()).isEqualTo("248.00");
        assertThat(first.response().headers().firstValue("Location")).hasValue("/api/invoices/" + i.number());

        TestApi.Answer again = ops.post("/api/payments", payment(i.number(), "100.00", "2026-04-09", "VIR SEPA 0001"));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("paymentId").asLong()).isEqualTo(p.get("paymentId").asLong());
        assertThat(again.json().get("invoiceDue").asText()).isEqualTo("248.00");

        var recorded = payments.findById(p.get("paymentId").asLong()).orElseThrow();
        assertThat(recorded.getRecordedBy()).as("DESIGN rule 11: who recorded it").isEqualTo("billingops");
        assertThat(recorded.getExternalId()).isEqualTo(i.number() + ":VIR SEPA 0001");
        assertThat(payments.findByInvoiceIdOrderByPaidOnAscIdAsc(recorded.getInvoiceId())).hasSize(1);
    }

    @Test
    @DisplayName("R7.3: a manager records the rest as a JSON string; the invoice is paid, then listed as paid, no longer open")
    void paidInFull() {
        Invoiced i = invoiced(APRIL_10);
        assertThat(ops.post("/api/payments", payment(i.number(), 100.5, "2026-04-02", "Chèque 1")).status())
                .isEqualTo(201);
        TestApi.Answer rest = manager.post("/api/payments", payment(i.number(), "247.5", "2026-04-10", "Chèque 2"));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
        assertThat(rest.json().get("amount").asText()).isEqualTo("247.50");
        assertThat(rest.json().get("invoiceDue").asText()).isEqualTo("0.00");

        String client = "?clientId=" + i.fixture().clientId();
        JsonNode paid = ops.get("/api/invoices" + client + "&status=paid").json();
        assertThat(paid).extracting(n -> n.get("number").asText()).containsExactly(i.number());
        assertThat(paid.get(0).get("paid").asText()).isEqualTo("348.00");
        assertThat(paid.get(0).get("principalDue").asText()).isEqualTo("0.00");
        assertThat(ops.get("/api/invoices" + client + "&status=open").json()).isEmpty();
        assertThat(ops.get("/api/invoices" + client + "&status=OVERDUE").json()).isEmpty();
    }

    @Test
    @DisplayName("Bad payments answer 400 naming the field and record nothing")
    void badPayments() {
        Invoiced i = invoiced(APRIL_10);
        String n = i.number();
        Map<Map<String, Object>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(payment(n, "12.345", "2026-04-09", "ref"), "amount");
        cases.put(payment(n, 12.345, "2026-04-09", "ref"), "amount");
        cases.put(payment(n, -5, "2026-04-09", "ref"), "amount");
        cases.put(payment(n, 0, "2026-04-09", "ref"), "amount");
        cases.put(payment(n, "douze", "2026-04-09", "ref"), "amount");
        cases.put(payment(n, true, "2026-04-09", "ref"), "amount");
        cases.put(payment(n, "1000000.01", "2026-04-09", "ref"), "amount");
        cases.put(payment(n, 10, "2026-04-11", "ref"), "date");
        cases.put(payment(n, 10, "2026-03-31", "ref"), "date");
        cases.put(payment(n, 10, "10/04/2026", "ref"), "date");
        cases.put(payment(n, 10, "2026-04-09", ""), "reference");
        cases.put(payment(n, 10, "2026-04-09", "x".repeat(141)), "reference");
        cases.put(payment(n, 10, "2026-04-09", "VIR\tSEPA"), "reference");
        cases.put(payment("F 2026", 10, "2026-04-09", "ref"), "invoiceNumber");
        cases.put(body("invoiceNumber", n, "date", "2026-04-09", "reference", "ref"), "amount");
        cases.forEach((request, field) -> {
            TestApi.Answer answer = ops.post("/api/payments", request);
            assertThat(answer.status()).as("%s -> %s", request, answer).isEqualTo(400);
            assertThat(fields(answer)).as("%s -> %s", request, answer).contains(field);
        });
        TestApi.Answer unknown = ops.post("/api/payments", payment("F1999-000001", 10, "2026-04-09", "ref"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(ops.get("/api/invoices/" + n).json().get("payments")).as("nothing recorded").isEmpty();
    }

    @Test
    @DisplayName("A reference already used on the invoice for another amount is a conflict (409), not a silent duplicate")
    void referenceReusedForAnotherAmount() {
        Invoiced i = invoiced(APRIL_10);
        assertThat(ops.post("/api/payments", payment(i.number(), 50, "2026-04-09", "REF-1")).status()).isEqualTo(201);
        TestApi.Answer other = ops.post("/api/payments", payment(i.number(), 60, "2026-04-09", "REF-1"));
        assertThat(other.status()).as(other.toString()).isEqualTo(409);
        assertThat(fields(other)).contains("reference");
    }

    @Test
    @DisplayName("Payments need a login (401) and the ops or managers group (403 for the monitoring account)")
    void paymentAccess() {
        Invoiced i = invoiced(APRIL_10);
        Map<String, Object> request = payment(i.number(), 10, "2026-04-09", "ref");
        assertThat(TestApi.anonymous(port).post("/api/payments", request).status()).isEqualTo(401);
        assertThat(TestApi.as(port, "prometheus", "test-monitoring-secret").post("/api/payments", request).status())
                .isEqualTo(403);
        assertThat(TestApi.anonymous(port).get("/api/invoices").status()).isEqualTo(401);
        assertThat(TestApi.anonymous(port).get("/api/invoices/" + i.number() + "/document").status()).isEqualTo(401);
        assertThat(TestApi.as(port, "prometheus", "test-monitoring-secret").get("/api/invoices/" + i.number())
                .status()).isEqualTo(403);
    }

    // --- credit notes ----------------------------------------------------------------------------

    @Test
    @DisplayName("R4.4-c: managers grant credit notes (201); ops may not (403); 401 without login")
    void creditNoteAccess() {
        BillingFixture f = BillingFixture.create(register, true);
        Map<String, Object> request = body("contractId", f.contractId(), "amountExclTax", "29.00",
                "reason", "Pénalité de disponibilité de mars (99,4 %)", "rule", "R4.4-c");
        assertThat(TestApi.anonymous(port).post("/api/credit-notes", request).status()).isEqualTo(401);
        TestApi.Answer refused = ops.post("/api/credit-notes", request);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        TestApi.Answer granted = manager.post("/api/credit-notes", request);
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        JsonNode note = granted.json();
        assertThat(note.get("amountExclTax").asText()).isEqualTo("29.00");
        assertThat(note.get("remainingExclTax").asText()).isEqualTo("29.00");
        assertThat(note.get("clientId").asLong()).isEqualTo(f.clientId());
        assertThat(note.get("createdBy").asText()).isEqualTo("billingmanager");
        assertThat(ops.get("/api/credit-notes?contractId=" + f.contractId()).json()).hasSize(1);
        assertThat(ops.get(granted.response().headers().firstValue("Location").orElseThrow()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("R4.4-c: a bad credit note answers 400 naming each field (an unknown contract too)")
    void badCreditNotes() {
        BillingFixture f = BillingFixture.create(register, true);
        TestApi.Answer bad = manager.post("/api/credit-notes", body("contractId", f.contractId(),
                "amountExclTax", "-1", "reason", "", "rule", "R99 x"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(fields(bad)).contains("amountExclTax", "reason", "rule");
        TestApi.Answer decimals = manager.post("/api/credit-notes", body("contractId", f.contractId(),
                "amountExclTax", 1.005, "reason", "Avoir", "rule", "R7.6"));
        assertThat(fields(decimals)).containsExactly("amountExclTax");
        TestApi.Answer unknown = manager.post("/api/credit-notes", body("contractId", 999_999_999,
                "amountExclTax", 10, "reason", "Avoir", "rule", "R7.6"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("contractId");
        assertThat(ops.get("/api/credit-notes?contractId=" + f.contractId()).json()).isEmpty();
    }

    // --- invoices --------------------------------------------------------------------------------

    @Test
    @DisplayName("R7.1, R4.4-c, R7.5: the invoice view: lines, credit applied, VAT, total, due date, legal mentions, L441-10 warning")
    void invoiceView() {
        BillingFixture f = BillingFixture.create(register, true);
        assertThat(manager.post("/api/credit-notes", body("contractId", f.contractId(), "amountExclTax", 40,
                "reason", "Pénalité de disponibilité", "rule", "R4.4-c")).status()).isEqualTo(201);
        clock.set(ISSUE);
        String number = issuer.issue(f.contractId(), APRIL_1).invoiceNumber();
        clock.set(APRIL_10);

        TestApi.Answer answer = ops.get("/api/invoices/" + number);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode v = answer.json();
        assertThat(v.get("issuedAt").asText()).isEqualTo("2026-04-01T00:00:00+02:00");
        assertThat(v.get("dueOn").asText()).isEqualTo("2026-04-16");
        assertThat(v.get("lines")).hasSize(2);
        assertThat(v.get("lines").get(0).get("amountExclTax").asText()).isEqualTo("290.00");
        assertThat(v.get("lines").get(1).get("amountExclTax").asText()).isEqualTo("-40.00");
        assertThat(v.get("lines").get(1).get("description").asText()).contains("Pénalité de disponibilité");
        assertThat(v.get("feeExclTax").asText()).isEqualTo("290.00");
        assertThat(v.get("creditAppliedExclTax").asText()).isEqualTo("40.00");
        assertThat(v.get("netExclTax").asText()).isEqualTo("250.00");
        assertThat(v.get("vatAmount").asText()).isEqualTo("50.00");
        assertThat(v.get("totalInclTax").asText()).isEqualTo("300.00");
        assertThat(v.get("status").asText()).isEqualTo("OPEN");
        assertThat(v.get("overdue").asBoolean()).isFalse();
        assertThat(v.get("standing").get("totalDue").asText()).isEqualTo("300.00");
        assertThat(v.get("standing").get("charges").get("total").asText()).isEqualTo("0.00");
        assertThat(v.get("legalMentions").get("recoveryFee").asText()).isEqualTo("40.00");
        assertThat(v.get("legalMentions").get("text").toString())
                .contains("Pénalités de retard : 1,5 fois le taux d'intérêt légal")
                .contains("Indemnité forfaitaire pour frais de recouvrement : 40\u00a0€");
        assertThat(v.get("warnings").toString()).contains("below the legal floor of 3").contains("L441-10");

        assertThat(ops.get("/api/invoices/F1999-000001").status()).isEqualTo(404);
        assertThat(fields(ops.get("/api/invoices/" + "x".repeat(40)))).containsExactly("number");
        assertThat(fields(ops.get("/api/invoices?status=late"))).containsExactly("status");
    }

    @Test
    @DisplayName("R7.3, R7.5: unpaid after the due date: listed as overdue, late interest and the 40 € indemnity on the view")
    void overdueWithCharges() {
        Invoiced i = invoiced(Instant.parse("2026-04-26T08:00:00Z"));
        JsonNode overdue = ops.get("/api/invoices?clientId=" + i.fixture().clientId() + "&status=overdue").json();
        assertThat(overdue).extracting(n -> n.get("number").asText()).containsExactly(i.number());
        JsonNode standing = ops.get("/api/invoices/" + i.number()).json().get("standing");
        assertThat(standing.get("charges").get("dueDate").asText()).isEqualTo("2026-04-16");
        assertThat(standing.get("charges").get("daysLate").asLong()).isEqualTo(10);
        assertThat(standing.get("charges").get("recoveryFee").asText()).isEqualTo("40.00");
        // 348.00 x 1.5 x 2.62 % x 10 / 365 = 0.37 (2026-S1 rate of the legal-rate file)
        assertThat(standing.get("charges").get("interest").asText()).isEqualTo("0.37");
        assertThat(standing.get("totalDue").asText()).isEqualTo("388.37");

        TestApi.Answer paid = ops.post("/api/payments", payment(i.number(), "348.00", "2026-04-26", "VIR"));
        assertThat(paid.json().get("invoiceDue").asText()).as("the charges stay due").isEqualTo("40.37");
        assertThat(ops.get("/api/invoices?clientId=" + i.fixture().clientId() + "&status=open").json()).hasSize(1);
        TestApi.Answer charges = ops.post("/api/payments", payment(i.number(), "40.37", "2026-04-26", "VIR 2"));
        assertThat(charges.json().get("invoiceDue").asText()).isEqualTo("0.00");
        assertThat(ops.get("/api/invoices?clientId=" + i.fixture().clientId() + "&status=paid").json()).hasSize(1);
    }

    @Test
    @DisplayName("R7.5: a late day without a legal rate: the view says which semester, never a zero; a payment is still recorded")
    void missingLegalRate() {
        BillingFixture f = BillingFixture.create(register, true);
        clock.set(Instant.parse("2032-12-31T23:05:00Z"));
        String number = issuer.issue(f.contractId(), LocalDate.of(2033, 1, 1)).invoiceNumber();
        clock.set(Instant.parse("2033-02-01T09:00:00Z"));
        JsonNode v = ops.get("/api/invoices/" + number).json();
        assertThat(v.get("standing").isNull()).isTrue();
        assertThat(v.get("missingLegalRate").asText()).isEqualTo("2033-S1");
        assertThat(v.get("warnings").toString()).contains("2033-S1");

        TestApi.Answer paid = ops.post("/api/payments", payment(number, "100.00", "2033-02-01", "VIR"));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.json().get("invoiceDue").isNull()).as("unknown, not zero").isTrue();
        assertThat(ops.get("/api/invoices/" + number).json().get("payments")).hasSize(1);
        String html = HtmlUtils.htmlUnescape(ops.get("/api/invoices/" + number + "/document").body()
                .replaceAll("<[^>]*>", ""));
        assertThat(html).contains("en attente du taux d'intérêt légal du semestre").contains("2033-S1");
    }

    @Test
    @DisplayName("R7.1, R7.5: the document is French HTML with the legal mentions from the settings, every value escaped")
    void document() {
        long clientId = RegisterApi.created(register.api.post("/api/clients", RegisterApi.with(RegisterApi.clientBody(),
                "companyName", RegisterApi.unique("Boutique <script>alert(1)</script> & \"Fils\""))));
        BillingFixture f = BillingFixture.forClient(register, clientId, true, Map.of());
        clock.set(ISSUE);
        String number = issuer.issue(f.contractId(), APRIL_1).invoiceNumber();
        clock.set(APRIL_10);
        assertThat(ops.post("/api/payments", payment(number, "48.00", "2026-04-05", "VIR <b>1</b>")).status())
                .isEqualTo(201);

        TestApi.Answer answer = ops.get("/api/invoices/" + number + "/document");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.response().headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        String raw = answer.body();
        assertThat(raw).doesNotContain("<script>").doesNotContain("<b>1</b>").contains("&lt;script&gt;");
        String text = HtmlUtils.htmlUnescape(raw.replaceAll("<[^>]*>", "")); // what a reader sees
        assertThat(text).contains("Facture n° " + number, "Date d'échéance", "16 avril 2026",
                "Pénalités de retard : 1,5 fois le taux d'intérêt légal",
                "Indemnité forfaitaire pour frais de recouvrement : 40\u00a0€", "Total TTC", "348,00\u00a0€",
                "TVA 20\u00a0%", "Reste à payer sur la facture : 300,00\u00a0€", "<script>alert(1)</script>",
                "Période : du 1er avril 2026 au 30 avril 2026");

        String mail = documents.frenchText(number);
        assertThat(mail).contains("Facture n° " + number, "Date d'échéance : 16 avril 2026",
                "Pénalités de retard : 1,5 fois le taux d'intérêt légal",
                "Indemnité forfaitaire pour frais de recouvrement : 40\u00a0€", "Total TTC : 348,00\u00a0€",
                "- 5 avril 2026 : 48,00\u00a0€ (VIR <b>1</b>)", "Montant total restant dû : 300,00\u00a0€")
                .doesNotContain("[(").doesNotContain("\n\n\n");
    }
}
