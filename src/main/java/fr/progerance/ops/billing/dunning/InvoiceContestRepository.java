package fr.progerance.ops.billing.dunning;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The contest records of {@link InvoiceContests}. */
public interface InvoiceContestRepository extends JpaRepository<InvoiceContest, Long> {

    List<InvoiceContest> findByInvoiceNumberOrderByIdAsc(String invoiceNumber);

    java.util.Optional<InvoiceContest> findFirstByInvoiceNumberAndClaimedByIsNullOrderByIdAsc(String invoiceNumber);

    java.util.Optional<InvoiceContest> findByClaimedBy(String claimedBy);
}
