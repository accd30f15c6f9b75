package fr.progerance.ops.contract;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ContractRepository extends JpaRepository<Contract, Long> {

    List<Contract> findAllByOrderByIdAsc();

    List<Contract> findByClient_IdOrderByIdAsc(Long clientId);

    Optional<Contract> findByReference(String reference);

    /** Serialises status changes with checklist changes of the contract's servers (R3.4). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Contract c where c.id = :id")
    Optional<Contract> findForUpdate(@Param("id") Long id);
}
