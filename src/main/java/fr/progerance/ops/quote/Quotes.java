package fr.progerance.ops.quote;

import java.util.List;
import java.util.Optional;

/** Reading quotes, for callers of {@code QuoteApproval} and for views. */
public interface Quotes {

    /** The quote of that id. */
    Optional<QuoteView> find(long quoteId);

    /**
     * The decided quote {@code quoteId}, checked: it must exist, be for {@code subject} and be
     * decided (APPROVED, DECLINED or EXPIRED).
     *
     * @throws IllegalStateException with a readable message otherwise (becomes a Camunda incident)
     */
    QuoteView decided(long quoteId, String subject);

    /** The quotes of a subject, newest first. */
    List<QuoteView> ofSubject(String subject);
}
