package fr.progerance.ops.billing.statement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/** What matching needs to know of an invoice: that it exists, and what it still needs. */
public interface InvoiceLookup {

    /**
     * @param number   canonical invoice number
     * @param clientId its client, or null when unknown
     * @param issuedOn its issue date, or null when unknown
     * @param due      what it still needs, principal and late charges (R7.5), or null when it cannot
     *                 be computed now (a late day's legal rate is not known yet)
     */
    record Invoice(String number, Long clientId, LocalDate issuedOn, BigDecimal due) {
    }

    /** The invoice, or empty when no invoice has that number. */
    Optional<Invoice> find(String number);
}
