package fr.progerance.ops.billing.statement;

import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.billing.ledger.NewPayment;
import fr.progerance.ops.billing.ledger.PaymentRecorder;
import fr.progerance.ops.billing.ledger.PaymentSource;
import fr.progerance.ops.billing.ledger.Payments;
import fr.progerance.ops.billing.ledger.RecordedPayment;
import fr.progerance.ops.billing.statement.StatementViews.ImportSummary;
import fr.progerance.ops.billing.statement.StatementViews.LineView;
import fr.progerance.ops.billing.statement.StatementViews.StatementView;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.web.ConflictException;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports bank statements and lets ops assign what matching left (issue 9: payments also come from
 * importing a bank statement; unmatched lines are listed for ops, never dropped; the same statement
 * imported twice changes nothing).
 *
 * <p>An import reads the whole file first ({@link Camt053Parser}, {@link CsvStatementParser}): a bad
 * file is refused before anything is written. Matching looks the invoices up, then one transaction
 * writes the statement, every line and the payments of the matched lines ({@link PaymentRecorder},
 * under each client's account lock): all of it or nothing.
 */
@Service
public class StatementService {

    /** The largest statement file read (a month of a busy account in camt.053 is well under 1 MB). */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    /** Tries of an import's or an assignment's transaction when an account lock is busy. */
    private static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(StatementService.class);
    /** The lines an earlier line of the same bank entry may have: the ones that count. */
    private static final EnumSet<LineStatus> COUNTING = EnumSet.of(LineStatus.MATCHED, LineStatus.UNMATCHED,
            LineStatus.ASSIGNED);

    private final BankStatementRepository statements;
    private final StatementLineRepository lines;
    private final PaymentRecorder recorder;
    private final InvoiceLookup invoices;
    private final BillingSettings settings;
    private final ContractClock clock;
    private final TransactionTemplate transaction;
    private final Camt053Parser camt = new Camt053Parser();
    private final CsvStatementParser csv = new CsvStatementParser();

    StatementService(BankStatementRepository statements, StatementLineRepository lines, PaymentRecorder recorder,
            InvoiceLookup invoices, BillingSettings settings, ContractClock clock,
            PlatformTransactionManager transactions) {
        this.statements = statements;
        this.lines = lines;
        this.recorder = recorder;
        this.invoices = invoices;
        this.settings = settings;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What an import did: {@code created} false when the statement was imported before (nothing changed). */
    public record ImportResult(boolean created, ImportSummary summary) {
    }

    /**
     * Imports a statement file.
     *
     * @throws InvalidStatementException the file cannot be read (nothing imported)
     * @throws ConflictException         a camt.053 statement with the same message and statement ids
     *                                   was imported from a file whose lines differ
     */
    public ImportResult importStatement(StatementFormat format, byte[] file, String user) {
        ParsedStatement parsed = format == StatementFormat.CAMT053 ? camt.parse(file) : csv.parse(file);
        String sha256 = BankText.sha256(file);
        Optional<BankStatement> existing = statements.findByStatementKey(parsed.statementKey());
        if (existing.isPresent()) {
            return alreadyImported(existing.get(), parsed);
        }
        StatementMatcher matcher = new StatementMatcher(numbers(), invoices);
        var today = clock.today();
        List<StatementMatcher.Decision> decisions = parsed.lines().stream().map(l -> matcher.decide(l, today)).toList();
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.execute(status -> write(parsed, decisions, sha256, user));
            } catch (DataIntegrityViolationException e) {
                // The same statement, imported at the same moment by someone else, committed first.
                return statements.findByStatementKey(parsed.statementKey()).map(s -> alreadyImported(s, parsed))
                        .orElseThrow(() -> e);
            } catch (ConcurrencyFailureException busy) {
                // A client's account stayed locked (a dunning decision) longer than the database waits:
                // nothing was written; the whole import runs again.
                if (attempt >= ATTEMPTS) {
                    throw new ConflictException("A client's account is busy (a dunning decision): import the"
                            + " statement again in a moment; nothing was imported", List.of());
                }
            }
        }
    }

    private ImportResult write(ParsedStatement parsed, List<StatementMatcher.Decision> decisions, String sha256,
            String user) {
        BankStatement statement = statements.saveAndFlush(new BankStatement(parsed, sha256, user, clock.instant()));
        List<StatementRecording.Outcome> outcomes = new StatementRecording(recorder, this::prior)
                .record(parsed, decisions, user);
        int matched = 0;
        int unmatched = 0;
        int ignored = 0;
        int duplicates = 0;
        int overpaid = 0;
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        List<StatementLine> saved = new ArrayList<>();
        for (StatementRecording.Outcome outcome : outcomes) {
            saved.add(lines.save(new StatementLine(statement.getId(), outcome)));
            switch (outcome.status()) {
                case MATCHED -> {
                    matched++;
                    amount = amount.add(outcome.line().amount());
                }
                case UNMATCHED -> unmatched++;
                case IGNORED -> ignored++;
                case DUPLICATE -> duplicates++;
                case ASSIGNED -> throw new IllegalStateException("a new line is never ASSIGNED");
            }
            overpaid += outcome.overpaid() ? 1 : 0;
        }
        statement.counts(outcomes.size(), matched, unmatched, ignored, duplicates, overpaid, amount);
        LOG.info("Statement {} ({}, key {}) imported by {}: {} lines, {} matched ({} EUR), {} unmatched, {} ignored,"
                + " {} duplicates, {} overpaid", statement.getId(), parsed.format(), parsed.statementKey(), user,
                outcomes.size(), matched, amount, unmatched, ignored, duplicates, overpaid);
        return new ImportResult(true, summary(statement, false, saved));
    }

    private Optional<StatementRecording.Prior> prior(String externalId) {
        return lines.findByExternalIdAndStatusInOrderByIdAsc(externalId, COUNTING).stream().findFirst()
                .map(l -> new StatementRecording.Prior(l.getStatementId(), l.getLineNo(), l.getStatus(),
                        l.getPaymentId()));
    }

    /**
     * The same statement again: nothing changes, the first import's summary is answered. A camt.053
     * file with the same ids whose lines differ is not the same statement: 409, for a human to look.
     * (A CSV statement's key is its normalised content: the same key is the same content.)
     */
    private ImportResult alreadyImported(BankStatement statement, ParsedStatement parsed) {
        List<StatementLine> stored = lines.findByStatementIdOrderByLineNoAsc(statement.getId());
        if (parsed.format() == StatementFormat.CAMT053 && !sameLines(parsed, stored)) {
            throw new ConflictException("Statement " + parsed.statementKey() + " was already imported (statement "
                    + statement.getId() + ", on " + clock.atZone(statement.getImportedAt()).toLocalDate() + " by "
                    + statement.getImportedBy() + ") with other lines: a corrected statement comes with a new"
                    + " message id; compare the two files", List.of(new FieldProblem("body",
                    "same GrpHdr/MsgId and Stmt/Id as statement " + statement.getId() + ", different entries")));
        }
        return new ImportResult(false, summary(statement, true, stored));
    }

    private static boolean sameLines(ParsedStatement parsed, List<StatementLine> stored) {
        if (parsed.lines().size() != stored.size()) {
            return false;
        }
        for (int i = 0; i < stored.size(); i++) {
            BankLine line = parsed.lines().get(i);
            StatementLine kept = stored.get(i);
            if (line.lineNo() != kept.getLineNo()
                    || !StatementRecording.externalId(parsed, line).equals(kept.getExternalId())
                    || line.amount().compareTo(kept.getAmount()) != 0 || line.direction() != kept.getDirection()
                    || !line.valueDate().equals(kept.getValueDate())) {
                return false;
            }
        }
        return true;
    }

    private ImportSummary summary(BankStatement s, boolean alreadyImported, List<StatementLine> statementLines) {
        List<LineView> attention = statementLines.stream()
                .filter(l -> l.getStatus() == LineStatus.UNMATCHED || l.isOverpaid()).map(this::view).toList();
        return new ImportSummary(s.getId(), s.getFormat(), s.getStatementKey(), alreadyImported, s.getImportedBy(),
                clock.atZone(s.getImportedAt()), s.getLineCount(), s.getMatchedCount(), s.getUnmatchedCount(),
                s.getIgnoredCount(), s.getDuplicateCount(), s.getOverpaidCount(), money(s.getAmountMatched()),
                attention);
    }

    /** Every imported statement, the latest first. */
    public List<StatementView> list() {
        Map<Long, Long> unmatchedNow = new HashMap<>();
        for (Object[] row : lines.countByStatementWithStatus(LineStatus.UNMATCHED)) {
            unmatchedNow.put((Long) row[0], (Long) row[1]);
        }
        return statements.findAllByOrderByImportedAtDescIdDesc().stream().map(s -> new StatementView(s.getId(),
                s.getFormat(), s.getStatementKey(), s.getMessageId(), s.getAccount(), s.getPeriodFrom(),
                s.getPeriodTo(), s.getFileSha256(), s.getImportedBy(), clock.atZone(s.getImportedAt()),
                s.getLineCount(), s.getMatchedCount(), s.getUnmatchedCount(), s.getIgnoredCount(),
                s.getDuplicateCount(), s.getOverpaidCount(), money(s.getAmountMatched()),
                unmatchedNow.getOrDefault(s.getId(), 0L))).toList();
    }

    /** Every line of a statement, in file order. @throws NotFoundException an unknown statement */
    public List<LineView> lines(long statementId) {
        if (!statements.existsById(statementId)) {
            throw new NotFoundException("Statement", statementId);
        }
        return lines.findByStatementIdOrderByLineNoAsc(statementId).stream().map(this::view).toList();
    }

    /** Every UNMATCHED line, with its reason, the oldest value date first. */
    public List<LineView> unmatched() {
        return lines.findByStatusOrderByValueDateAscIdAsc(LineStatus.UNMATCHED).stream().map(this::view).toList();
    }

    /**
     * Ops assign an UNMATCHED line to an invoice: the payment is recorded (source MATCHED_BY_OPS,
     * the line's external id, so never twice), and the line becomes ASSIGNED with who and when.
     *
     * @throws InvalidInputException {@code invoiceNumber} is not an invoice number, or no invoice has it
     * @throws NotFoundException     an unknown line
     * @throws ConflictException     the line is not UNMATCHED (assigned already, matched, ignored,
     *                               duplicate) or cannot be a payment in euros
     */
    public LineView assign(long lineId, String invoiceNumber, String user) {
        InvoiceNumberFinder numbers = numbers();
        String number = numbers.parse(invoiceNumber).orElseThrow(() -> new InvalidInputException("invoiceNumber",
                "must be an invoice number such as " + numbers.example()));
        if (!lines.existsById(lineId)) {
            throw new NotFoundException("Statement line", lineId);
        }
        InvoiceLookup.Invoice invoice = invoices.find(number).orElseThrow(() -> new InvalidInputException(
                "invoiceNumber", "invoice " + number + " does not exist"));
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.execute(status -> assignLocked(lineId, number, invoice, user));
            } catch (ConcurrencyFailureException busy) {
                if (attempt >= ATTEMPTS) {
                    throw new ConflictException("The client's account is busy (a dunning decision): try again",
                            List.of(new FieldProblem("invoiceNumber", "its client's account is busy, try again")));
                }
            }
        }
    }

    private LineView assignLocked(long lineId, String number, InvoiceLookup.Invoice invoice, String user) {
        StatementLine line = lines.lockById(lineId).orElseThrow(() -> new NotFoundException("Statement line", lineId));
        refuseUnassignable(line);
        if (invoice.issuedOn() != null && line.getValueDate().isBefore(invoice.issuedOn())) {
            throw new InvalidInputException("invoiceNumber", "the line's value date " + line.getValueDate()
                    + " is before the issue of invoice " + number + " on " + invoice.issuedOn());
        }
        BigDecimal amount = line.getAmount().setScale(2);
        String reference = BankText.bounded(line.getRemittance() != null ? line.getRemittance()
                : line.getReferences(), Payments.MAX_REFERENCE);
        RecordedPayment payment = recorder.record(new NewPayment(number, amount, line.getValueDate(),
                reference != null ? reference : "statement line " + line.getLineNo(), PaymentSource.MATCHED_BY_OPS,
                line.getExternalId(), user));
        String note = payment.duplicate()
                ? "the payment of this bank entry was already recorded (payment " + payment.paymentId() + ")"
                : StatementRecording.note(amount, invoice.due(), payment.invoiceDue(), number);
        line.assign(number, payment.paymentId(), user, clock.instant(), note,
                !payment.duplicate() && StatementRecording.overpaid(amount, invoice.due()));
        LOG.info("Statement line {} ({} {}) assigned to invoice {} by {}: payment {}", lineId, money(amount),
                line.getCurrency(), number, user, payment.paymentId());
        return view(line);
    }

    private void refuseUnassignable(StatementLine line) {
        if (line.getStatus() == LineStatus.ASSIGNED) {
            throw new ConflictException("Statement line " + line.getId() + " was already assigned to invoice "
                    + line.getInvoiceNumber() + " by " + line.getAssignedBy() + " on "
                    + clock.atZone(line.getAssignedAt()), List.of());
        }
        if (line.getStatus() != LineStatus.UNMATCHED) {
            throw new ConflictException("Statement line " + line.getId() + " is " + line.getStatus()
                    + ": only UNMATCHED lines are assigned", List.of());
        }
        if (!"EUR".equals(line.getCurrency())) {
            throw new ConflictException("Statement line " + line.getId() + " is in " + line.getCurrency()
                    + ": a payment is recorded in euros (R7.1); record the converted amount with POST /api/payments",
                    List.of());
        }
        if (line.getAmount().signum() <= 0 || line.getAmount().stripTrailingZeros().scale() > 2) {
            throw new ConflictException("Statement line " + line.getId() + " has the amount "
                    + line.getAmount().toPlainString() + ": not a payment to record", List.of());
        }
        if (line.getValueDate().isAfter(clock.today())) {
            throw new ConflictException("Statement line " + line.getId() + " has the value date "
                    + line.getValueDate() + ", in the future: assign it once it is reached", List.of());
        }
    }

    private InvoiceNumberFinder numbers() {
        return new InvoiceNumberFinder(settings.getInvoicing().getNumberPrefix());
    }

    LineView view(StatementLine l) {
        return new LineView(l.getId(), l.getStatementId(), l.getLineNo(), l.getValueDate(), money(l.getAmount()),
                l.getCurrency(), l.getDirection(), l.getEntryStatus(), l.getStatus(), l.getReason(),
                l.getInvoiceNumber(), l.getPaymentId(), l.isOverpaid(), l.getRemittance(), l.getReferences(),
                l.getDebtor(), l.getExternalId(), l.getAssignedBy(),
                l.getAssignedAt() == null ? null : clock.atZone(l.getAssignedAt()));
    }

    private static String money(BigDecimal amount) {
        return StatementRecording.money(amount);
    }
}
