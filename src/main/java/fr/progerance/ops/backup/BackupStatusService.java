package fr.progerance.ops.backup;

import fr.progerance.ops.backup.restic.Restic;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Server;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * R3.6-a: the 3-2-1 status of one server. Local truth is {@code restic snapshots --tag server=<id>}
 * of the client's repository; off-site truth is the client's mirror record; sizes come from the run
 * records; holds from the hold records; the rules from {@link BackupStatusCalculator}.
 */
@Service
public class BackupStatusService {

    private final BackupRuns runs;
    private final BackupRunRepository runRecords;
    private final BackupHolds holds;
    private final Restic restic;
    private final RepositoryLocator repositories;
    private final BackupSettings settings;
    private final ContractClock clock;

    public BackupStatusService(BackupRuns runs, BackupRunRepository runRecords, BackupHolds holds, Restic restic,
            RepositoryLocator repositories, BackupSettings settings, ContractClock clock) {
        this.runs = runs;
        this.runRecords = runRecords;
        this.holds = holds;
        this.restic = restic;
        this.repositories = repositories;
        this.settings = settings;
        this.clock = clock;
    }

    /** What {@code GET /api/servers/{id}/backups} answers. */
    public BackupStatusView status(long serverId) {
        Server server = runs.server(serverId);
        long clientId = runs.clientOf(serverId);
        ResticRepository repository = repositories.repository(clientId);
        List<ResticSnapshot> local = restic.exists(repository)
                ? restic.snapshots(repository, List.of("server=" + serverId)) : List.of();
        Instant mirrorStart = runs.mirror(clientId).map(OffsiteMirror::getLastSuccessStartedAt).orElse(null);
        Map<String, Long> sizes = new HashMap<>();
        runRecords.findByServerIdAndSnapshotIdIsNotNull(serverId).stream().filter(r -> r.getBytes() != null)
                .forEach(r -> sizes.put(r.getSnapshotId(), r.getBytes()));
        List<BackupStatusCalculator.Snapshot> snapshots = new ArrayList<>();
        for (ResticSnapshot s : local) {
            Optional<BackupKind> kind = s.tag("kind").flatMap(BackupKind::fromTag);
            kind.ifPresent(k -> snapshots.add(new BackupStatusCalculator.Snapshot(s.id(), s.shortId(), s.time(), k,
                    sizes.get(s.id()))));
        }
        Instant now = clock.instant();
        List<RetentionPolicy.Hold> holdFacts = holds.facts(clientId);
        List<BackupStatusCalculator.KindStatus> kinds = BackupStatusCalculator.all(snapshots, mirrorStart,
                settings.getFreshness().all(), now);
        List<BackupStatusView.SnapshotView> list = snapshots.stream()
                .sorted(Comparator.comparing(BackupStatusCalculator.Snapshot::time).reversed())
                .map(s -> BackupStatusView.SnapshotView.of(s, BackupStatusCalculator.where(s.time(), mirrorStart),
                        RetentionPolicy.heldUntil(s.id(), holdFacts, now).orElse(null), clock))
                .toList();
        return BackupStatusView.of(server, clientId, kinds, list, runs.mirror(clientId).orElse(null),
                runs.lastFailures(serverId), clock);
    }
}
