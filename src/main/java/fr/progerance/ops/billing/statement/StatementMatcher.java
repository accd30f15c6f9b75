package fr.progerance.ops.billing.statement;

import fr.progerance.ops.billing.ledger.Payments;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a statement line is: a client's payment of exactly one existing invoice (MATCHED),
 * something ops must look at (UNMATCHED, with the reason), or not a payment at all (IGNORED). A
 * line is never dropped.
 *
 * <p>In order: a debit is IGNORED; an entry not booked ({@code PDNG}...) is IGNORED (a later
 * statement shows it booked); a line the parser flagged, a currency other than the euro (R7.1), a
 * zero amount, more than two decimals or more than {@link Payments#MAX_AMOUNT} is UNMATCHED; then
 * the invoice numbers in its texts ({@link InvoiceNumberFinder}): none, several, or one that no invoice
 * has is UNMATCHED; a value date in the future or before the invoice's issue is UNMATCHED (the
 * payment recorder refuses both).
 */
public final class StatementMatcher {

    private final InvoiceNumberFinder numbers;
    private final InvoiceLookup invoices;

    public StatementMatcher(InvoiceNumberFinder numbers, InvoiceLookup invoices) {
        this.numbers = numbers;
        this.invoices = invoices;
    }

    /**
     * @param status        MATCHED, UNMATCHED or IGNORED
     * @param reason        why it is not MATCHED (null when it is)
     * @param invoiceNumber the one invoice number found (also when it does not exist), or null
     * @param invoice       the invoice, when MATCHED
     */
    public record Decision(LineStatus status, String reason, String invoiceNumber, InvoiceLookup.Invoice invoice) {

        static Decision ignored(String reason) {
            return new Decision(LineStatus.IGNORED, reason, null, null);
        }

        static Decision unmatched(String reason, String invoiceNumber) {
            return new Decision(LineStatus.UNMATCHED, reason, invoiceNumber, null);
        }
    }

    public Decision decide(BankLine line, LocalDate today) {
        if (line.direction() == Direction.DEBIT) {
            return Decision.ignored("a debit (money paid out), not a client's payment");
        }
        if (!line.booked()) {
            return Decision.ignored("entry status " + line.status() + ", not booked (BOOK): it counts once a later"
                    + " statement shows it booked");
        }
        if (line.problem() != null) {
            return Decision.unmatched(line.problem(), null);
        }
        if (!"EUR".equals(line.currency())) {
            return Decision.unmatched("currency " + line.currency() + ": invoices are in euros (R7.1), convert and"
                    + " assign it by hand if it pays one", null);
        }
        if (line.amount().signum() <= 0) {
            return Decision.unmatched("amount " + line.amount().toPlainString() + ": nothing to record", null);
        }
        if (line.amount().stripTrailingZeros().scale() > 2) {
            return Decision.unmatched("amount " + line.amount().toPlainString() + " has more than two decimals", null);
        }
        if (line.amount().compareTo(Payments.MAX_AMOUNT) > 0) {
            return Decision.unmatched("amount " + line.amount().toPlainString() + " is above the largest payment"
                    + " recorded (" + Payments.MAX_AMOUNT.toPlainString() + "): check it with the bank", null);
        }
        Set<String> found = numbers.find(line.texts());
        if (found.isEmpty()) {
            return Decision.unmatched("no invoice number (such as " + numbers.example()
                    + ") in the remittance information or references", null);
        }
        if (found.size() > 1) {
            return Decision.unmatched("several invoice numbers (" + String.join(", ", found)
                    + "): split it by hand", null);
        }
        String number = found.iterator().next();
        Optional<InvoiceLookup.Invoice> invoice = invoices.find(number);
        if (invoice.isEmpty()) {
            return Decision.unmatched("invoice " + number + " does not exist", number);
        }
        if (line.valueDate().isAfter(today)) {
            return Decision.unmatched("value date " + line.valueDate() + " is in the future: assign it once it is"
                    + " reached", number);
        }
        LocalDate issuedOn = invoice.get().issuedOn();
        if (issuedOn != null && line.valueDate().isBefore(issuedOn)) {
            return Decision.unmatched("value date " + line.valueDate() + " is before the issue of invoice " + number
                    + " on " + issuedOn, number);
        }
        return new Decision(LineStatus.MATCHED, null, number, invoice.get());
    }
}
