package fr.progerance.ops.billing.ledger;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** The invoice records. */
public interface InvoiceRepository extends JpaRepository<Invoice, Long> {

    Optional<Invoice> findByNumber(String number);

    boolean existsByContractIdAndPeriodStart(long contractId, LocalDate periodStart);

    Optional<Invoice> findByContractIdAndPeriodStart(long contractId, LocalDate periodStart);

    /** A client's invoices of those statuses, oldest first. */
    List<Invoice> findByClientIdAndStatusInOrderByIssuedAtAscNumberAsc(long clientId, Collection<InvoiceStatus> statuses);

    List<Invoice> findByStatusOrderByIssuedAtAscNumberAsc(InvoiceStatus status);

    List<Invoice> findAllByOrderByIssuedAtDescNumberDesc();

    List<Invoice> findByClientIdOrderByIssuedAtDescNumberDesc(long clientId);
}
