package fr.progerance.ops.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.billing.InvoiceIssuer.Outcome;
import fr.progerance.ops.billing.InvoiceIssuer.Result;
import fr.progerance.ops.billing.ledger.Invoice;
import fr.progerance.ops.billing.ledger.InvoiceRepository;
import fr.progerance.ops.billing.ledger.InvoiceStatus;
import fr.progerance.ops.billing.termination.TerminationParty;
import fr.progerance.ops.billing.termination.Terminations;
import fr.progerance.ops.contract.RegisterApi;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** R7.1, R7.2, R4.4-c, R8.3: issuing on the real services and database (H2). */
@OpsSpringBootTest
@RecordApplicationEvents
@DisplayName("Monthly issuing: amounts, credit notes, issue instant and due date, idempotence")
class InvoiceIssuingTest {

    /** 1 April 2026, 00:05 in Paris (summer time since 29 March). */
    private static final Instant APRIL = Instant.parse("2026-03-31T22:05:00Z");
    private static final LocalDate APRIL_1 = LocalDate.of(2026, 4, 1);

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    InvoiceIssuer issuer;
    @Autowired
    InvoiceRepository invoices;
    @Autowired
    CreditNoteService creditNotes;
    @Autowired
    Terminations terminations;
    @Autowired
    ApplicationEvents events;

    private RegisterApi register;

    @BeforeEach
    void setUp() {
        clock.set(APRIL);
        register = new RegisterApi(port);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private Invoice invoiceOf(long contractId, LocalDate periodStart) {
        return invoices.findByContractIdAndPeriodStart(contractId, periodStart).orElseThrow();
    }

    @Test
    @DisplayName("R7.1, R7.2: the fee excluding tax, 20 % VAT, issued the 1st at 00:00 Paris, due 15 days later; published in its transaction")
    void oneInvoice() {
        BillingFixture f = BillingFixture.create(register, true);
        Outcome outcome = issuer.issue(f.contractId(), APRIL_1);
        assertThat(outcome.result()).isEqualTo(Result.ISSUED);
        assertThat(outcome.invoiceNumber()).matches("F2026-\\d{6}");

        Invoice invoice = invoiceOf(f.contractId(), APRIL_1);
        assertThat(invoice.getNumber()).isEqualTo(outcome.invoiceNumber());
        assertThat(invoice.getClientId()).isEqualTo(f.clientId());
        assertThat(invoice.getIssuedAt()).isEqualTo(OffsetDateTime.parse("2026-04-01T00:00:00+02:00").toInstant());
        assertThat(invoice.getIssuedOn()).isEqualTo(APRIL_1);
        assertThat(invoice.getDueOn()).as("R7.3: issue + 15 days").isEqualTo(LocalDate.of(2026, 4, 16));
        assertThat(invoice.amounts().feeExclTax()).isEqualTo(new BigDecimal("290.00"));
        assertThat(invoice.amounts().creditAppliedExclTax()).isEqualTo(new BigDecimal("0.00"));
        assertThat(invoice.amounts().vatAmount()).isEqualTo(new BigDecimal("58.00"));
        assertThat(invoice.getTotalInclTax()).isEqualTo(new BigDecimal("348.00"));
        assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(events.stream(InvoiceIssued.class)).containsExactly(new InvoiceIssued(invoice.getNumber(),
                f.clientId(), f.contractId(), invoice.getIssuedAt()));
    }

    @Test
    @DisplayName("R7.2: issuing the same month again issues nothing twice (one invoice per contract and month)")
    void idempotent() {
        BillingFixture f = BillingFixture.create(register, true);
        String number = issuer.issue(f.contractId(), APRIL_1).invoiceNumber();
        Outcome again = issuer.issue(f.contractId(), APRIL_1);
        assertThat(again.result()).isEqualTo(Result.ALREADY_ISSUED);
        assertThat(again.invoiceNumber()).isEqualTo(number);

        InvoiceIssuer.IssueReport month = issuer.issueMonth(APRIL_1);
        assertThat(month.issued()).doesNotContain(number);
        assertThat(month.failures()).isEmpty();
        assertThat(invoices.findAll().stream().filter(i -> i.getContractId() == f.contractId())).hasSize(1);
        assertThat(events.stream(InvoiceIssued.class).filter(e -> e.contractId() == f.contractId())).hasSize(1);
    }

    @Test
    @DisplayName("R7.2: a month's run invoices ACTIVE contracts started by the issue date only")
    void whoIsInvoiced() {
        BillingFixture active = BillingFixture.create(register, true);
        BillingFixture draft = BillingFixture.create(register, false);
        BillingFixture later = BillingFixture.create(register, true, Map.of("startDate", "2026-04-02"));
        BillingFixture sameDay = BillingFixture.create(register, true, Map.of("startDate", "2026-04-01"));

        InvoiceIssuer.IssueReport month = issuer.issueMonth(APRIL_1);
        assertThat(month.failures()).isEmpty();
        assertThat(invoices.findByContractIdAndPeriodStart(active.contractId(), APRIL_1)).isPresent();
        assertThat(invoices.findByContractIdAndPeriodStart(sameDay.contractId(), APRIL_1)).isPresent();
        assertThat(invoices.findByContractIdAndPeriodStart(draft.contractId(), APRIL_1)).isEmpty();
        assertThat(invoices.findByContractIdAndPeriodStart(later.contractId(), APRIL_1)).isEmpty();
        assertThat(issuer.issue(draft.contractId(), APRIL_1).result()).isEqualTo(Result.NOT_INVOICED);
        assertThat(issuer.issue(later.contractId(), APRIL_1).reason()).contains("2026-04-02");
    }

    @Test
    @DisplayName("R7.2: a month is not issued before its issue instant, and a period starts on the 1st")
    void notBeforeTheIssueInstant() {
        BillingFixture f = BillingFixture.create(register, true);
        assertThatThrownBy(() -> issuer.issue(f.contractId(), LocalDate.of(2026, 5, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-05-01T00:00+02:00");
        assertThatThrownBy(() -> issuer.issueMonth(LocalDate.of(2026, 4, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        clock.set(Instant.parse("2026-03-31T21:59:59Z"));
        assertThatThrownBy(() -> issuer.issue(f.contractId(), APRIL_1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("R4.4-c: pending credit notes are deducted before VAT, oldest first, never beyond the fee; the rest waits for the next invoice")
    void creditNotes() {
        BillingFixture f = BillingFixture.create(register, true);
        long small = creditNotes.issue(f.contractId(), new BigDecimal("29.00"), "Pénalité de disponibilité de mars",
                "R4.4-c", "marc");
        long large = creditNotes.issue(f.contractId(), new BigDecimal("300.00"), "Geste commercial", "R7.6", "marc");

        issuer.issue(f.contractId(), APRIL_1);
        Invoice april = invoiceOf(f.contractId(), APRIL_1);
        assertThat(april.amounts().creditAppliedExclTax()).isEqualTo(new BigDecimal("290.00"));
        assertThat(april.amounts().netExclTax()).isEqualTo(new BigDecimal("0.00"));
        assertThat(april.getTotalInclTax()).isEqualTo(new BigDecimal("0.00"));
        assertThat(april.getStatus()).as("nothing to pay").isEqualTo(InvoiceStatus.PAID);
        assertThat(creditNotes.get(small).getRemainingExclTax()).isEqualTo(new BigDecimal("0.00"));
        assertThat(creditNotes.get(large).getRemainingExclTax()).isEqualTo(new BigDecimal("39.00"));

        clock.set(Instant.parse("2026-04-30T22:00:00Z"));
        issuer.issue(f.contractId(), LocalDate.of(2026, 5, 1));
        Invoice may = invoiceOf(f.contractId(), LocalDate.of(2026, 5, 1));
        assertThat(may.amounts().creditAppliedExclTax()).isEqualTo(new BigDecimal("39.00"));
        assertThat(may.amounts().netExclTax()).isEqualTo(new BigDecimal("251.00"));
        assertThat(may.amounts().vatAmount()).isEqualTo(new BigDecimal("50.20"));
        assertThat(may.getTotalInclTax()).isEqualTo(new BigDecimal("301.20"));
        assertThat(creditNotes.get(large).getRemainingExclTax()).isEqualTo(new BigDecimal("0.00"));

        clock.set(Instant.parse("2026-05-31T22:00:00Z"));
        issuer.issue(f.contractId(), LocalDate.of(2026, 6, 1));
        assertThat(invoiceOf(f.contractId(), LocalDate.of(2026, 6, 1)).getTotalInclTax())
                .isEqualTo(new BigDecimal("348.00"));
    }

    @Test
    @DisplayName("R8.3, R8.5: after a termination's effective end the contract is no longer invoiced; the months before are")
    void terminatedContract() {
        BillingFixture f = BillingFixture.create(register, true);
        clock.set(Instant.parse("2026-04-05T08:00:00Z"));
        LocalDate end = terminations.record(f.contractId(), LocalDate.of(2026, 4, 5), TerminationParty.CLIENT,
                "Fin d'activité", "marc").effectiveEnd();
        assertThat(end).isEqualTo(LocalDate.of(2027, 1, 1));

        clock.set(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(issuer.issue(f.contractId(), LocalDate.of(2026, 12, 1)).result()).isEqualTo(Result.ISSUED);
        clock.set(Instant.parse("2026-12-31T23:00:00Z"));
        Outcome january = issuer.issue(f.contractId(), LocalDate.of(2027, 1, 1));
        assertThat(january.result()).isEqualTo(Result.NOT_INVOICED);
        assertThat(january.reason()).contains("R8.3");
    }
}
