package fr.progerance.ops.quote;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * How a quote went to the client, as its record holds it.
 *
 * @param recipientEmail the contact who may authorise (R4.3-t4) that the personal link was mailed to
 * @param sentAt when
 * @param expiresAt the end of its validity day (Europe/Paris): then it expires
 * @param vatRate the VAT rate the client was shown (R7.1)
 * @param remindersSent how many reminders went out (DESIGN rule 12)
 * @param lastRemindedAt the last one, or null
 */
public record QuoteSending(String recipientEmail, Instant sentAt, Instant expiresAt, BigDecimal vatRate,
        int remindersSent, Instant lastRemindedAt) {
}
