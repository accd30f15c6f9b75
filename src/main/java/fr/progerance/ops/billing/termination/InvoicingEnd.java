package fr.progerance.ops.billing.termination;

import java.time.LocalDate;
import java.util.Optional;

/**
 * R8.3, R8.5: a recorded termination notice ends the contract at its effective end; invoicing
 * stops after it (the period started stays due in full).
 */
public interface InvoicingEnd {

    /**
     * The effective end of the contract (the first day without service: the end, exclusive, of the
     * period the notice lets it end in), when a notice was recorded.
     */
    Optional<LocalDate> effectiveEnd(long contractId);

    /** Whether the contract is invoiced for the month starting {@code periodStart}. */
    default boolean invoiced(long contractId, LocalDate periodStart) {
        return effectiveEnd(contractId).map(periodStart::isBefore).orElse(true);
    }
}
