package fr.progerance.ops.billing.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * R7.1, R4.4-c: an invoice's amounts. The monthly fee excluding tax, minus the credit notes
 * deducted (never below zero), is the net; VAT is the net times the rate, rounded half-up to the
 * cent; the total including tax is the net plus VAT.
 *
 * @param feeExclTax           the contract's monthly fee excluding tax
 * @param creditAppliedExclTax what the credit notes took off (at most the fee)
 * @param netExclTax           fee minus credit
 * @param vatRate              e.g. 0.20
 * @param vatAmount            net x rate, half-up to the cent
 * @param totalInclTax         net + VAT
 */
public record InvoiceAmounts(BigDecimal feeExclTax, BigDecimal creditAppliedExclTax, BigDecimal netExclTax,
        BigDecimal vatRate, BigDecimal vatAmount, BigDecimal totalInclTax) {

    /**
     * The amounts of an invoice of {@code feeExclTax} from which {@code creditExclTax} is deducted.
     *
     * @throws IllegalArgumentException a negative fee, credit or rate, or a credit above the fee
     */
    public static InvoiceAmounts of(BigDecimal feeExclTax, BigDecimal creditExclTax, BigDecimal vatRate) {
        Objects.requireNonNull(feeExclTax, "feeExclTax");
        Objects.requireNonNull(creditExclTax, "creditExclTax");
        Objects.requireNonNull(vatRate, "vatRate");
        if (feeExclTax.signum() < 0 || creditExclTax.signum() < 0 || vatRate.signum() < 0) {
            throw new IllegalArgumentException("Negative fee, credit or VAT rate");
        }
        if (creditExclTax.compareTo(feeExclTax) > 0) {
            throw new IllegalArgumentException("A credit of " + creditExclTax + " above the fee of " + feeExclTax);
        }
        BigDecimal fee = cents(feeExclTax);
        BigDecimal credit = cents(creditExclTax);
        BigDecimal net = fee.subtract(credit);
        BigDecimal vat = cents(net.multiply(vatRate));
        return new InvoiceAmounts(fee, credit, net, vatRate, vat, net.add(vat));
    }

    /** Scale 2, half-up. */
    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
