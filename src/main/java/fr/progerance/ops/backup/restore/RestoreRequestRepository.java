package fr.progerance.ops.backup.restore;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface RestoreRequestRepository extends JpaRepository<RestoreRequest, Long> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from RestoreRequest r where r.id = :id")
    Optional<RestoreRequest> findForUpdate(@Param("id") Long id);
}
