package fr.progerance.ops.billing.statement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One line of a bank statement as the file says it: a camt.053 entry, or one transaction of a batch
 * entry, or a CSV row. Nothing is decided yet ({@link StatementMatcher} decides).
 *
 * @param lineNo     camt.053: the line's order in the file (1, 2, ...; a batch entry gives one line
 *                   per transaction); CSV: the line's number in the file (the header is line 1)
 * @param entryId    a stable id of the bank entry, the same in every statement that shows it (camt:
 *                   account + the bank's reference + transaction index; CSV: its {@code entry_id}),
 *                   or null when the file gives none
 * @param valueDate  value date ({@code ValDt}, else the booking date)
 * @param amount     as written, never negative (the direction says which way)
 * @param currency   ISO 4217 code
 * @param direction  credit (received) or debit
 * @param booked     the bank booked the entry ({@code Sts} BOOK; every CSV line)
 * @param status     the entry status as written ({@code BOOK}, {@code PDNG}...)
 * @param texts      what the payer wrote and the references that may quote an invoice number:
 *                   unstructured remittance ({@code Ustrd}, each), structured creditor references,
 *                   end-to-end id, additional information; CSV: reference and label
 * @param references the bank's references of the line, for ops ({@code NtryRef}, {@code AcctSvcrRef},
 *                   {@code EndToEndId}; CSV: {@code entry_id})
 * @param debtor     the payer's name, or null
 * @param problem    why this line cannot be matched automatically although it was read (a batch
 *                   without per-transaction amounts, an entry without any bank reference), or null
 */
public record BankLine(int lineNo, String entryId, LocalDate valueDate, BigDecimal amount, String currency,
        Direction direction, boolean booked, String status, List<String> texts, List<String> references,
        String debtor, String problem) {

    public BankLine {
        texts = List.copyOf(texts);
        references = List.copyOf(references);
    }
}
