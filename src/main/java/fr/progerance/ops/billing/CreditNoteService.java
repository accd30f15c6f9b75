package fr.progerance.ops.billing;

import fr.progerance.ops.billing.ledger.Payments;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Contract;
import fr.progerance.ops.contract.ContractRepository;
import fr.progerance.ops.web.FieldProblem;
import fr.progerance.ops.web.InvalidInputException;
import fr.progerance.ops.web.NotFoundException;
import fr.progerance.ops.web.TextRules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link CreditNotes}: records credit notes (R4.4-c, R7.6); {@link InvoiceIssuer} deducts them. */
@Component
public class CreditNoteService implements CreditNotes {

    /** A rule id of contract/RULES.md: {@code R4.4-c}, {@code R7.6}. */
    public static final String RULE_PATTERN = "R[0-9]{1,2}(\\.[0-9]{1,2}){0,2}(-[a-z0-9]{1,4})?";
    public static final int MAX_REASON = 500;
    private static final Pattern RULE = Pattern.compile(RULE_PATTERN);

    private final CreditNoteRepository notes;
    private final ContractRepository contracts;
    private final ContractClock clock;

    public CreditNoteService(CreditNoteRepository notes, ContractRepository contracts, ContractClock clock) {
        this.notes = notes;
        this.contracts = contracts;
        this.clock = clock;
    }

    @Override
    @Transactional
    public long issue(long contractId, BigDecimal amountExclTax, String reason, String rule, String createdBy) {
        return record(contractId, amountExclTax, reason, rule, createdBy).getId();
    }

    /**
     * As {@link #issue}, answering the record.
     *
     * @throws InvalidInputException naming each bad field (an unknown contract is a bad {@code contractId})
     */
    @Transactional
    public CreditNote record(long contractId, BigDecimal amountExclTax, String reason, String rule,
            String createdBy) {
        List<FieldProblem> problems = new ArrayList<>();
        Contract contract = contracts.findById(contractId).orElse(null);
        if (contract == null) {
            problems.add(new FieldProblem("contractId", "contract " + contractId + " does not exist"));
        }
        if (amountExclTax == null) {
            problems.add(new FieldProblem("amountExclTax", "is required"));
        } else if (amountExclTax.signum() <= 0) {
            problems.add(new FieldProblem("amountExclTax", "must be positive"));
        } else if (amountExclTax.stripTrailingZeros().scale() > 2) {
            problems.add(new FieldProblem("amountExclTax", "must have at most 2 decimals"));
        } else if (amountExclTax.compareTo(Payments.MAX_AMOUNT) > 0) {
            problems.add(new FieldProblem("amountExclTax", "must be at most " + Payments.MAX_AMOUNT.toPlainString()));
        }
        if (reason == null || reason.isBlank()) {
            problems.add(new FieldProblem("reason", "is required"));
        } else {
            TextRules.problem(reason, false, MAX_REASON).ifPresent(m -> problems.add(new FieldProblem("reason", m)));
        }
        if (rule == null || !RULE.matcher(rule).matches()) {
            problems.add(new FieldProblem("rule", "must be a rule id of the contract, such as R4.4-c or R7.6"));
        }
        if (createdBy == null || createdBy.isBlank()) {
            problems.add(new FieldProblem("createdBy", "is required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return notes.save(new CreditNote(contractId, contract.getClientId(), amountExclTax.setScale(2),
                reason.strip(), rule, createdBy, clock.instant()));
    }

    /** @throws NotFoundException an unknown credit note */
    @Transactional(readOnly = true)
    public CreditNote get(long id) {
        return notes.findById(id).orElseThrow(() -> new NotFoundException("Credit note", id));
    }

    /** Credit notes, newest first; of one contract when {@code contractId} is given. */
    @Transactional(readOnly = true)
    public List<CreditNote> list(Long contractId) {
        return contractId == null ? notes.findAllByOrderByCreatedAtDescIdDesc()
                : notes.findByContractIdOrderByCreatedAtDescIdDesc(contractId);
    }
}
