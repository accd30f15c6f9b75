package fr.progerance.ops.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A quote as its record holds it.
 *
 * @param id the record's id
 * @param number its number for the client ({@code D2026-0001})
 * @param subject the caller's key ({@code incident:INC-...}, {@code update:42})
 * @param clientId the client
 * @param serverId the server concerned, or null
 * @param title short French title
 * @param description what will be done (ops, Tasklist form)
 * @param amountExclTax amount excluding tax
 * @param windowStart planned work window start (null while PREPARING)
 * @param windowEnd planned work window end
 * @param validUntil last day the client may accept it (Europe/Paris)
 * @param status where it stands
 * @param preparedBy the ops user who prepared it
 * @param decidedBy who decided: the contact's e-mail (link), the ops user who logged a phone answer,
 *     or {@code system} for an expiry
 * @param decidedAt when
 * @param channel LINK, PHONE or EXPIRY
 */
public record QuoteView(long id, String number, String subject, long clientId, Long serverId, String title,
        String description, BigDecimal amountExclTax, Instant windowStart, Instant windowEnd, LocalDate validUntil,
        QuoteStatus status, String preparedBy, String decidedBy, Instant decidedAt, String channel) {
}
