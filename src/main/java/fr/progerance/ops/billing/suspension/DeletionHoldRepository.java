package fr.progerance.ops.billing.suspension;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface DeletionHoldRepository extends JpaRepository<DeletionHold, Long> {

    List<DeletionHold> findByClientIdOrderByPlacedAtDescIdDesc(long clientId);

    Optional<DeletionHold> findByIdAndClientId(long id, long clientId);

    boolean existsByClientIdAndLiftedAtIsNull(long clientId);

    long countByLiftedAtIsNull();
}
