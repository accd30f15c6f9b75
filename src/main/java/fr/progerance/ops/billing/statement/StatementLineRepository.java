package fr.progerance.ops.billing.statement;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** The statement lines. */
interface StatementLineRepository extends JpaRepository<StatementLine, Long> {

    /** Earlier lines of a bank entry that count (not IGNORED, not themselves duplicates), first first. */
    List<StatementLine> findByExternalIdAndStatusInOrderByIdAsc(String externalId, Collection<LineStatus> statuses);

    List<StatementLine> findByStatementIdOrderByLineNoAsc(long statementId);

    List<StatementLine> findByStatusOrderByValueDateAscIdAsc(LineStatus status);

    /** The line, locked until the transaction ends: two assignments of it run one after the other. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from StatementLine l where l.id = :id")
    Optional<StatementLine> lockById(long id);

    /** Per statement, how many lines are UNMATCHED now. */
    @Query("select l.statementId, count(l) from StatementLine l where l.status = :status group by l.statementId")
    List<Object[]> countByStatementWithStatus(LineStatus status);
}
