package fr.progerance.ops.billing.statement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An imported bank statement ({@code ops_bank_statement}): who imported which file when, and what
 * its lines became at the import (the import's summary). Its key is unique: the same statement sent
 * again changes nothing.
 */
@Entity
@Table(name = "ops_bank_statement")
public class BankStatement {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "format", length = 16, nullable = false, updatable = false)
    private StatementFormat format;

    @Column(name = "statement_key", length = 200, nullable = false, updatable = false)
    private String statementKey;

    @Column(name = "file_sha256", length = 64, nullable = false, updatable = false)
    private String fileSha256;

    @Column(name = "message_id", length = 100, updatable = false)
    private String messageId;

    @Column(name = "account", length = 200, updatable = false)
    private String account;

    @Column(name = "period_from", updatable = false)
    private LocalDate periodFrom;

    @Column(name = "period_to", updatable = false)
    private LocalDate periodTo;

    @Column(name = "imported_by", length = 64, nullable = false, updatable = false)
    private String importedBy;

    @Column(name = "imported_at", nullable = false, updatable = false)
    private Instant importedAt;

    @Column(name = "line_count", nullable = false)
    private int lineCount;

    @Column(name = "matched_count", nullable = false)
    private int matchedCount;

    @Column(name = "unmatched_count", nullable = false)
    private int unmatchedCount;

    @Column(name = "ignored_count", nullable = false)
    private int ignoredCount;

    @Column(name = "duplicate_count", nullable = false)
    private int duplicateCount;

    @Column(name = "overpaid_count", nullable = false)
    private int overpaidCount;

    @Column(name = "amount_matched", precision = 19, scale = 2, nullable = false)
    private BigDecimal amountMatched;

    protected BankStatement() {
    }

    BankStatement(ParsedStatement parsed, String fileSha256, String importedBy, Instant importedAt) {
        this.format = parsed.format();
        this.statementKey = Objects.requireNonNull(parsed.statementKey(), "statementKey");
        this.fileSha256 = Objects.requireNonNull(fileSha256, "fileSha256");
        this.messageId = parsed.messageId();
        this.account = BankText.bounded(parsed.account(), 200);
        this.periodFrom = parsed.from();
        this.periodTo = parsed.to();
        this.importedBy = Objects.requireNonNull(importedBy, "importedBy");
        this.importedAt = Objects.requireNonNull(importedAt, "importedAt");
        this.amountMatched = BigDecimal.ZERO.setScale(2);
    }

    void counts(int lines, int matched, int unmatched, int ignored, int duplicates, int overpaid, BigDecimal amount) {
        this.lineCount = lines;
        this.matchedCount = matched;
        this.unmatchedCount = unmatched;
        this.ignoredCount = ignored;
        this.duplicateCount = duplicates;
        this.overpaidCount = overpaid;
        this.amountMatched = amount;
    }

    public Long getId() {
        return id;
    }

    public StatementFormat getFormat() {
        return format;
    }

    public String getStatementKey() {
        return statementKey;
    }

    public String getFileSha256() {
        return fileSha256;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getAccount() {
        return account;
    }

    public LocalDate getPeriodFrom() {
        return periodFrom;
    }

    public LocalDate getPeriodTo() {
        return periodTo;
    }

    public String getImportedBy() {
        return importedBy;
    }

    public Instant getImportedAt() {
        return importedAt;
    }

    public int getLineCount() {
        return lineCount;
    }

    public int getMatchedCount() {
        return matchedCount;
    }

    public int getUnmatchedCount() {
        return unmatchedCount;
    }

    public int getIgnoredCount() {
        return ignoredCount;
    }

    public int getDuplicateCount() {
        return duplicateCount;
    }

    public int getOverpaidCount() {
        return overpaidCount;
    }

    public BigDecimal getAmountMatched() {
        return amountMatched;
    }
}
