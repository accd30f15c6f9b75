package fr.progerance.ops.update.process;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.quote.QuoteStatus;
import fr.progerance.ops.quote.QuoteView;
import fr.progerance.ops.quote.Quotes;
import fr.progerance.ops.update.UpdateStatus;
import fr.progerance.ops.update.UpdateView;
import fr.progerance.ops.update.Updates;
import java.time.Instant;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * What MajorUpdate does with the decided quote (R4.0-c, DESIGN rule 11): the quote is always read
 * from its record through {@link Quotes#decided(long, String, String)} with the subject computed from
 * the update's id and the calling MajorUpdate instance, so a quote id set by hand on the instance
 * cannot stand for another subject's, an older or another instance's approval. Each step is
 * idempotent (a retried job finds the record already moved and leaves it).
 */
@Component
public class MajorUpdateDecisions {

    private final Quotes quotes;
    private final Updates updates;
    private final ContractClock clock;

    public MajorUpdateDecisions(Quotes quotes, Updates updates, ContractClock clock) {
        this.quotes = quotes;
        this.updates = updates;
        this.clock = clock;
    }

    /**
     * The decision as the gateways need it.
     *
     * @param quote the decided quote record
     * @param approved the client approved it (R4.0-c: the only way to the server)
     * @param windowAhead approved and its window starts after now
     */
    public record Decision(QuoteView quote, boolean approved, boolean windowAhead) {
    }

    /**
     * Reads the decided quote of update {@code updateId}, asked for by the MajorUpdate instance
     * {@code caller}, and links it to the update.
     *
     * @throws IllegalStateException when the quote is missing, another subject's or undecided (an incident)
     */
    public Decision read(long updateId, long quoteId, String caller) {
        QuoteView q = decided(updateId, quoteId, caller);
        UpdateView u = updates.get(updateId);
        if (!Objects.equals(u.quoteId(), q.id())) {
            updates.quoted(updateId, q.id());
        }
        boolean approved = q.status() == QuoteStatus.APPROVED;
        boolean ahead = approved && q.windowStart() != null && q.windowEnd() != null
                && q.windowStart().isAfter(clock.instant());
        return new Decision(q, approved, ahead);
    }

    /**
     * R4.0-c: records the approved quote's window on the update (SCHEDULED).
     *
     * @throws IllegalStateException when the quote is not approved or has no window
     */
    public UpdateView scheduleQuotedWindow(long updateId, long quoteId, String caller) {
        QuoteView q = decided(updateId, quoteId, caller);
        if (q.status() != QuoteStatus.APPROVED || q.windowStart() == null || q.windowEnd() == null) {
            throw new IllegalStateException("Quote " + q.number() + " of update " + updateId + " is " + q.status()
                    + (q.windowStart() == null ? " without a window" : "") + ": nothing may be scheduled (R4.0-c)");
        }
        UpdateView u = updates.get(updateId);
        if (u.status() == UpdateStatus.SCHEDULED && q.windowStart().equals(u.windowStart())
                && q.windowEnd().equals(u.windowEnd())) {
            return u;
        }
        return updates.schedule(updateId, q.windowStart(), q.windowEnd(), "quote " + q.number());
    }

    /**
     * R4.0-c: the quote was declined or expired: the update ends NOT_DONE with the reason read from
     * the quote record; nothing was sent to the server.
     *
     * @throws IllegalStateException when the quote was approved
     */
    public UpdateView closeNotApproved(long updateId, long quoteId, String caller) {
        QuoteView q = decided(updateId, quoteId, caller);
        if (q.status() == QuoteStatus.APPROVED) {
            throw new IllegalStateException("Quote " + q.number() + " of update " + updateId
                    + " is APPROVED: the update is not closed");
        }
        UpdateView u = updates.get(updateId);
        if (u.status().finished()) {
            return u;
        }
        return updates.notDone(updateId, reason(q));
    }

    /** Why the update is not done, from the quote record: who, when, how. */
    static String reason(QuoteView q) {
        String what = q.status() == QuoteStatus.EXPIRED
                ? "expired without an answer (valid until " + q.validUntil() + ")"
                : "declined by " + q.decidedBy() + " (" + q.channel() + ", " + at(q.decidedAt()) + ")";
        return "R4.0-c: quote " + q.number() + " " + what + "; the major update is not done and nothing was sent to"
                + " the server";
    }

    private QuoteView decided(long updateId, long quoteId, String caller) {
        return quotes.decided(quoteId, UpdateVariables.businessKey(updateId), caller);
    }

    private static String at(Instant instant) {
        return instant == null ? "?" : instant.toString();
    }
}
