package fr.progerance.ops.billing.statement;

import fr.progerance.ops.billing.charges.MissingLegalRateException;
import fr.progerance.ops.billing.ledger.ClientLedger;
import fr.progerance.ops.billing.ledger.InvoiceRepository;
import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Invoices as their records say, and what each still needs as the ledger computes it. Called
 * outside the import's transaction: an unknown number is an answer here, not a failure.
 */
@Component
class LedgerInvoiceLookup implements InvoiceLookup {

    private final InvoiceRepository invoices;
    private final ClientLedger ledger;

    LedgerInvoiceLookup(InvoiceRepository invoices, ClientLedger ledger) {
        this.invoices = invoices;
        this.ledger = ledger;
    }

    @Override
    public Optional<Invoice> find(String number) {
        return invoices.findByNumber(number).map(invoice -> {
            BigDecimal due;
            try {
                due = ledger.invoice(number).totalDue();
            } catch (MissingLegalRateException e) {
                // R7.5: never a silent zero; what it needs is unknown until the rate is entered.
                due = null;
            }
            return new Invoice(invoice.getNumber(), invoice.getClientId(), invoice.getIssuedOn(), due);
        });
    }
}
