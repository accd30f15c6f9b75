package fr.progerance.ops.billing.statement;

import fr.progerance.ops.billing.charges.MissingLegalRateException;
import fr.progerance.ops.billing.ledger.ClientLedger;
import fr.progerance.ops.billing.ledger.InvoiceStanding;
import fr.progerance.ops.web.NotFoundException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Invoices as the ledger reads them from the records. Called outside the import's transaction: an
 * unknown number is an answer here, not a failure of the import.
 */
@Component
class LedgerInvoiceLookup implements InvoiceLookup {

    private final ClientLedger ledger;

    LedgerInvoiceLookup(ClientLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Optional<Invoice> find(String number) {
        try {
            InvoiceStanding standing = ledger.invoice(number);
            return Optional.of(new Invoice(standing.number(), standing.clientId(), standing.issuedOn(),
                    standing.totalDue()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (MissingLegalRateException e) {
            // R7.5: the invoice exists, but what it needs cannot be computed until the rate is entered.
            return Optional.of(new Invoice(number, null, null, null));
        }
    }
}
