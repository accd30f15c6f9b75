/**
 * Invoicing and dunning (R7.1 to R7.7, R8.2, R8.3, R8.5, R4.4-c).
 *
 * <ul>
 *   <li>{@code billing} (this package): settings, monthly issuing, invoices, credit notes, payments
 *       and their API, invoice views, metrics;</li>
 *   <li>{@code billing.ledger}: what invoices and clients owe, read from the records, and the
 *       client account lock that serialises payments and dunning decisions;</li>
 *   <li>{@code billing.charges}: R7.5 late interest and the recovery fee, the legal-rate table;</li>
 *   <li>{@code billing.statement}: bank statement import (camt.053 and CSV), unmatched lines;</li>
 *   <li>{@code billing.dunning}: the {@code InvoiceDunning} process, contests (R7.6, R7.7);</li>
 *   <li>{@code billing.suspension}: suspension, reactivation and deletion on the servers and the
 *       repositories, deletion holds and the deletion audit (R7.3, R8.2);</li>
 *   <li>{@code billing.termination}: termination notices and the effective end (R8.3, R8.5).</li>
 * </ul>
 */
package fr.progerance.ops.billing;
