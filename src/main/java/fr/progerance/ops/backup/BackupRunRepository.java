package fr.progerance.ops.backup;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

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

    /**
     * The runs of the given servers that started before {@code to} and had not finished by
     * {@code from} (still running, or finished after it): the candidates for the backup windows of
     * {@code [from, to)} ({@link BackupRunWindows}). A run's window never ends after its finish.
     */
    @Query("select r from BackupRun r where r.serverId in :serverIds and r.startedAt < :to"
            + " and (r.finishedAt is null or r.finishedAt > :from) and r.startedAt >= :earliest"
            + " order by r.serverId asc, r.startedAt asc")
    List<BackupRun> windowCandidates(@Param("serverIds") Collection<Long> serverIds, @Param("from") Instant from,
            @Param("to") Instant to, @Param("earliest") Instant earliest);
}
