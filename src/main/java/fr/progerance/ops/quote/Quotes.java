package fr.progerance.ops.quote;

import java.util.List;
import java.util.Optional;

/**
 * Reading quotes, for callers of {@code QuoteApproval} and for views. Implemented by
 * {@link QuoteService}; the methods added after the first version of this interface have defaults
 * that refuse, only so that test fakes written against the first version still compile.
 */
public interface Quotes {

    /** The quote of that id. */
    Optional<QuoteView> find(long quoteId);

    /**
     * The decided quote {@code quoteId}, checked: it must exist, be for {@code subject}, be decided
     * (APPROVED, DECLINED or EXPIRED) and be the newest quote of {@code subject} (an older quote of
     * the same subject, already used, never decides again: DESIGN rule 11).
     *
     * @throws IllegalStateException with a readable message otherwise (becomes a Camunda incident)
     */
    QuoteView decided(long quoteId, String subject);

    /**
     * Like {@link #decided(long, String)}, and the quote must have been asked for by the call
     * activity of {@code callerProcessInstanceId} (the caller's {@code execution.getProcessInstanceId()}).
     *
     * @throws IllegalStateException with a readable message otherwise (becomes a Camunda incident)
     */
    default QuoteView decided(long quoteId, String subject, String callerProcessInstanceId) {
        throw new UnsupportedOperationException("decided(quoteId, subject, callerProcessInstanceId)");
    }

    /** The quotes of a subject, newest first. */
    List<QuoteView> ofSubject(String subject);

    /** How the quote was sent and reminded; empty before it is sent. */
    default Optional<QuoteSending> sending(long quoteId) {
        throw new UnsupportedOperationException("sending(quoteId)");
    }

    /** How many quotes are in {@code status} (e.g. SENT: awaiting the client's answer). */
    default long count(QuoteStatus status) {
        throw new UnsupportedOperationException("count(status)");
    }
}
