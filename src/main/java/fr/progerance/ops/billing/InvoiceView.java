package fr.progerance.ops.billing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code GET /api/invoices/{number}}: the invoice as issued (R7.1, R4.4-c), its payments, what it
 * owes today with the R7.5 late charges, the legal mentions and warnings. Amounts are strings with
 * two decimals.
 *
 * @param clientAddress    the client's billing address, line by line
 * @param standing         what it owes today; null when a late day's semester has no legal rate yet
 * @param missingLegalRate that semester ({@code 2027-S1}), null otherwise: never a silent zero (R7.5)
 * @param warnings         e.g. the L441-10 floor warning when the interest multiplier is below it
 */
public record InvoiceView(String number, long clientId, String clientName, List<String> clientAddress,
        String clientVatNumber, long contractId, String contractReference,
        LocalDate periodStart, LocalDate periodEnd, OffsetDateTime issuedAt, LocalDate issuedOn, LocalDate dueOn,
        OffsetDateTime dueAt, List<Line> lines, String feeExclTax, String creditAppliedExclTax, String netExclTax,
        String vatRate, String vatAmount, String totalInclTax, String status, boolean overdue,
        List<PaymentLine> payments, Standing standing, String missingLegalRate, LegalMentions legalMentions,
        List<String> warnings) {

    /** One line of the invoice: the monthly fee, or a credit note deducted (negative). */
    public record Line(String description, String amountExclTax, Long creditNoteId, String rule) {
    }

    /** A payment recorded against the invoice. */
    public record PaymentLine(long paymentId, String amount, LocalDate paidOn, String reference, String source,
            String recordedBy, OffsetDateTime recordedAt) {
    }

    /** What it owes today: the principal first, then the R7.5 charges. */
    public record Standing(String paid, String principalDue, Charges charges, String chargesDue, String totalDue) {
    }

    /** R7.5 charges as of today. */
    public record Charges(LocalDate dueDate, long daysLate, String interest, String recoveryFee, String total) {
    }

    /**
     * The legal mentions (Code de commerce L441-9, L441-10; R7.3, R7.5), from the settings.
     *
     * @param paymentTermDays       R7.3
     * @param interestMultiplier    R7.5: times the French legal interest rate
     * @param recoveryFee           R7.5: the fixed indemnity, excluding tax, per late invoice
     * @param text                  the same, in French, as the client reads them
     */
    public record LegalMentions(String paymentTerm, String interestMultiplier, String recoveryFee, List<String> text) {
    }
}
