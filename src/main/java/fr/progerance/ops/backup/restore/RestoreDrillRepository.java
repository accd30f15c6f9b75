package fr.progerance.ops.backup.restore;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RestoreDrillRepository extends JpaRepository<RestoreDrill, Long> {

    Optional<RestoreDrill> findByRunIdAndServerId(String runId, Long serverId);

    List<RestoreDrill> findByRunIdOrderByIdAsc(String runId);

    List<RestoreDrill> findByServerIdOrderByStartedAtDesc(Long serverId);
}
