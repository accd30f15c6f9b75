package fr.progerance.ops.billing.dunning;

/**
 * The {@code InvoiceDunning} process (processes/billing/InvoiceDunning.bpmn): one instance per
 * invoice, business key = the invoice number, started in the transaction that issues the invoice.
 * Its key, element ids, messages and variable names; delegates, correlators and tests use these
 * constants, never string literals. Payments, holds, contests and rates are records (DESIGN rule
 * 11): messages only wake the process, which then reads the records.
 */
public final class InvoiceDunningProcess {

    public static final String KEY = "InvoiceDunning";
    public static final String RESOURCE = "processes/billing/InvoiceDunning.bpmn";

    /** Messages. */
    public static final class Messages {
        /**
         * Sent after a payment record is committed, correlated by business key = the invoice number
         * of the payment, and to every other instance of the same client waiting while it is
         * suspended (correlated by {@link Vars#CLIENT_ID}).
         */
        public static final String PAYMENT_RECEIVED = "Message_PaymentReceived";
        /** Sent after a manager lifts a deletion hold, correlated by {@link Vars#CLIENT_ID}. */
        public static final String HOLD_LIFTED = "Message_DeletionHoldLifted";
        /** Sent after an accepted contest is recorded, correlated by business key = the invoice number. */
        public static final String CONTEST_RECEIVED = "Message_InvoiceContested";

        private Messages() {
        }
    }

    /** Variable names: ids and dates only. */
    public static final class Vars {
        /** Start: the invoice number (also the business key). */
        public static final String INVOICE_NUMBER = "invoiceNumber";
        /** Start: the invoice's client. */
        public static final String CLIENT_ID = "clientId";

        private Vars() {
        }
    }

    private InvoiceDunningProcess() {
    }
}
