package fr.progerance.ops.billing;

import java.math.BigDecimal;

/**
 * Credit notes (avoirs): R4.4-c penalties and accepted contests (R7.6). Never a refund: a pending
 * credit note is deducted from the contract's next invoices (excluding tax, before VAT) until used up.
 */
public interface CreditNotes {

    /**
     * Records a credit note.
     *
     * @param amountExclTax positive, two decimals at most
     * @param reason        shown on the invoice that deducts it (French, for the client)
     * @param rule          the rule that grants it, e.g. {@code R7.6} or {@code R4.4-c}
     * @param createdBy     the authenticated user
     * @return the credit note's id
     */
    long issue(long contractId, BigDecimal amountExclTax, String reason, String rule, String createdBy);
}
