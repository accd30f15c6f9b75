package fr.progerance.ops.billing;

import java.time.LocalDate;

/**
 * One line of {@code GET /api/invoices}: amounts as strings with two decimals, what was paid and the
 * principal still due (the late charges are on the invoice's own view).
 *
 * @param overdue R7.3: still open and its payment term is over (issue + the term, 00:00 Paris)
 */
public record InvoiceSummary(String number, long clientId, long contractId, LocalDate periodStart, LocalDate issuedOn,
        LocalDate dueOn, String totalInclTax, String paid, String principalDue, String status, boolean overdue) {
}
