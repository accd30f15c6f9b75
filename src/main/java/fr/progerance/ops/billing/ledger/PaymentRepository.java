package fr.progerance.ops.billing.ledger;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** The payment records. */
public interface PaymentRepository extends JpaRepository<Payment, Long> {

    Optional<Payment> findBySourceAndExternalId(PaymentSource source, String externalId);

    /** An invoice's payments in date order (then in the order recorded). */
    List<Payment> findByInvoiceIdOrderByPaidOnAscIdAsc(long invoiceId);

    List<Payment> findByInvoiceIdInOrderByPaidOnAscIdAsc(Collection<Long> invoiceIds);
}
