package fr.progerance.ops.update.process;

import fr.progerance.ops.quote.QuoteStatus;
import fr.progerance.ops.quote.QuoteView;
import fr.progerance.ops.quote.Quotes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory {@link Quotes} for the flow tests until the quote records of helper C are
 * merged: what the mocked QuoteApproval leaves behind, as its record would hold it.
 */
final class InMemoryQuotes implements Quotes {

    private static final AtomicLong IDS = new AtomicLong(700_000);
    private final Map<Long, QuoteView> records = new ConcurrentHashMap<>();

    /** A quote of {@code subject} in {@code status}, with its window and who decided. */
    QuoteView put(String subject, long clientId, Long serverId, QuoteStatus status, Instant windowStart,
            Instant windowEnd, LocalDate validUntil, String decidedBy, Instant decidedAt, String channel) {
        long id = IDS.incrementAndGet();
        QuoteView q = new QuoteView(id, "D2026-" + id, subject, clientId, serverId, "Mise à jour majeure",
                "Migration de PrestaShop", new BigDecimal("1800.00"), windowStart, windowEnd, validUntil, status,
                "opsuser", decidedBy, decidedAt, channel);
        records.put(id, q);
        return q;
    }

    @Override
    public Optional<QuoteView> find(long quoteId) {
        return Optional.ofNullable(records.get(quoteId));
    }

    @Override
    public QuoteView decided(long quoteId, String subject) {
        QuoteView q = find(quoteId).orElseThrow(() -> new IllegalStateException("Quote " + quoteId + " does not exist"));
        if (!q.subject().equals(subject)) {
            throw new IllegalStateException("Quote " + quoteId + " is for " + q.subject() + ", not " + subject);
        }
        if (!q.status().decided()) {
            throw new IllegalStateException("Quote " + quoteId + " is " + q.status() + ", not decided");
        }
        return q;
    }

    @Override
    public List<QuoteView> ofSubject(String subject) {
        return records.values().stream().filter(q -> q.subject().equals(subject))
                .sorted(Comparator.comparing(QuoteView::id).reversed()).toList();
    }
}
