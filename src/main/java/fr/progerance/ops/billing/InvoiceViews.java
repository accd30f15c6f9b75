package fr.progerance.ops.billing;

import fr.progerance.ops.billing.charges.LateCharge;
import fr.progerance.ops.billing.charges.LegalFloor;
import fr.progerance.ops.billing.charges.MissingLegalRateException;
import fr.progerance.ops.billing.ledger.Invoice;
import fr.progerance.ops.billing.ledger.InvoiceAmounts;
import fr.progerance.ops.billing.ledger.InvoiceRepository;
import fr.progerance.ops.billing.ledger.InvoiceStanding;
import fr.progerance.ops.billing.ledger.InvoiceStatus;
import fr.progerance.ops.billing.ledger.Ledger;
import fr.progerance.ops.billing.ledger.Payment;
import fr.progerance.ops.billing.ledger.PaymentRepository;
import fr.progerance.ops.billing.ledger.Standings;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.BillingAddress;
import fr.progerance.ops.contract.Client;
import fr.progerance.ops.contract.ClientRepository;
import fr.progerance.ops.contract.Contract;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.web.NotFoundException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The invoice views of the API and of the client's document (R7.1, R7.5, R4.4-c). */
@Component
public class InvoiceViews {

    /** The status filter of {@code GET /api/invoices}. */
    public enum Filter {
        /** Something is due on it. */
        OPEN,
        /** Nothing is due on it any more. */
        PAID,
        /** Open and its payment term is over (R7.3). */
        OVERDUE
    }

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final CreditNoteUseRepository creditUses;
    private final CreditNoteRepository creditNotes;
    private final ClientRepository clients;
    private final ContractRepository contracts;
    private final Ledger ledger;
    private final BillingSettings settings;
    private final ContractClock clock;

    @SuppressWarnings("java:S107")
    public InvoiceViews(InvoiceRepository invoices, PaymentRepository payments, CreditNoteUseRepository creditUses,
            CreditNoteRepository creditNotes, ClientRepository clients, ContractRepository contracts, Ledger ledger,
            BillingSettings settings, ContractClock clock) {
        this.invoices = invoices;
        this.payments = payments;
        this.creditUses = creditUses;
        this.creditNotes = creditNotes;
        this.clients = clients;
        this.contracts = contracts;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    /** R7.3: the payment term of an open invoice is over (the instant its suspension is due). */
    public boolean overdue(Invoice invoice) {
        return invoice.getStatus() == InvoiceStatus.OPEN
                && !clock.instant().isBefore(clock.startOfDay(invoice.getDueOn()).toInstant());
    }

    /** Invoices, newest first, of one client and of one status when given. */
    @Transactional(readOnly = true)
    public List<InvoiceSummary> list(Long clientId, Filter filter) {
        List<Invoice> found = clientId == null ? invoices.findAllByOrderByIssuedAtDescNumberDesc()
                : invoices.findByClientIdOrderByIssuedAtDescNumberDesc(clientId);
        List<Invoice> kept = found.stream().filter(i -> filter == null
                || (filter == Filter.OPEN && i.getStatus() == InvoiceStatus.OPEN)
                || (filter == Filter.PAID && i.getStatus() == InvoiceStatus.PAID)
                || (filter == Filter.OVERDUE && overdue(i))).toList();
        Map<Long, BigDecimal> paid = new HashMap<>();
        if (!kept.isEmpty()) {
            for (Payment p : payments.findByInvoiceIdInOrderByPaidOnAscIdAsc(kept.stream().map(Invoice::getId).toList())) {
                paid.merge(p.getInvoiceId(), p.getAmount(), BigDecimal::add);
            }
        }
        return kept.stream().map(i -> {
            BigDecimal p = paid.getOrDefault(i.getId(), BigDecimal.ZERO);
            BigDecimal due = i.getTotalInclTax().subtract(p).max(BigDecimal.ZERO);
            return new InvoiceSummary(i.getNumber(), i.getClientId(), i.getContractId(), i.getPeriodStart(),
                    i.getIssuedOn(), i.getDueOn(), Money.text(i.getTotalInclTax()), Money.text(p), Money.text(due),
                    i.getStatus().name(), overdue(i));
        }).toList();
    }

    /**
     * One invoice with its lines, payments, standing, legal mentions and warnings.
     *
     * @throws NotFoundException an unknown invoice number
     */
    @Transactional(readOnly = true)
    public InvoiceView view(String number) {
        Invoice invoice = invoices.findByNumber(number).orElseThrow(() -> new NotFoundException("Invoice", number));
        Contract contract = contracts.findById(invoice.getContractId()).orElseThrow();
        Client client = clients.findById(invoice.getClientId()).orElseThrow();
        InvoiceAmounts amounts = invoice.amounts();

        List<InvoiceView.Line> lines = new ArrayList<>();
        lines.add(new InvoiceView.Line("Infogérance, contrat " + contract.getReference() + ", "
                + FrenchFormat.month(invoice.getPeriodStart()), Money.text(amounts.feeExclTax()), null, null));
        for (CreditNoteUse use : creditUses.findByInvoiceIdOrderByIdAsc(invoice.getId())) {
            CreditNote note = creditNotes.findById(use.getCreditNoteId()).orElseThrow();
            lines.add(new InvoiceView.Line("Avoir n° " + note.getId() + " (" + note.getRule() + ") : "
                    + note.getReason(), Money.text(use.getAmountExclTax().negate()), note.getId(), note.getRule()));
        }
        List<InvoiceView.PaymentLine> paymentLines = payments.findByInvoiceIdOrderByPaidOnAscIdAsc(invoice.getId())
                .stream().map(p -> new InvoiceView.PaymentLine(p.getId(), Money.text(p.getAmount()), p.getPaidOn(),
                        p.getReference(), p.getSource().name(), p.getRecordedBy(), clock.atZone(p.getRecordedAt())))
                .toList();

        List<String> warnings = new ArrayList<>();
        BillingSettings.Charges charges = settings.getCharges();
        LegalFloor.warning(charges.getInterestMultiplier(), charges.getLegalFloorMultiplier()).ifPresent(warnings::add);
        InvoiceView.Standing standing = null;
        String missing = null;
        try {
            standing = standing(ledger.standing(invoice));
        } catch (MissingLegalRateException e) {
            missing = e.semester();
            warnings.add(e.getMessage());
        }
        return new InvoiceView(invoice.getNumber(), invoice.getClientId(), client.getCompanyName(),
                address(client), client.getVatNumber(), invoice.getContractId(), contract.getReference(), invoice.getPeriodStart(),
                clock.monthEnd(invoice.getPeriodStart()), clock.atZone(invoice.getIssuedAt()), invoice.getIssuedOn(),
                invoice.getDueOn(), clock.startOfDay(invoice.getDueOn()), List.copyOf(lines),
                Money.text(amounts.feeExclTax()), Money.text(amounts.creditAppliedExclTax()),
                Money.text(amounts.netExclTax()), amounts.vatRate().stripTrailingZeros().toPlainString(),
                Money.text(amounts.vatAmount()), Money.text(amounts.totalInclTax()), invoice.getStatus().name(),
                overdue(invoice), paymentLines, standing, missing, legalMentions(), List.copyOf(warnings));
    }

    /** R7.3, R7.5: the legal mentions, from the settings. */
    public InvoiceView.LegalMentions legalMentions() {
        BillingSettings.Charges charges = settings.getCharges();
        String term = FrenchFormat.period(settings.getDunning().getPaymentTerm());
        List<String> text = List.of(
                "Paiement à " + term + " à compter de la date d'émission ; à défaut, suspension des services sans"
                        + " préavis.",
                "Pénalités de retard : " + FrenchFormat.decimal(charges.getInterestMultiplier())
                        + " fois le taux d'intérêt légal",
                "Indemnité forfaitaire pour frais de recouvrement : " + FrenchFormat.wholeEuros(charges.getRecoveryFee()),
                "Pas d'escompte pour paiement anticipé.");
        return new InvoiceView.LegalMentions(term, charges.getInterestMultiplier().stripTrailingZeros().toPlainString(),
                Money.text(charges.getRecoveryFee()), text);
    }

    private static List<String> address(Client client) {
        BillingAddress a = client.getBillingAddress();
        List<String> lines = new ArrayList<>();
        lines.add(a.getLine1());
        if (a.getLine2() != null && !a.getLine2().isBlank()) {
            lines.add(a.getLine2());
        }
        lines.add(a.getPostalCode() + " " + a.getCity());
        lines.add(a.getCountry());
        return List.copyOf(lines);
    }

    private static InvoiceView.Standing standing(InvoiceStanding s) {
        LateCharge c = s.charges();
        return new InvoiceView.Standing(Money.text(s.paid()), Money.text(s.principalDue()),
                new InvoiceView.Charges(c.dueDate(), c.daysLate(), Money.text(c.interest()), Money.text(c.recoveryFee()),
                        Money.text(c.total())),
                Money.text(Standings.chargesDue(s)), Money.text(s.totalDue()));
    }

    /** Parses the {@code status} filter: open, paid or overdue, whatever the case. */
    public static Filter filter(String status) {
        return status == null ? null : Filter.valueOf(status.toUpperCase(Locale.ROOT));
    }
}
