package fr.progerance.ops.backup;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** The run records of {@link BackupRuns}. */
public interface BackupRunRepository extends JpaRepository<BackupRun, String> {

    Optional<BackupRun> findByProcessInstanceId(String processInstanceId);

    boolean existsByServerIdAndKindAndActiveSlotIsNotNull(long serverId, BackupKind kind);

    Optional<BackupRun> findFirstByServerIdAndKindAndStatusInOrderBySnapshotTimeDesc(long serverId, BackupKind kind,
            Collection<BackupRunStatus> statuses);

    List<BackupRun> findTop10ByServerIdAndFailureMessageIsNotNullOrderByFailedAtDesc(long serverId);

    List<BackupRun> findByServerIdAndSnapshotIdIsNotNull(long serverId);

    @Query("select distinct r.clientId from BackupRun r order by r.clientId")
    List<Long> findClientIds();

    @Query("select distinct r.serverId from BackupRun r order by r.serverId")
    List<Long> findServerIds();
}
