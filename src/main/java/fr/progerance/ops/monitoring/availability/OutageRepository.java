package fr.progerance.ops.monitoring.availability;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The outage records. */
public interface OutageRepository extends JpaRepository<Outage, Long> {

    Optional<Outage> findByOpenServerId(Long serverId);

    /** The outages overlapping {@code [from, to)}, earliest first. */
    @Query("select o from Outage o where o.startedAt < :to and (o.endedAt is null or o.endedAt > :from)"
            + " order by o.startedAt, o.id")
    List<Outage> overlapping(@Param("from") Instant from, @Param("to") Instant to);

    /** R5.7: deletes the outages that ended before {@code before}; answers how many. */
    @Modifying
    @Query("delete from Outage o where o.endedAt is not null and o.endedAt < :before")
    int purgeEndedBefore(@Param("before") Instant before);
}
