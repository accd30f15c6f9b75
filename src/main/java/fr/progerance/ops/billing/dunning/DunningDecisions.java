package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.ledger.ClientAccounts;
import fr.progerance.ops.billing.ledger.ClientAccounts.Account;
import fr.progerance.ops.billing.ledger.ClientLedger;
import fr.progerance.ops.billing.ledger.Invoice;
import fr.progerance.ops.billing.ledger.InvoiceRepository;
import fr.progerance.ops.billing.ledger.Payment;
import fr.progerance.ops.billing.ledger.PaymentRepository;
import fr.progerance.ops.billing.ledger.ClientStanding;
import fr.progerance.ops.billing.ledger.InvoiceStanding;
import fr.progerance.ops.billing.suspension.DeletionHolds;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Contract;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.contract.ContractService;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.contract.StatusChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decisions of an invoice's dunning, each read from the records in the transaction of the job
 * that takes it (the engine's transaction, DESIGN rule 11). The suspension, the balance while
 * suspended and the deletion are decided under the client's account lock
 * ({@link ClientLedger#lockAndRead}), which a payment takes too: a decision either sees a payment
 * or comes before it, and the standing it moves commits with it. A late day without a legal rate
 * throws {@link fr.progerance.ops.billing.charges.MissingLegalRateException} (R7.5, never a zero).
 */
@Service
public class DunningDecisions {

    private final ClientLedger ledger;
    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final ClientAccounts accounts;
    private final DeletionHolds holds;
    private final ContractRepository contracts;
    private final ContractService contractService;
    private final DunningTimeline timeline;
    private final ContractClock clock;

    public DunningDecisions(ClientLedger ledger, InvoiceRepository invoices, PaymentRepository payments,
            ClientAccounts accounts, DeletionHolds holds, ContractRepository contracts, ContractService contractService,
            DunningTimeline timeline) {
        this.ledger = ledger;
        this.invoices = invoices;
        this.payments = payments;
        this.accounts = accounts;
        this.holds = holds;
        this.contracts = contracts;
        this.contractService = contractService;
        this.timeline = timeline;
        this.clock = timeline.clock();
    }

    /**
     * The invoice this dunning is for, checked against the instance's start variables: the invoice
     * exists and belongs to the client.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public InvoiceStanding invoice(String invoiceNumber, long clientId) {
        InvoiceStanding invoice = ledger.invoice(invoiceNumber);
        if (invoice.clientId() != clientId) {
            throw new IllegalStateException("Invoice " + invoiceNumber + " belongs to client " + invoice.clientId()
                    + ", not to client " + clientId + " named by this dunning");
        }
        return invoice;
    }

    /**
     * The invoice's record as issued, checked like {@link #invoice}, without its late charges: the
     * planning, the invoice mail and the payment check need none, so a semester without a legal rate
     * (R7.5) never stops them (an invoice the engine reaches late, after a stop of the engine).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Invoice issued(String invoiceNumber, long clientId) {
        Invoice invoice = invoices.findByNumber(invoiceNumber).orElseThrow(() -> new IllegalStateException(
                "Invoice " + invoiceNumber + " named by this dunning does not exist"));
        if (invoice.getClientId() != clientId) {
            throw new IllegalStateException("Invoice " + invoiceNumber + " belongs to client " + invoice.getClientId()
                    + ", not to client " + clientId + " named by this dunning");
        }
        return invoice;
    }

    /**
     * Before the suspension date (R7.3): what the invoice record and its payments say about its
     * amount (late charges are not part of this question).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public PaymentState paymentState(String invoiceNumber, long clientId) {
        Invoice invoice = issued(invoiceNumber, clientId);
        BigDecimal paid = payments.findByInvoiceIdOrderByPaidOnAscIdAsc(invoice.getId()).stream()
                .map(Payment::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return PaymentState.of(invoice.getTotalInclTax(), paid);
    }

    /** What a suspension decided, and the dates it set (null unless SUSPENDED). */
    public record Suspension(SuspensionDecision decision, Instant deletionDueAt) {
    }

    /**
     * R7.3, under the lock: the invoice paid ends the dunning; a client already suspended (another
     * invoice owns the suspension) or deleted is joined; otherwise the account is SUSPENDED now, by
     * this invoice, with its R8.2 deletion date.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Suspension decideSuspension(String invoiceNumber, long clientId) {
        ClientStanding standing = ledger.lockAndRead(clientId);
        // An invoice that owes nothing at all is no longer open.
        boolean principalPaid = standing.open().stream().filter(i -> i.number().equals(invoiceNumber)).findFirst()
                .map(InvoiceStanding::principalPaid).orElse(true);
        Optional<Account> account = accounts.find(clientId);
        SuspensionDecision.Outcome outcome = SuspensionDecision.decide(invoiceNumber, principalPaid, account);
        if (outcome.decision() != SuspensionDecision.SUSPENDED) {
            return new Suspension(outcome.decision(), null);
        }
        Account suspended = account.orElse(null);
        if (outcome.suspendNow()) {
            Instant now = clock.instant();
            suspended = accounts.suspend(clientId, invoiceNumber, now, timeline.deletionDueAt(now));
        }
        return new Suspension(SuspensionDecision.SUSPENDED, suspended.deletionDueAt());
    }

    /** R7.3: the client's contracts that were ACTIVE become SUSPENDED. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> markContractsSuspended(long clientId) {
        return move(clientId, ContractStatus.ACTIVE, ContractStatus.SUSPENDED);
    }

    /** R8.2, under the lock: whether the client owes nothing at all, interest and fees included. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean settled(long clientId) {
        return ledger.lockAndRead(clientId).settled();
    }

    /** R8.2, under the lock: settled, held by a manager, or deleted. */
    @Transactional(propagation = Propagation.MANDATORY)
    public DeletionDecision decideDeletion(String invoiceNumber, long clientId) {
        ClientStanding standing = ledger.lockAndRead(clientId);
        Account account = accounts.find(clientId).orElse(null);
        return DeletionDecision.decide(invoiceNumber, account, standing.settled(), holds.held(clientId));
    }

    /**
     * R8.2, under the lock, once the services run again: the account is GOOD and the contracts
     * this suspension stopped are ACTIVE again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> markReactivated(long clientId) {
        ledger.lockAndRead(clientId);
        accounts.reactivate(clientId, clock.instant());
        return move(clientId, ContractStatus.SUSPENDED, ContractStatus.ACTIVE);
    }

    /** R8.2, under the lock, once the data is deleted: the account is DELETED and the contracts TERMINATED. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> markDeleted(long clientId) {
        ledger.lockAndRead(clientId);
        accounts.deleted(clientId, clock.instant());
        List<String> moved = move(clientId, ContractStatus.SUSPENDED, ContractStatus.TERMINATED);
        // A contract that was not running (a draft) has nothing left to serve either.
        moved.addAll(move(clientId, ContractStatus.DRAFT, ContractStatus.TERMINATED));
        moved.addAll(move(clientId, ContractStatus.ACTIVE, ContractStatus.TERMINATED));
        return moved;
    }

    private List<String> move(long clientId, ContractStatus from, ContractStatus to) {
        List<String> moved = new java.util.ArrayList<>();
        for (Contract contract : contracts.findByClient_IdOrderByIdAsc(clientId)) {
            if (contract.getStatus() == from) {
                contractService.changeStatus(contract.getId(), new StatusChange(to));
                moved.add(contract.getReference());
            }
        }
        return moved;
    }
}
