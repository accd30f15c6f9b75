package fr.progerance.ops.billing.statement;

import java.time.LocalDate;
import java.util.List;

/**
 * A bank statement read in full, before anything is recorded.
 *
 * @param format       how it came
 * @param statementKey what makes it the same statement when sent again: camt.053 {@code GrpHdr/MsgId}
 *                     and the {@code Stmt/Id}s; CSV the SHA-256 of its normalised content
 * @param messageId    camt.053 {@code GrpHdr/MsgId}, null for CSV
 * @param account      the account's IBAN (several joined by a comma), null for CSV
 * @param from         first day covered ({@code FrToDt}), or null
 * @param to           last day covered, or null
 * @param lines        every line, in file order
 */
public record ParsedStatement(StatementFormat format, String statementKey, String messageId, String account,
        LocalDate from, LocalDate to, List<BankLine> lines) {

    public ParsedStatement {
        lines = List.copyOf(lines);
    }
}
