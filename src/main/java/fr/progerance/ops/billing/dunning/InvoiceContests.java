package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.billing.CreditNotes;
import fr.progerance.ops.billing.ledger.ClientLedger;
import fr.progerance.ops.billing.ledger.InvoiceStanding;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.web.NotFoundException;
import fr.progerance.ops.web.TextRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contests by registered letter (R7.6, R7.7): recorded by ops or managers with the letter's date,
 * accepted within the contest window of the invoice's issue, else refused with the reason (both
 * kept). After the commit the invoice's dunning hears of it ({@link ContestRecorded}); an accepted
 * contest becomes a managers' task there, which never stops the dunning's timers (R7.7). The
 * managers' decision and the credit note it grants are written here, on the record.
 */
@Service
public class InvoiceContests {

    /** Longest contest reason and decision note. */
    public static final int MAX_TEXT = 1000;

    private final InvoiceContestRepository contests;
    private final ClientLedger ledger;
    private final CreditNotes creditNotes;
    private final DunningTimeline timeline;
    private final BillingSettings settings;
    private final ContractClock clock;
    private final ApplicationEventPublisher events;

    public InvoiceContests(InvoiceContestRepository contests, ClientLedger ledger, CreditNotes creditNotes,
            DunningTimeline timeline, BillingSettings settings, ApplicationEventPublisher events) {
        this.contests = contests;
        this.ledger = ledger;
        this.creditNotes = creditNotes;
        this.timeline = timeline;
        this.settings = settings;
        this.clock = timeline.clock();
        this.events = events;
    }

    /**
     * Records a contest letter: ACCEPTED when dated within the window of the invoice's issue and
     * not in the future, else REFUSED with the reason. Either way it is kept with who and when.
     *
     * @throws NotFoundException for an unknown invoice (404)
     */
    @Transactional
    public InvoiceContest record(String invoiceNumber, LocalDate letterDate, String reason, String recordedBy) {
        InvoiceStanding invoice = ledger.invoice(invoiceNumber);
        ContestWindow.Verdict verdict = timeline.contest(invoice.issuedAt(), letterDate);
        InvoiceContest contest = contests.save(new InvoiceContest(invoice.number(), invoice.clientId(),
                invoice.contractId(), invoice.issuedOn(), exclTax(invoice.totalInclTax()), letterDate, reason.strip(),
                verdict, recordedBy, clock.instant()));
        events.publishEvent(new ContestRecorded(contest.getId(), contest.getInvoiceNumber(), contest.getClientId()));
        return contest;
    }

    /** The invoice's amount excluding tax (R7.1): what a credit note may give back at most. */
    BigDecimal exclTax(BigDecimal inclTax) {
        return inclTax.divide(BigDecimal.ONE.add(settings.getInvoicing().getVatRate()), 2, RoundingMode.HALF_UP);
    }

    /**
     * The letter the contest subprocess {@code executionId} answers: the one it claimed already (a
     * retried job), else the oldest letter of the invoice nobody answered yet. A message without
     * such a record answers nothing (DESIGN rule 11).
     *
     * @throws IllegalStateException when the invoice has no unanswered contest record
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public InvoiceContest claim(String invoiceNumber, String executionId) {
        Optional<InvoiceContest> mine = contests.findByClaimedBy(executionId);
        if (mine.isPresent()) {
            return mine.get();
        }
        InvoiceContest next = contests.findFirstByInvoiceNumberAndClaimedByIsNullOrderByIdAsc(invoiceNumber)
                .orElseThrow(() -> new IllegalStateException("Invoice " + invoiceNumber + " has no contest letter left"
                        + " to answer: a contest message without its record (POST /api/invoices/{n}/contest) answers"
                        + " nothing"));
        next.claim(executionId);
        contests.flush();
        return next;
    }

    @Transactional(readOnly = true)
    public Optional<InvoiceContest> find(long id) {
        return contests.findById(id);
    }

    @Transactional(readOnly = true)
    public List<InvoiceContest> list(String invoiceNumber) {
        return contests.findByInvoiceNumberOrderByIdAsc(invoiceNumber);
    }

    /**
     * Why the managers' decision on {@code contestId} cannot be recorded, or empty when it can
     * (checked before Task_DecideContest completes: a refusal keeps the task open).
     */
    @Transactional(readOnly = true)
    public Optional<String> problem(Long contestId, String decision, BigDecimal amount, String note) {
        InvoiceContest contest = contestId == null ? null : contests.findById(contestId).orElse(null);
        if (contest == null || contest.getStatus() != ContestStatus.ACCEPTED) {
            return Optional.of("Contest " + contestId + " is not an accepted contest: nothing to decide");
        }
        if (contest.getDecision() != null) {
            return Optional.of("Contest " + contestId + " was decided already by " + contest.getDecidedBy());
        }
        ContestDecision chosen;
        try {
            chosen = decision == null ? null : ContestDecision.valueOf(decision);
        } catch (IllegalArgumentException e) {
            chosen = null;
        }
        if (chosen == null) {
            return Optional.of("Choose the decision (" + InvoiceDunningProcess.Vars.CONTEST_DECISION + "): CREDIT_NOTE"
                    + " or REJECT");
        }
        if (chosen == ContestDecision.CREDIT_NOTE) {
            if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
                return Optional.of("A credit note needs a positive amount in euros with at most two decimals ("
                        + InvoiceDunningProcess.Vars.CREDIT_NOTE_AMOUNT + ")");
            }
            if (amount.compareTo(contest.getInvoiceExclTax()) > 0) {
                return Optional.of("R7.6: the credit note (" + amount.toPlainString() + " EUR) may not exceed the"
                        + " invoice's amount excluding tax, " + contest.getInvoiceExclTax().toPlainString() + " EUR");
            }
        } else if (amount != null) {
            return Optional.of("A rejection grants no credit note: leave the amount ("
                    + InvoiceDunningProcess.Vars.CREDIT_NOTE_AMOUNT + ") empty");
        }
        if (note == null || note.isBlank()) {
            return Optional.of("Say why (" + InvoiceDunningProcess.Vars.CONTEST_NOTE + "): the client reads it");
        }
        return TextRules.problem(note, true, MAX_TEXT).map(p -> InvoiceDunningProcess.Vars.CONTEST_NOTE + " " + p);
    }

    /** Records the managers' decision with who and when (the completion of Task_DecideContest). */
    @Transactional(propagation = Propagation.MANDATORY)
    public InvoiceContest decide(long contestId, ContestDecision decision, BigDecimal amount, String note, String by) {
        Optional<String> problem = problem(contestId, decision.name(), amount, note);
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
        InvoiceContest contest = get(contestId);
        contest.decide(decision, amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY), note.strip(),
                by, clock.instant());
        return contest;
    }

    /**
     * R7.6: the credit note a CREDIT_NOTE decision grants, issued once (its id is kept on the record
     * in the same transaction, so a retried job finds it).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public InvoiceContest issueCreditNote(long contestId) {
        InvoiceContest contest = get(contestId);
        if (contest.getDecision() != ContestDecision.CREDIT_NOTE) {
            throw new IllegalStateException("Contest " + contestId + " grants no credit note (decision "
                    + contest.getDecision() + ")");
        }
        if (contest.getCreditNoteId() == null) {
            long id = creditNotes.issue(contest.getContractId(), contest.getCreditNoteAmount(),
                    "Avoir suite à votre contestation de la facture " + contest.getInvoiceNumber()
                            + " (lettre du " + FrenchFormats.date(contest.getLetterDate()) + ")",
                    "R7.6", contest.getDecidedBy());
            contest.creditNoteIssued(id);
        }
        return contest;
    }

    @Transactional(readOnly = true)
    public InvoiceContest get(long contestId) {
        return contests.findById(contestId).orElseThrow(() -> new NotFoundException("Contest", contestId));
    }
}
