package fr.progerance.ops.billing.statement;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** What the statement API answers. Amounts are strings with two decimals (more only for a foreign currency that has them). */
public final class StatementViews {

    private StatementViews() {
    }

    /**
     * The summary of an import (201), or of the first import of the same statement (200,
     * {@code alreadyImported}).
     *
     * @param lines         every line of the statement
     * @param matched       lines whose payment was recorded now
     * @param unmatched     lines left for ops ({@code GET /api/payments/unmatched})
     * @param ignored       debits and entries not booked
     * @param duplicates    bank entries already imported from an earlier statement (or twice in this one)
     * @param overpaid      matched lines that paid more than their invoice needed (recorded all the same)
     * @param amountMatched the sum of the matched lines
     * @param attention     the lines ops should look at: unmatched and overpaid ones (as they are now)
     */
    public record ImportSummary(long statementId, StatementFormat format, String statementKey, boolean alreadyImported,
            String importedBy, OffsetDateTime importedAt, int lines, int matched, int unmatched, int ignored,
            int duplicates, int overpaid, String amountMatched, List<LineView> attention) {
    }

    /** An imported statement, with how many of its lines are still UNMATCHED. */
    public record StatementView(long id, StatementFormat format, String statementKey, String messageId, String account,
            LocalDate periodFrom, LocalDate periodTo, String fileSha256, String importedBy, OffsetDateTime importedAt,
            int lines, int matched, int unmatched, int ignored, int duplicates, int overpaid, String amountMatched,
            long unmatchedNow) {
    }

    /** A statement line and what became of it. */
    public record LineView(long id, long statementId, int lineNo, LocalDate valueDate, String amount, String currency,
            Direction direction, String entryStatus, LineStatus status, String reason, String invoiceNumber,
            Long paymentId, boolean overpaid, String remittance, String references, String debtor, String externalId,
            String assignedBy, OffsetDateTime assignedAt) {
    }
}
