package fr.progerance.ops.contract;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MaintenanceWindowRepository extends JpaRepository<MaintenanceWindow, Long> {

    Optional<MaintenanceWindow> findBySourceAndReference(MaintenanceWindowSource source, String reference);

    /** The windows of a server that overlap {@code [from, to)}, earliest first. */
    @Query("select w from MaintenanceWindow w where w.serverId = :serverId and w.start < :to and w.end > :from"
            + " order by w.start asc, w.id asc")
    List<MaintenanceWindow> overlapping(@Param("serverId") Long serverId, @Param("from") Instant from,
            @Param("to") Instant to);

    /** The windows of the given servers that overlap {@code [from, to)}, by server then earliest first. */
    @Query("select w from MaintenanceWindow w where w.serverId in :serverIds and w.start < :to and w.end > :from"
            + " order by w.serverId asc, w.start asc, w.id asc")
    List<MaintenanceWindow> overlappingAny(@Param("serverIds") Collection<Long> serverIds, @Param("from") Instant from,
            @Param("to") Instant to);
}
