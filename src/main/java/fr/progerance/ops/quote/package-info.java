/**
 * Quotes for work outside the contract's scope (RD-extra, R3.5) and for major PrestaShop updates
 * (R4.0-c): the {@code QuoteApproval} process, called by {@code IncidentHandling} and
 * {@code MajorUpdate}. Ops prepare the quote in Tasklist; the client approves or declines it by
 * signed links ({@code notify.ClientDecisions}) or by phone (logged by ops); reminders go out before
 * it expires, and expiry closes it. The outcome lives in the quote's record (table
 * {@code ops_quote}) with who and when: callers read it from there (DESIGN rule 11), never from a
 * variable. A shared package: it uses {@code contract}, {@code calendar} and {@code notify} and no
 * obligation package.
 */
package fr.progerance.ops.quote;
