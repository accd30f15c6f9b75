package fr.progerance.ops.billing;

import fr.progerance.ops.billing.ledger.Invoice;
import fr.progerance.ops.billing.ledger.InvoiceAmounts;
import fr.progerance.ops.billing.ledger.InvoiceRepository;
import fr.progerance.ops.billing.termination.InvoicingEnd;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Contract;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * R7.1, R7.2, R4.4-c: issues the monthly invoices. For the month starting {@code periodStart}, one
 * invoice per ACTIVE contract started on or before the issue date that {@link InvoicingEnd} still
 * invoices (R8.3, R8.5; no termination part in the application means no termination): the monthly
 * fee excluding tax, minus the contract's pending credit notes (oldest first, at most the fee), VAT
 * ({@code ops.billing.invoicing.vat-rate}) on the net, the total including tax.
 *
 * <p>Issued at the issue day's first instant in Europe/Paris ({@code issue-day-of-month}, the 1st);
 * due {@code ops.billing.dunning.payment-term} later (R7.3). Each invoice is written in its own
 * transaction with its gapless number and {@link InvoiceIssued}, published synchronously inside it
 * (the dunning starts from it). Idempotent: one invoice per contract and month (a unique key), so a
 * second run of the same month issues nothing twice.
 */
@Component
public class InvoiceIssuer {

    private static final Logger LOG = LoggerFactory.getLogger(InvoiceIssuer.class);
    /** Attempts of one invoice when its transaction loses a lock race (a lock timeout, a deadlock). */
    static final int ATTEMPTS = 5;

    private final ContractRepository contracts;
    private final InvoicedContracts invoiced;
    private final InvoiceRepository invoices;
    private final CreditNoteRepository creditNotes;
    private final CreditNoteUseRepository creditUses;
    private final InvoiceNumbers numbers;
    private final ObjectProvider<InvoicingEnd> invoicingEnd;
    private final BillingSettings settings;
    private final ContractClock clock;
    private final ApplicationEventPublisher events;
    private final InvoicingTransactions transactions;

    @SuppressWarnings("java:S107")
    public InvoiceIssuer(ContractRepository contracts, InvoicedContracts invoiced, InvoiceRepository invoices,
            CreditNoteRepository creditNotes, CreditNoteUseRepository creditUses, InvoiceNumbers numbers,
            ObjectProvider<InvoicingEnd> invoicingEnd, BillingSettings settings, ContractClock clock,
            ApplicationEventPublisher events, InvoicingTransactions transactions) {
        this.contracts = contracts;
        this.invoiced = invoiced;
        this.invoices = invoices;
        this.creditNotes = creditNotes;
        this.creditUses = creditUses;
        this.numbers = numbers;
        this.invoicingEnd = invoicingEnd;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
        this.transactions = transactions;
    }

    /** What issuing did for one contract. */
    public enum Result {
        ISSUED,
        /** The contract already has its invoice of that month (a re-run). */
        ALREADY_ISSUED,
        /** Not invoiced that month: not ACTIVE, not started by the issue date, or terminated. */
        NOT_INVOICED
    }

    /** One contract's outcome: the invoice number when issued or already issued, else the reason. */
    public record Outcome(long contractId, Result result, String invoiceNumber, String reason) {
    }

    /**
     * A month's run.
     *
     * @param failures contract id to the failure's message: the run must be done again (it is idempotent)
     */
    public record IssueReport(LocalDate periodStart, List<String> issued, int alreadyIssued, int notInvoiced,
            Map<Long, String> failures) {

        public boolean failed() {
            return !failures.isEmpty();
        }

        public String summary() {
            return "Invoices of " + periodStart + ": " + issued.size() + " issued, " + alreadyIssued
                    + " already issued, " + notInvoiced + " not invoiced, " + failures.size() + " failed"
                    + (failures.isEmpty() ? "" : " " + failures);
        }
    }

    /** R7.2: the issue date of the month starting {@code periodStart}. */
    public LocalDate issueDate(LocalDate periodStart) {
        return clock.dayOfMonth(periodStart, settings.getInvoicing().getIssueDayOfMonth());
    }

    /** R7.2: the issue instant of that month: the issue date's first instant in Europe/Paris. */
    public Instant issueInstant(LocalDate periodStart) {
        return clock.startOfDay(issueDate(periodStart)).toInstant();
    }

    /**
     * Issues the month starting {@code periodStart} (the first of a month, whose issue instant has
     * come): one transaction per invoice; a contract that fails does not stop the others.
     *
     * @throws IllegalArgumentException not the first of a month, or the month's issue instant is still to come
     */
    public IssueReport issueMonth(LocalDate periodStart) {
        requireDue(periodStart);
        LocalDate issueDate = issueDate(periodStart);
        List<String> issued = new ArrayList<>();
        int already = 0;
        int not = 0;
        Map<Long, String> failures = new LinkedHashMap<>();
        for (long contractId : invoiced.activeStartedBy(issueDate)) {
            try {
                Outcome outcome = issue(contractId, periodStart);
                switch (outcome.result()) {
                    case ISSUED -> issued.add(outcome.invoiceNumber());
                    case ALREADY_ISSUED -> already++;
                    case NOT_INVOICED -> not++;
                }
            } catch (RuntimeException e) {
                LOG.warn("Invoice of contract {} for {} not issued: {}", contractId, periodStart, e.toString());
                failures.put(contractId, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        IssueReport report = new IssueReport(periodStart, List.copyOf(issued), already, not, failures);
        LOG.info(report.summary());
        return report;
    }

    /**
     * R7.2: the invoice of one contract for the month starting {@code periodStart}, in its own
     * transaction (retried when it loses a lock race), unless it exists or is not due.
     *
     * @throws NotFoundException an unknown contract
     * @throws IllegalArgumentException not the first of a month, or the month's issue instant is still to come
     */
    public Outcome issue(long contractId, LocalDate periodStart) {
        requireDue(periodStart);
        for (int attempt = 1;; attempt++) {
            try {
                return transactions.inOwnTransaction(() -> issueInTransaction(contractId, periodStart));
            } catch (DataIntegrityViolationException raced) {
                // Another node issued the same contract and month meanwhile (unique key): nothing to do.
                Optional<Invoice> other = invoices.findByContractIdAndPeriodStart(contractId, periodStart);
                if (other.isPresent()) {
                    return new Outcome(contractId, Result.ALREADY_ISSUED, other.get().getNumber(), null);
                }
                throw raced;
            } catch (ConcurrencyFailureException busy) {
                if (attempt >= ATTEMPTS) {
                    throw busy;
                }
                LOG.debug("Invoice of contract {} for {}: attempt {} lost a lock race ({}), again", contractId,
                        periodStart, attempt, busy.toString());
            }
        }
    }

    private Outcome issueInTransaction(long contractId, LocalDate periodStart) {
        Optional<Invoice> existing = invoices.findByContractIdAndPeriodStart(contractId, periodStart);
        if (existing.isPresent()) {
            return new Outcome(contractId, Result.ALREADY_ISSUED, existing.get().getNumber(), null);
        }
        Contract contract = contracts.findById(contractId).orElseThrow(() -> new NotFoundException("Contract", contractId));
        LocalDate issueDate = issueDate(periodStart);
        if (contract.getStatus() != ContractStatus.ACTIVE) {
            return new Outcome(contractId, Result.NOT_INVOICED, null, "the contract is " + contract.getStatus());
        }
        if (contract.getStartDate().isAfter(issueDate)) {
            return new Outcome(contractId, Result.NOT_INVOICED, null, "the contract starts on " + contract.getStartDate());
        }
        InvoicingEnd end = invoicingEnd.getIfAvailable();
        if (end != null && !end.invoiced(contractId, periodStart)) {
            return new Outcome(contractId, Result.NOT_INVOICED, null, "the contract ends before " + periodStart
                    + " (R8.3, R8.5)");
        }
        // R4.4-c: pending credit notes, oldest first, locked so that no other invoice deducts them twice.
        List<CreditNote> pending = creditNotes.findPendingForUpdate(contractId);
        BigDecimal fee = contract.getMonthlyFeeExclTax();
        List<CreditAllocation.Use> uses = CreditAllocation.allocate(fee, pending.stream()
                .map(n -> new CreditAllocation.Pending(n.getId(), n.getRemainingExclTax())).toList());
        InvoiceAmounts amounts = InvoiceAmounts.of(fee, CreditAllocation.total(uses),
                settings.getInvoicing().getVatRate());
        Instant issuedAt = clock.startOfDay(issueDate).toInstant();
        LocalDate dueOn = clock.plusCalendarPeriod(issuedAt, settings.getDunning().getPaymentTerm()).toLocalDate();
        long clientId = contract.getClientId();
        String number = numbers.next(issueDate.getYear());
        Invoice invoice = invoices.saveAndFlush(new Invoice(number, contractId, clientId, periodStart, issuedAt,
                issueDate, dueOn, amounts));
        for (CreditAllocation.Use use : uses) {
            CreditNote note = pending.stream().filter(n -> n.getId() == use.creditNoteId()).findFirst().orElseThrow();
            note.use(use.amount());
            creditUses.save(new CreditNoteUse(note.getId(), invoice.getId(), use.amount()));
        }
        creditUses.flush();
        events.publishEvent(new InvoiceIssued(number, clientId, contractId, issuedAt));
        return new Outcome(contractId, Result.ISSUED, number, null);
    }

    private void requireDue(LocalDate periodStart) {
        if (!clock.monthStart(periodStart).equals(periodStart)) {
            throw new IllegalArgumentException("A monthly period starts on the 1st, not on " + periodStart);
        }
        Instant at = issueInstant(periodStart);
        if (clock.instant().isBefore(at)) {
            throw new IllegalArgumentException("The invoices of " + periodStart + " are issued at "
                    + clock.atZone(at) + ", not before");
        }
    }
}
