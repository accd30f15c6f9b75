package fr.progerance.ops.billing.ledger;

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
 * An invoice (table {@code ops_invoice}, R7.1, R7.2): one per contract and month, its amounts fixed
 * at issue (the monthly fee excluding tax, the credit notes deducted, VAT on the net, the total
 * including tax). Only its status changes afterwards, under the client's account lock.
 */
@Entity
@Table(name = "ops_invoice")
public class Invoice {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "number", length = 32, nullable = false, updatable = false, unique = true)
    private String number;

    @Column(name = "contract_id", nullable = false, updatable = false)
    private long contractId;

    @Column(name = "client_id", nullable = false, updatable = false)
    private long clientId;

    /** The first day of the month invoiced. */
    @Column(name = "period_start", nullable = false, updatable = false)
    private LocalDate periodStart;

    /** R7.2: the 1st at 00:00 Europe/Paris. */
    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "issued_on", nullable = false, updatable = false)
    private LocalDate issuedOn;

    /** R7.3: issue + the payment term. */
    @Column(name = "due_on", nullable = false, updatable = false)
    private LocalDate dueOn;

    @Column(name = "fee_excl_tax", precision = 12, scale = 2, nullable = false, updatable = false)
    private BigDecimal feeExclTax;

    @Column(name = "credit_applied_excl_tax", precision = 12, scale = 2, nullable = false, updatable = false)
    private BigDecimal creditAppliedExclTax;

    @Column(name = "net_excl_tax", precision = 12, scale = 2, nullable = false, updatable = false)
    private BigDecimal netExclTax;

    @Column(name = "vat_rate", precision = 6, scale = 4, nullable = false, updatable = false)
    private BigDecimal vatRate;

    @Column(name = "vat_amount", precision = 12, scale = 2, nullable = false, updatable = false)
    private BigDecimal vatAmount;

    @Column(name = "total_incl_tax", precision = 12, scale = 2, nullable = false, updatable = false)
    private BigDecimal totalInclTax;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private InvoiceStatus status;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Invoice() {
    }

    /** A new invoice; OPEN unless it asks for nothing (credit notes covered the whole fee). */
    @SuppressWarnings("java:S107") // an invoice has that many fixed terms
    public Invoice(String number, long contractId, long clientId, LocalDate periodStart, Instant issuedAt,
            LocalDate issuedOn, LocalDate dueOn, InvoiceAmounts amounts) {
        this.number = Objects.requireNonNull(number, "number");
        this.contractId = contractId;
        this.clientId = clientId;
        this.periodStart = Objects.requireNonNull(periodStart, "periodStart");
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.issuedOn = Objects.requireNonNull(issuedOn, "issuedOn");
        this.dueOn = Objects.requireNonNull(dueOn, "dueOn");
        this.feeExclTax = amounts.feeExclTax();
        this.creditAppliedExclTax = amounts.creditAppliedExclTax();
        this.netExclTax = amounts.netExclTax();
        this.vatRate = amounts.vatRate();
        this.vatAmount = amounts.vatAmount();
        this.totalInclTax = amounts.totalInclTax();
        this.status = amounts.totalInclTax().signum() > 0 ? InvoiceStatus.OPEN : InvoiceStatus.PAID;
    }

    void markPaid() {
        this.status = InvoiceStatus.PAID;
    }

    /** Its amounts as issued. */
    public InvoiceAmounts amounts() {
        return new InvoiceAmounts(feeExclTax, creditAppliedExclTax, netExclTax, vatRate, vatAmount, totalInclTax);
    }

    public Long getId() {
        return id;
    }

    public String getNumber() {
        return number;
    }

    public long getContractId() {
        return contractId;
    }

    public long getClientId() {
        return clientId;
    }

    public LocalDate getPeriodStart() {
        return periodStart;
    }

    public Instant getIssuedAt() {
        return issuedAt;
    }

    public LocalDate getIssuedOn() {
        return issuedOn;
    }

    public LocalDate getDueOn() {
        return dueOn;
    }

    public BigDecimal getTotalInclTax() {
        return totalInclTax;
    }

    public InvoiceStatus getStatus() {
        return status;
    }
}
