package fr.progerance.ops.billing.suspension;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface DeletionAuditRepository extends JpaRepository<DeletionAudit, Long> {

    Optional<DeletionAudit> findByOperationKey(String operationKey);

    List<DeletionAudit> findAllByOrderByDecidedAtDescIdDesc();

    List<DeletionAudit> findByClientIdOrderByDecidedAtDescIdDesc(long clientId);
}
