package fr.progerance.ops.update;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ShopUpdateRepository extends JpaRepository<ShopUpdate, Long> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from ShopUpdate u where u.id = :id")
    Optional<ShopUpdate> findForUpdate(@Param("id") Long id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from ShopUpdate u where u.openSlot = :slot")
    Optional<ShopUpdate> findOpenForUpdate(@Param("slot") String slot);

    /** The open (not final) updates: oldest due first, those without a due date (major) after, then by creation. */
    @Query("select u from ShopUpdate u where u.openSlot is not null"
            + " order by case when u.dueAt is null then 1 else 0 end, u.dueAt asc, u.createdAt asc, u.id asc")
    List<ShopUpdate> findOpen();

    List<ShopUpdate> findByServerIdOrderByCreatedAtDescIdDesc(Long serverId);
}
