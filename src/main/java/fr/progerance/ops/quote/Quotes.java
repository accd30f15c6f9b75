package fr.progerance.ops.quote;

import java.util.List;
import java.util.Optional;

/** Reading quotes, for callers of {@code QuoteApproval} and for views. */
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
    QuoteView decided(long quoteId, String subject, String callerProcessInstanceId);

    /** The quotes of a subject, newest first. */
    List<QuoteView> ofSubject(String subject);

    /** How the quote was sent and reminded; empty before it is sent. */
    Optional<QuoteSending> sending(long quoteId);

    /** How many quotes are in {@code status} (e.g. SENT: awaiting the client's answer). */
    long count(QuoteStatus status);
}
