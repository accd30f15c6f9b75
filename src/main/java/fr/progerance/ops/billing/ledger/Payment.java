package fr.progerance.ops.billing.ledger;

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
 * A payment record (table {@code ops_payment}, DESIGN rule 11): written once by the channel that
 * received it, with who caused it and when; never changed. Partial payments are kept as they are.
 */
@Entity
@Table(name = "ops_payment")
public class Payment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "invoice_id", nullable = false, updatable = false)
    private long invoiceId;

    @Column(name = "amount", precision = 12, scale = 2, nullable = false, updatable = false)
    private BigDecimal amount;

    @Column(name = "paid_on", nullable = false, updatable = false)
    private LocalDate paidOn;

    @Column(name = "reference", length = 140, nullable = false, updatable = false)
    private String reference;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", length = 16, nullable = false, updatable = false)
    private PaymentSource source;

    @Column(name = "external_id", length = 200, nullable = false, updatable = false)
    private String externalId;

    @Column(name = "recorded_by", length = 64, nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected Payment() {
    }

    @SuppressWarnings("java:S107")
    Payment(long invoiceId, BigDecimal amount, LocalDate paidOn, String reference, PaymentSource source,
            String externalId, String recordedBy, Instant recordedAt) {
        this.invoiceId = invoiceId;
        this.amount = Objects.requireNonNull(amount, "amount");
        this.paidOn = Objects.requireNonNull(paidOn, "paidOn");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.source = Objects.requireNonNull(source, "source");
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        this.recordedBy = Objects.requireNonNull(recordedBy, "recordedBy");
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
    }

    public Long getId() {
        return id;
    }

    public long getInvoiceId() {
        return invoiceId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public LocalDate getPaidOn() {
        return paidOn;
    }

    public String getReference() {
        return reference;
    }

    public PaymentSource getSource() {
        return source;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }
}
