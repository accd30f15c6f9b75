package fr.progerance.ops.billing.ledger;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The client account records. */
public interface ClientAccountRepository extends JpaRepository<ClientAccount, Long> {

    /** The account row, locked (select ... for update) until the transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from ClientAccount a where a.clientId = :clientId")
    Optional<ClientAccount> findForUpdate(@Param("clientId") long clientId);

    List<ClientAccount> findByStanding(ClientAccounts.Standing standing);
}
