package fr.progerance.ops.backup;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.Server;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The 3-2-1 status of one server (R3.6-a), as {@code GET /api/servers/{id}/backups} answers it.
 *
 * @param serverId the server
 * @param serverName its name
 * @param clientId the client whose repository holds its backups
 * @param kinds per kind: the latest snapshot, where it is, whether it is fresh, the overall status
 * @param snapshots every snapshot of the server in the local repository, newest first
 * @param offsite the client repository's off-site mirror
 * @param failures the latest failed attempts of the server's runs, newest first
 */
public record BackupStatusView(long serverId, String serverName, long clientId, List<KindView> kinds,
        List<SnapshotView> snapshots, OffsiteView offsite, List<FailureView> failures) {

    /** One kind's status; {@code latest} is null when {@code status} is MISSING. */
    public record KindView(BackupKind kind, BackupStatusCalculator.Status status, boolean fresh, long freshnessLimitSeconds,
            Long ageSeconds, SnapshotView latest) {
    }

    /** One snapshot: when, what kind, how big (null when unknown), its ids, where it is, held until when. */
    public record SnapshotView(String id, String shortId, BackupKind kind, OffsetDateTime time, Long bytes,
            List<BackupStatusCalculator.Place> where, OffsetDateTime heldUntil) {

        static SnapshotView of(BackupStatusCalculator.Snapshot s, List<BackupStatusCalculator.Place> where,
                Instant heldUntil, ContractClock clock) {
            return new SnapshotView(s.id(), s.shortId(), s.kind(), clock.atZone(s.time()), s.bytes(), where,
                    heldUntil == null ? null : clock.atZone(heldUntil));
        }
    }

    /** The last successful mirror (every snapshot taken before {@code lastSuccessStartedAt} is off-site) and the last failure. */
    public record OffsiteView(String remoteName, OffsetDateTime lastSuccessStartedAt,
            OffsetDateTime lastSuccessFinishedAt, OffsetDateTime lastFailureAt, String lastFailureMessage) {
    }

    /** A failed attempt of a run. */
    public record FailureView(String runId, BackupKind kind, BackupRunStatus status, String step, String message,
            OffsetDateTime at) {
    }

    static BackupStatusView of(Server server, long clientId, List<BackupStatusCalculator.KindStatus> kinds,
            List<SnapshotView> snapshots, OffsiteMirror mirror, List<BackupRun> failures, ContractClock clock) {
        List<KindView> kindViews = kinds.stream().map(k -> new KindView(k.kind(), k.status(), k.fresh(),
                k.limit().toSeconds(), k.age() == null ? null : k.age().toSeconds(),
                k.latest() == null ? null : snapshots.stream().filter(s -> s.id().equals(k.latest().id())).findFirst()
                        .orElse(null))).toList();
        OffsiteView offsite = mirror == null ? null : new OffsiteView(mirror.getRemoteName(),
                at(mirror.getLastSuccessStartedAt(), clock), at(mirror.getLastSuccessFinishedAt(), clock),
                at(mirror.getLastFailureAt(), clock), mirror.getLastFailureMessage());
        List<FailureView> failureViews = failures.stream().map(r -> new FailureView(r.getId(), r.getKind(),
                r.getStatus(), r.getFailedStep(), r.getFailureMessage(), at(r.getFailedAt(), clock))).toList();
        return new BackupStatusView(server.getId(), server.getName(), clientId, kindViews, snapshots, offsite,
                failureViews);
    }

    private static OffsetDateTime at(Instant instant, ContractClock clock) {
        return instant == null ? null : clock.atZone(instant);
    }
}
