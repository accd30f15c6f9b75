package fr.progerance.ops.quote;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The quote records (table {@code ops_quote}). */
public interface QuoteRepository extends JpaRepository<Quote, Long> {

    Optional<Quote> findByProcessInstanceId(String processInstanceId);

    /** The quote of a QuoteApproval instance, its row locked until the caller's transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select q from Quote q where q.processInstanceId = :pid")
    Optional<Quote> findForUpdateByProcessInstanceId(@Param("pid") String processInstanceId);

    List<Quote> findBySubjectOrderByIdDesc(String subject);

    long countByStatus(QuoteStatus status);
}
