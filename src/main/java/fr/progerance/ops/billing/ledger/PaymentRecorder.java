package fr.progerance.ops.billing.ledger;

/**
 * Records payments (DESIGN rule 11: a payment is a record, never a variable). The record is
 * written under the client's account lock ({@link ClientLedger#lockAndRead}), so it is either seen
 * by a suspension or deletion decision or comes after it. After the commit, the {@code
 * PaymentReceived} message is correlated to the invoice's {@code InvoiceDunning} instance (and the
 * client's other waiting instances); a message finding nobody waiting is no error, because the
 * process reads the records at its next decision.
 */
public interface PaymentRecorder {

    /**
     * Records a payment once per {@code (source, externalId)}.
     *
     * @throws fr.progerance.ops.web.NotFoundException    the invoice does not exist
     * @throws fr.progerance.ops.web.InvalidInputException a non-positive amount, more than two decimals,
     *                                                     a date before the invoice's issue or in the future
     * @throws fr.progerance.ops.web.ConflictException    the same {@code (source, externalId)} was recorded
     *                                                     for another invoice, amount or date
     */
    RecordedPayment record(NewPayment payment);
}
