package fr.progerance.ops.update.shop;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ServerVersionRecordRepository extends JpaRepository<ServerVersionRecord, Long> {

    Optional<ServerVersionRecord> findFirstByServerIdOrderByReadAtDescIdDesc(long serverId);

    /** The latest reading of each server: no later one (by time, then by id) exists for it. */
    @Query("select v from ServerVersionRecord v where not exists (select w.id from ServerVersionRecord w"
            + " where w.serverId = v.serverId and (w.readAt > v.readAt or (w.readAt = v.readAt and w.id > v.id)))"
            + " order by v.serverId")
    List<ServerVersionRecord> findLatestOfEachServer();

    /** R5.7: forgets the readings taken before {@code cutoff}. */
    @Modifying
    @Query("delete from ServerVersionRecord v where v.readAt < :cutoff")
    int deleteReadBefore(@Param("cutoff") Instant cutoff);
}
