package fr.progerance.ops.billing.statement;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** The statement records. */
interface BankStatementRepository extends JpaRepository<BankStatement, Long> {

    Optional<BankStatement> findByStatementKey(String statementKey);

    List<BankStatement> findAllByOrderByImportedAtDescIdDesc();
}
