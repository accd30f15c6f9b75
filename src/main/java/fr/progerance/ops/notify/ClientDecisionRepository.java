package fr.progerance.ops.notify;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ClientDecisionRepository extends JpaRepository<ClientDecision, String> {

    Optional<ClientDecision> findByRequestKey(String requestKey);

    /** The decision, its row locked until the transaction ends: answers are serialised. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select d from ClientDecision d where d.id = :id")
    Optional<ClientDecision> findForUpdate(@Param("id") String id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select d from ClientDecision d where d.processInstanceId = :pid and d.status = :status order by d.createdAt")
    List<ClientDecision> findForUpdateByProcessInstance(@Param("pid") String processInstanceId,
            @Param("status") DecisionStatus status);
}
