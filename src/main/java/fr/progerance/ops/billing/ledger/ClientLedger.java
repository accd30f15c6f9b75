package fr.progerance.ops.billing.ledger;

/**
 * Reads what invoices and clients owe from the records (invoices, credit notes, payments), and
 * serialises the decisions that turn on it: a suspension or deletion decision and a payment both
 * take the client's account lock first, so a decision either sees a payment or precedes it.
 */
public interface ClientLedger {

    /**
     * @throws fr.progerance.ops.web.NotFoundException an unknown invoice number
     * @throws fr.progerance.ops.billing.charges.MissingLegalRateException a late day's semester has no rate yet
     */
    InvoiceStanding invoice(String number);

    /** @throws fr.progerance.ops.billing.charges.MissingLegalRateException as {@link #invoice} */
    ClientStanding client(long clientId);

    /**
     * Takes the client's account lock (a pessimistic write lock on its {@code ops_client_account}
     * row, created when missing) in the caller's transaction, which must exist, then reads as
     * {@link #client}. The lock is held until that transaction ends.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    ClientStanding lockAndRead(long clientId);
}
