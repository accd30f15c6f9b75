package fr.progerance.ops.billing.dunning;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One contest letter of an invoice (table {@code ops_invoice_contest}, R7.6, R7.7): who recorded
 * it and when, the letter's date and reason, accepted or refused (and why), then the managers'
 * decision with who and when, and the credit note it issued. Written by {@link InvoiceContests} only.
 */
@Entity
@Table(name = "ops_invoice_contest")
public class InvoiceContest {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "invoice_number", length = 40, nullable = false, updatable = false)
    private String invoiceNumber;

    @Column(name = "client_id", nullable = false, updatable = false)
    private long clientId;

    @Column(name = "contract_id", nullable = false, updatable = false)
    private long contractId;

    @Column(name = "invoice_issued_on", nullable = false, updatable = false)
    private LocalDate invoiceIssuedOn;

    @Column(name = "invoice_excl_tax", precision = 12, scale = 2, nullable = false, updatable = false)
    private BigDecimal invoiceExclTax;

    @Column(name = "letter_date", nullable = false, updatable = false)
    private LocalDate letterDate;

    @Column(name = "reason", length = 1000, nullable = false, updatable = false)
    private String reason;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false, updatable = false)
    private ContestStatus status;

    @Column(name = "refusal_reason", length = 1000, updatable = false)
    private String refusalReason;

    @Column(name = "french_refusal", length = 1000, updatable = false)
    private String frenchRefusal;

    @Column(name = "recorded_by", length = 64, nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "claimed_by", length = 64)
    private String claimedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "decision", length = 16)
    private ContestDecision decision;

    @Column(name = "credit_note_amount", precision = 12, scale = 2)
    private BigDecimal creditNoteAmount;

    @Column(name = "decision_note", length = 1000)
    private String decisionNote;

    @Column(name = "decided_by", length = 64)
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "credit_note_id")
    private Long creditNoteId;

    @Version
    private long version;

    protected InvoiceContest() {
    }

    InvoiceContest(String invoiceNumber, long clientId, long contractId, LocalDate invoiceIssuedOn,
            BigDecimal invoiceExclTax, LocalDate letterDate, String reason, ContestWindow.Verdict verdict,
            String recordedBy, Instant recordedAt) {
        this.invoiceNumber = Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        this.clientId = clientId;
        this.contractId = contractId;
        this.invoiceIssuedOn = Objects.requireNonNull(invoiceIssuedOn, "invoiceIssuedOn");
        this.invoiceExclTax = Objects.requireNonNull(invoiceExclTax, "invoiceExclTax");
        this.letterDate = Objects.requireNonNull(letterDate, "letterDate");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.status = verdict.accepted() ? ContestStatus.ACCEPTED : ContestStatus.REFUSED;
        this.refusalReason = verdict.refusal();
        this.frenchRefusal = verdict.frenchRefusal();
        this.recordedBy = Objects.requireNonNull(recordedBy, "recordedBy");
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
    }

    void claim(String executionId) {
        this.claimedBy = Objects.requireNonNull(executionId, "executionId");
    }

    void decide(ContestDecision decision, BigDecimal amount, String note, String by, Instant at) {
        this.decision = decision;
        this.creditNoteAmount = decision == ContestDecision.CREDIT_NOTE ? amount : null;
        this.decisionNote = note;
        this.decidedBy = by;
        this.decidedAt = at;
    }

    void creditNoteIssued(long creditNoteId) {
        this.creditNoteId = creditNoteId;
    }

    public Long getId() {
        return id;
    }

    public String getInvoiceNumber() {
        return invoiceNumber;
    }

    public long getClientId() {
        return clientId;
    }

    public long getContractId() {
        return contractId;
    }

    public LocalDate getInvoiceIssuedOn() {
        return invoiceIssuedOn;
    }

    public BigDecimal getInvoiceExclTax() {
        return invoiceExclTax;
    }

    public LocalDate getLetterDate() {
        return letterDate;
    }

    public String getReason() {
        return reason;
    }

    public ContestStatus getStatus() {
        return status;
    }

    public String getRefusalReason() {
        return refusalReason;
    }

    public String getFrenchRefusal() {
        return frenchRefusal;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public ContestDecision getDecision() {
        return decision;
    }

    public BigDecimal getCreditNoteAmount() {
        return creditNoteAmount;
    }

    public String getDecisionNote() {
        return decisionNote;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public Long getCreditNoteId() {
        return creditNoteId;
    }
}
