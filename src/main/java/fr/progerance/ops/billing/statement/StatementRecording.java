package fr.progerance.ops.billing.statement;

import fr.progerance.ops.billing.ledger.NewPayment;
import fr.progerance.ops.billing.ledger.PaymentRecorder;
import fr.progerance.ops.billing.ledger.PaymentSource;
import fr.progerance.ops.billing.ledger.Payments;
import fr.progerance.ops.billing.ledger.RecordedPayment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the matcher's decisions into what each line becomes, recording the payments of the MATCHED
 * lines through {@link PaymentRecorder} (DESIGN rule 11: a payment is a record). Runs inside the
 * import's transaction, so the statement, its lines and its payments are written together or not at
 * all.
 *
 * <ul>
 * <li>Each line has a stable external id ({@link #externalId}): a payment is recorded once per bank
 *     entry, whatever statements show it.</li>
 * <li>A line whose bank entry was already in an earlier statement (or earlier in this one) is
 *     DUPLICATE: nothing recorded twice, the reason names where it was.</li>
 * <li>A payment above what the invoice needs is still recorded (never lose money) and flagged;
 *     a partial payment is recorded and says what is left (R8.2: the rest stays due).</li>
 * <li>Payments are recorded client by client (ascending id), so two imports never take two
 *     clients' account locks in opposite orders.</li>
 * </ul>
 */
final class StatementRecording {

    /** The earlier line of the same bank entry (not IGNORED, not itself a duplicate). */
    record Prior(long statementId, int lineNo, LineStatus status, Long paymentId) {
    }

    /** Finds earlier lines by external id. */
    interface PriorLines {
        Optional<Prior> find(String externalId);
    }

    /**
     * What a line became.
     *
     * @param overpaid the payment is more than the invoice needed
     */
    record Outcome(BankLine line, String externalId, LineStatus status, String reason, String invoiceNumber,
            Long paymentId, boolean overpaid) {
    }

    private final PaymentRecorder recorder;
    private final PriorLines prior;

    StatementRecording(PaymentRecorder recorder, PriorLines prior) {
        this.recorder = recorder;
        this.prior = prior;
    }

    /** The payment's external id of a line: its bank entry's id, else the statement key and the line number. */
    static String externalId(ParsedStatement statement, BankLine line) {
        String id = line.entryId() != null ? line.entryId() : statement.statementKey() + "/" + line.lineNo();
        return id.length() <= Payments.MAX_EXTERNAL_ID ? id : "sha256:" + BankText.sha256(id);
    }

    /** @param decisions one per line, in the same order */
    List<Outcome> record(ParsedStatement statement, List<StatementMatcher.Decision> decisions, String user) {
        int size = statement.lines().size();
        Outcome[] outcomes = new Outcome[size];
        Map<String, Integer> seen = new HashMap<>();
        List<Integer> toRecord = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            BankLine line = statement.lines().get(i);
            StatementMatcher.Decision decision = decisions.get(i);
            String externalId = externalId(statement, line);
            if (decision.status() == LineStatus.IGNORED) {
                outcomes[i] = new Outcome(line, externalId, LineStatus.IGNORED, decision.reason(), null, null, false);
                continue;
            }
            Integer earlier = seen.putIfAbsent(externalId, line.lineNo());
            if (earlier != null) {
                outcomes[i] = new Outcome(line, externalId, LineStatus.DUPLICATE,
                        "the same bank entry as line " + earlier + " of this statement", decision.invoiceNumber(), null,
                        false);
                continue;
            }
            Optional<Prior> before = line.entryId() == null ? Optional.empty() : prior.find(externalId);
            if (before.isPresent()) {
                Prior p = before.get();
                outcomes[i] = new Outcome(line, externalId, LineStatus.DUPLICATE, "the same bank entry was imported"
                        + " with statement " + p.statementId() + ", line " + p.lineNo() + " (" + p.status() + ")",
                        decision.invoiceNumber(), p.paymentId(), false);
                continue;
            }
            if (decision.status() == LineStatus.MATCHED) {
                toRecord.add(i);
            } else {
                outcomes[i] = new Outcome(line, externalId, LineStatus.UNMATCHED, decision.reason(),
                        decision.invoiceNumber(), null, false);
            }
        }
        toRecord.sort(Comparator.comparing((Integer i) -> decisions.get(i).invoice().clientId(),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(i -> i));
        PaymentSource source = statement.format() == StatementFormat.CSV ? PaymentSource.CSV : PaymentSource.CAMT053;
        Map<String, BigDecimal> due = new HashMap<>();
        for (int i : toRecord) {
            BankLine line = statement.lines().get(i);
            StatementMatcher.Decision decision = decisions.get(i);
            String number = decision.invoiceNumber();
            BigDecimal dueBefore = due.containsKey(number) ? due.get(number) : decision.invoice().due();
            String externalId = externalId(statement, line);
            RecordedPayment recorded = recorder.record(new NewPayment(number, line.amount().setScale(2), line.valueDate(),
                    paymentReference(line), source, externalId, user));
            due.put(number, recorded.invoiceDue());
            if (recorded.duplicate()) {
                outcomes[i] = new Outcome(line, externalId, LineStatus.DUPLICATE, "already recorded as payment "
                        + recorded.paymentId() + " (the same bank entry in another statement)", number,
                        recorded.paymentId(), false);
                continue;
            }
            boolean overpaid = overpaid(line.amount(), dueBefore);
            String reason = note(line.amount(), dueBefore, recorded.invoiceDue(), number);
            outcomes[i] = new Outcome(line, externalId, LineStatus.MATCHED, reason, number, recorded.paymentId(),
                    overpaid);
        }
        return List.of(outcomes);
    }

    /** The payment is more than the invoice needed (unknown need: not flagged). */
    static boolean overpaid(BigDecimal amount, BigDecimal dueBefore) {
        return dueBefore != null && amount.compareTo(dueBefore) > 0;
    }

    /** What a recorded payment did to its invoice when it did not just settle it: overpaid or partial; else null. */
    static String note(BigDecimal amount, BigDecimal dueBefore, BigDecimal dueAfter, String number) {
        if (overpaid(amount, dueBefore)) {
            return "overpaid: " + money(amount) + " where invoice " + number + " needed " + money(dueBefore) + " ("
                    + money(amount.subtract(dueBefore)) + " more): recorded all the same, see the client's account";
        }
        if (dueBefore != null && amount.compareTo(dueBefore) < 0) {
            return "partial payment: " + money(amount) + " of " + money(dueBefore) + "; " + (dueAfter == null
                    ? "what is still due on invoice " + number + " is unknown until the missing legal rate is entered"
                    : money(dueAfter) + " still due on invoice " + number);
        }
        return null;
    }

    /** What the payment record shows as its reference: what the payer wrote, else the bank's references. */
    static String paymentReference(BankLine line) {
        List<String> parts = line.texts().isEmpty() ? line.references() : line.texts();
        String reference = BankText.bounded(String.join(" ", parts), Payments.MAX_REFERENCE);
        return reference != null ? reference : "statement line " + line.lineNo();
    }

    static String money(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), java.math.RoundingMode.UNNECESSARY)
                .toPlainString();
    }
}
