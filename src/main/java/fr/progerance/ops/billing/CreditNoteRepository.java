package fr.progerance.ops.billing;

import jakarta.persistence.LockModeType;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The credit note records. */
public interface CreditNoteRepository extends JpaRepository<CreditNote, Long> {

    /** R4.4-c: the contract's credit notes with something left, oldest first, locked until the transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from CreditNote c where c.contractId = :contractId and c.remainingExclTax > 0"
            + " order by c.createdAt, c.id")
    List<CreditNote> findPendingForUpdate(@Param("contractId") long contractId);

    List<CreditNote> findByContractIdOrderByCreatedAtDescIdDesc(long contractId);

    List<CreditNote> findAllByOrderByCreatedAtDescIdDesc();
}
