package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.billing.CreditNotes;
import fr.progerance.ops.billing.FrenchFormat;
import fr.progerance.ops.calendar.AvailabilityMonth;
import fr.progerance.ops.calendar.ContractClock;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * R4.4-c, R5.2: the month's penalties become credit notes, deducted by billing from each contract's
 * next invoice (never a refund). One record per contract and month ({@code ops_availability_penalty},
 * a unique key): issuing again, on a retried job or another node, issues nothing twice. A contract
 * whose servers are of both kinds gets the larger of its rows' credit notes (the fee is paid once).
 * The managers' review is recorded with who and when ({@code ops_availability_review}); when its due
 * date passes without one, the penalties are owed anyway and the credit notes name the system user.
 */
@Component
public class AvailabilityPenalties {

    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityPenalties.class);
    public static final String RULE = "R4.4-c";

    /** How a month's review ended. */
    public enum ReviewOutcome {
        APPROVED, DUE_DATE_PASSED
    }

    /** A month's review record. */
    public record Review(String month, ReviewOutcome outcome, String reviewedBy, Instant reviewedAt) {
    }

    /** What issuing did. */
    public record IssueReport(int issued, int alreadyIssued, int withoutPenalty, BigDecimal total) {
    }

    private final AvailabilityReports reports;
    private final CreditNotes creditNotes;
    private final JdbcTemplate jdbc;
    private final ContractClock clock;
    private final AvailabilitySettings settings;
    private final AvailabilityMetrics metrics;
    private final TransactionTemplate ownTransaction;

    public AvailabilityPenalties(AvailabilityReports reports, CreditNotes creditNotes, JdbcTemplate jdbc,
            ContractClock clock, AvailabilitySettings settings, AvailabilityMetrics metrics,
            PlatformTransactionManager transactions) {
        this.reports = reports;
        this.creditNotes = creditNotes;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records the managers' approval of {@code month} (the first record of a month stays). */
    public Review approve(AvailabilityMonth month, String manager) {
        return record(month, ReviewOutcome.APPROVED, manager);
    }

    public Optional<Review> review(AvailabilityMonth month) {
        return jdbc.query("select review_month, outcome, reviewed_by, reviewed_at from ops_availability_review where review_month = ?",
                (rs, n) -> new Review(rs.getString(1), ReviewOutcome.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant()), month.toString()).stream().findFirst();
    }

    private Review record(AvailabilityMonth month, ReviewOutcome outcome, String by) {
        try {
            ownTransaction.executeWithoutResult(tx -> jdbc.update("insert into ops_availability_review"
                    + " (review_month, outcome, reviewed_by, reviewed_at) values (?, ?, ?, ?)", month.toString(),
                    outcome.name(), by, Timestamp.from(clock.instant())));
        } catch (DuplicateKeyException e) {
            LOG.debug("Review of {} already recorded", month);
        }
        return review(month).orElseThrow();
    }

    /**
     * Issues the month's credit notes: one per contract with a penalty, each in its own transaction
     * with its penalty record. Without a review record, records that the due date passed.
     *
     * @throws IllegalStateException naming the contracts that failed, after the others were issued
     */
    public IssueReport issue(AvailabilityMonth month) {
        Review review = review(month).orElseGet(() -> record(month, ReviewOutcome.DUE_DATE_PASSED,
                settings.getPenalties().getSystemUser()));
        Map<Long, AvailabilityReports.Row> worst = new LinkedHashMap<>();
        for (AvailabilityReports.Row row : reports.report(month)) {
            worst.merge(row.contractId(), row, (a, b) -> b.creditNote().compareTo(a.creditNote()) > 0 ? b : a);
        }
        int issued = 0;
        int already = 0;
        int none = 0;
        BigDecimal total = BigDecimal.ZERO;
        List<String> failures = new ArrayList<>();
        for (AvailabilityReports.Row row : worst.values()) {
            if (row.penaltyPercent() == 0) {
                none++;
                continue;
            }
            try {
                Boolean done = ownTransaction.execute(tx -> issueOne(month, row, review.reviewedBy()));
                if (Boolean.TRUE.equals(done)) {
                    issued++;
                    total = total.add(row.creditNote());
                    if (row.creditNote().signum() > 0) {
                        metrics.creditNoteIssued();
                    }
                } else {
                    already++;
                }
            } catch (DuplicateKeyException e) {
                already++;
            } catch (RuntimeException e) {
                LOG.warn("Penalty of contract {} for {} not issued: {}", row.contractReference(), month, e.toString());
                failures.add(row.contractReference() + " (" + e.getMessage() + ")");
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Availability penalties of " + month + " not issued for " + failures);
        }
        LOG.info("Availability penalties of {}: {} issued ({} EUR), {} already issued, {} without penalty", month,
                issued, total, already, none);
        return new IssueReport(issued, already, none, total);
    }

    /** The penalty record and its credit note, in the caller's transaction; false when recorded already. */
    private boolean issueOne(AvailabilityMonth month, AvailabilityReports.Row row, String by) {
        Integer existing = jdbc.queryForObject("select count(*) from ops_availability_penalty where contract_id = ?"
                + " and penalty_month = ?", Integer.class, row.contractId(), month.toString());
        if (existing != null && existing > 0) {
            return false;
        }
        jdbc.update("insert into ops_availability_penalty (contract_id, penalty_month, infrastructure, availability_percent,"
                + " penalty_percent, monthly_fee_excl_tax, paid_for_month, credit_note_amount, issued_by, issued_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.contractId(), month.toString(),
                row.infrastructure().name(), row.availabilityPercent(), row.penaltyPercent(), row.monthlyFee(),
                row.paidForMonth(), row.creditNote(), by, Timestamp.from(clock.instant()));
        if (row.creditNote().signum() > 0) {
            long note = creditNotes.issue(row.contractId(), row.creditNote(), reason(month, row), RULE, by);
            jdbc.update("update ops_availability_penalty set credit_note_id = ? where contract_id = ? and penalty_month = ?",
                    note, row.contractId(), month.toString());
        }
        return true;
    }

    /** The French line the client reads on the invoice that deducts it. */
    static String reason(AvailabilityMonth month, AvailabilityReports.Row row) {
        String rule = row.infrastructure() == fr.progerance.ops.calendar.Infrastructure.TIERCE ? "R4.4-t" : "R4.4-p";
        String text = "Pénalité de disponibilité de " + FrenchFormat.month(month.month().atDay(1)) + " : "
                + FrenchFormat.decimal(row.availabilityPercent()) + " % pour un engagement de "
                + FrenchFormat.decimal(row.targetPercent()) + " % (" + rule + "), soit " + row.penaltyPercent()
                + " % de la redevance mensuelle";
        BigDecimal owed = PenaltyTiers.creditNote(row.monthlyFee(), row.penaltyPercent());
        if (row.creditNote().compareTo(owed) < 0) {
            text += ", plafonnée à ce que vous avez réglé pour ce mois (R5.2)";
        }
        return text + ".";
    }

    /** The penalty records of a month, for the API and tests. */
    public List<Map<String, Object>> records(AvailabilityMonth month) {
        return jdbc.queryForList("select * from ops_availability_penalty where penalty_month = ? order by contract_id",
                month.toString());
    }
}
