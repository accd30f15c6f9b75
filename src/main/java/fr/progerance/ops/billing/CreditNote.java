package fr.progerance.ops.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A credit note (avoir, table {@code ops_credit_note}, R4.4-c, R7.6): an amount excluding tax owed
 * to the client, never refunded, deducted from the contract's next invoices until used up. Who
 * granted it, when and under which rule are recorded (DESIGN rule 11).
 */
@Entity
@Table(name = "ops_credit_note")
public class CreditNote {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "contract_id", nullable = false, updatable = false)
    private long contractId;

    @Column(name = "client_id", nullable = false, updatable = false)
    private long clientId;

    @Column(name = "amount_excl_tax", precision = 12, scale = 2, nullable = false, updatable = false)
    private BigDecimal amountExclTax;

    @Column(name = "remaining_excl_tax", precision = 12, scale = 2, nullable = false)
    private BigDecimal remainingExclTax;

    @Column(name = "reason", length = 500, nullable = false, updatable = false)
    private String reason;

    @Column(name = "rule_id", length = 16, nullable = false, updatable = false)
    private String rule;

    @Column(name = "created_by", length = 64, nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected CreditNote() {
    }

    CreditNote(long contractId, long clientId, BigDecimal amountExclTax, String reason, String rule, String createdBy,
            Instant createdAt) {
        this.contractId = contractId;
        this.clientId = clientId;
        this.amountExclTax = Objects.requireNonNull(amountExclTax, "amountExclTax");
        this.remainingExclTax = amountExclTax;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    void use(BigDecimal amount) {
        if (amount.signum() <= 0 || amount.compareTo(remainingExclTax) > 0) {
            throw new IllegalArgumentException("Credit note " + id + " has " + remainingExclTax + " left, not " + amount);
        }
        remainingExclTax = remainingExclTax.subtract(amount);
    }

    public Long getId() {
        return id;
    }

    public long getContractId() {
        return contractId;
    }

    public long getClientId() {
        return clientId;
    }

    public BigDecimal getAmountExclTax() {
        return amountExclTax;
    }

    public BigDecimal getRemainingExclTax() {
        return remainingExclTax;
    }

    public String getReason() {
        return reason;
    }

    public String getRule() {
        return rule;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
