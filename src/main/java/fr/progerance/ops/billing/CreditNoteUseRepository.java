package fr.progerance.ops.billing;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** What invoices deducted from credit notes. */
public interface CreditNoteUseRepository extends JpaRepository<CreditNoteUse, Long> {

    List<CreditNoteUse> findByInvoiceIdOrderByIdAsc(long invoiceId);
}
