package fr.progerance.ops.billing;

/** The invoice as the client reads it: French, with the legal mentions (R7.5 rate, the 40 EUR indemnity). */
public interface InvoiceDocuments {

    /**
     * The invoice as an HTML document (every value escaped), for the API and mails.
     *
     * @throws fr.progerance.ops.web.NotFoundException an unknown invoice number
     */
    String frenchHtml(String invoiceNumber);

    /** The same as plain text, for mail bodies. */
    String frenchText(String invoiceNumber);
}
