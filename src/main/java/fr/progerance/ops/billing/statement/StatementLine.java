package fr.progerance.ops.billing.statement;

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
 * One line of an imported statement ({@code ops_statement_line}) and what became of it. Every line
 * is kept, whatever its status; an UNMATCHED line waits for ops, who may assign it to an invoice
 * (then ASSIGNED, with who and when).
 */
@Entity
@Table(name = "ops_statement_line")
public class StatementLine {

    static final int MAX_REMITTANCE = 1000;
    static final int MAX_REFERENCES = 500;
    static final int MAX_DEBTOR = 140;
    static final int MAX_REASON = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "statement_id", nullable = false, updatable = false)
    private long statementId;

    @Column(name = "line_no", nullable = false, updatable = false)
    private int lineNo;

    @Column(name = "value_date", nullable = false, updatable = false)
    private LocalDate valueDate;

    @Column(name = "amount", precision = 23, scale = 5, nullable = false, updatable = false)
    private BigDecimal amount;

    @Column(name = "currency", length = 3, nullable = false, updatable = false)
    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", length = 8, nullable = false, updatable = false)
    private Direction direction;

    @Column(name = "entry_status", length = 35, nullable = false, updatable = false)
    private String entryStatus;

    @Column(name = "remittance", length = MAX_REMITTANCE, updatable = false)
    private String remittance;

    @Column(name = "bank_references", length = MAX_REFERENCES, updatable = false)
    private String references;

    @Column(name = "debtor", length = MAX_DEBTOR, updatable = false)
    private String debtor;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private LineStatus status;

    @Column(name = "reason", length = MAX_REASON)
    private String reason;

    @Column(name = "overpaid", nullable = false)
    private boolean overpaid;

    @Column(name = "invoice_number", length = 40)
    private String invoiceNumber;

    @Column(name = "payment_id")
    private Long paymentId;

    @Column(name = "external_id", length = 260, nullable = false, updatable = false)
    private String externalId;

    @Column(name = "assigned_by", length = 64)
    private String assignedBy;

    @Column(name = "assigned_at")
    private Instant assignedAt;

    @Version
    private long version;

    protected StatementLine() {
    }

    StatementLine(long statementId, StatementRecording.Outcome outcome) {
        BankLine line = outcome.line();
        this.statementId = statementId;
        this.lineNo = line.lineNo();
        this.valueDate = Objects.requireNonNull(line.valueDate(), "valueDate");
        this.amount = line.amount();
        this.currency = line.currency();
        this.direction = line.direction();
        this.entryStatus = line.status();
        this.remittance = BankText.bounded(String.join(" | ", line.texts()), MAX_REMITTANCE);
        this.references = BankText.bounded(String.join(" | ", line.references()), MAX_REFERENCES);
        this.debtor = BankText.bounded(line.debtor(), MAX_DEBTOR);
        this.status = outcome.status();
        this.reason = BankText.bounded(outcome.reason(), MAX_REASON);
        this.overpaid = outcome.overpaid();
        this.invoiceNumber = outcome.invoiceNumber();
        this.paymentId = outcome.paymentId();
        this.externalId = outcome.externalId();
    }

    /** Ops assigned this UNMATCHED line to an invoice; the payment is recorded. */
    void assign(String invoiceNumber, long paymentId, String by, Instant at, String note, boolean overpaid) {
        this.status = LineStatus.ASSIGNED;
        this.overpaid = overpaid;
        this.invoiceNumber = invoiceNumber;
        this.paymentId = paymentId;
        this.assignedBy = by;
        this.assignedAt = at;
        this.reason = BankText.bounded(note, MAX_REASON);
    }

    public Long getId() {
        return id;
    }

    public long getStatementId() {
        return statementId;
    }

    public int getLineNo() {
        return lineNo;
    }

    public LocalDate getValueDate() {
        return valueDate;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getCurrency() {
        return currency;
    }

    public Direction getDirection() {
        return direction;
    }

    public String getEntryStatus() {
        return entryStatus;
    }

    public String getRemittance() {
        return remittance;
    }

    public String getReferences() {
        return references;
    }

    public String getDebtor() {
        return debtor;
    }

    public LineStatus getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }

    public boolean isOverpaid() {
        return overpaid;
    }

    public String getInvoiceNumber() {
        return invoiceNumber;
    }

    public Long getPaymentId() {
        return paymentId;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getAssignedBy() {
        return assignedBy;
    }

    public Instant getAssignedAt() {
        return assignedAt;
    }
}
