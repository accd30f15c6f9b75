package fr.progerance.ops.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** What one invoice deducted from one credit note (table {@code ops_credit_note_use}, R4.4-c). */
@Entity
@Table(name = "ops_credit_note_use")
public class CreditNoteUse {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "credit_note_id", nullable = false, updatable = false)
    private long creditNoteId;

    @Column(name = "invoice_id", nullable = false, updatable = false)
    private long invoiceId;

    @Column(name = "amount_excl_tax", precision = 12, scale = 2, nullable = false, updatable = false)
    private BigDecimal amountExclTax;

    protected CreditNoteUse() {
    }

    CreditNoteUse(long creditNoteId, long invoiceId, BigDecimal amountExclTax) {
        this.creditNoteId = creditNoteId;
        this.invoiceId = invoiceId;
        this.amountExclTax = amountExclTax;
    }

    public long getCreditNoteId() {
        return creditNoteId;
    }

    public long getInvoiceId() {
        return invoiceId;
    }

    public BigDecimal getAmountExclTax() {
        return amountExclTax;
    }
}
