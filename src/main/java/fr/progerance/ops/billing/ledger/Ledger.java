package fr.progerance.ops.billing.ledger;

import fr.progerance.ops.billing.charges.LateCharges;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.web.NotFoundException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link ClientLedger}: what invoices and clients owe, computed from the invoice and payment records
 * as of today ({@link Standings}), and the client's account lock ({@link AccountLock}). The late
 * charges come from {@link LateCharges}; a missing legal rate propagates, never counted as zero.
 */
@Component
public class Ledger implements ClientLedger {

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final AccountLock lock;
    private final ObjectProvider<LateCharges> charges;
    private final ContractClock clock;

    public Ledger(InvoiceRepository invoices, PaymentRepository payments, AccountLock lock,
            ObjectProvider<LateCharges> charges, ContractClock clock) {
        this.invoices = invoices;
        this.payments = payments;
        this.lock = lock;
        this.charges = charges;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public InvoiceStanding invoice(String number) {
        Invoice invoice = invoices.findByNumber(number).orElseThrow(() -> new NotFoundException("Invoice", number));
        return standing(invoice);
    }

    /**
     * The standing of an invoice record as of today, in the caller's transaction if any. No
     * transaction boundary of its own: a missing legal rate thrown from here does not mark the
     * caller's transaction rollback-only (the payment recorder keeps its record).
     */
    public InvoiceStanding standing(Invoice invoice) {
        List<Standings.PaymentLine> lines = payments.findByInvoiceIdOrderByPaidOnAscIdAsc(invoice.getId()).stream()
                .map(p -> new Standings.PaymentLine(p.getPaidOn(), p.getAmount())).toList();
        return Standings.invoice(invoice, lines, lateCharges(), clock.today());
    }

    @Override
    @Transactional(readOnly = true)
    public ClientStanding client(long clientId) {
        return clientStanding(clientId);
    }

    /** As {@link #client}, without a transaction boundary of its own (see {@link #standing}). */
    public ClientStanding clientStanding(long clientId) {
        // PAID invoices owe nothing by their record (status kept under the lock); only OPEN ones count.
        List<Invoice> open = invoices.findByClientIdAndStatusInOrderByIssuedAtAscNumberAsc(clientId,
                EnumSet.of(InvoiceStatus.OPEN));
        Map<Long, List<Standings.PaymentLine>> lines = new HashMap<>();
        if (!open.isEmpty()) {
            for (Payment p : payments.findByInvoiceIdInOrderByPaidOnAscIdAsc(open.stream().map(Invoice::getId).toList())) {
                lines.computeIfAbsent(p.getInvoiceId(), id -> new ArrayList<>())
                        .add(new Standings.PaymentLine(p.getPaidOn(), p.getAmount()));
            }
        }
        LateCharges late = lateCharges();
        List<InvoiceStanding> standings = new ArrayList<>();
        for (Invoice invoice : open) {
            standings.add(Standings.invoice(invoice, lines.getOrDefault(invoice.getId(), List.of()), late,
                    clock.today()));
        }
        return Standings.client(clientId, standings);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public ClientStanding lockAndRead(long clientId) {
        lock.lock(clientId);
        return clientStanding(clientId);
    }

    private LateCharges lateCharges() {
        LateCharges c = charges.getIfAvailable();
        if (c == null) {
            throw new IllegalStateException("No R7.5 late-charge calculator (LateCharges) in the application");
        }
        return c;
    }
}
