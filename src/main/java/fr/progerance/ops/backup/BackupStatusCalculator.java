package fr.progerance.ops.backup;

import fr.progerance.ops.calendar.Elapsed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * R3.6-a, R3.6-b: the 3-2-1 status of one server, per backup kind. The latest snapshot of the kind
 * must exist locally (the production data is copy one, the local repository copy two on another
 * medium), off-site (copy three, another site) and be fresh enough (its kind's limit). Plain rules,
 * no engine, no Spring: the callers bring the facts (restic's list or the run records, the last
 * successful mirror) and now.
 */
public final class BackupStatusCalculator {

    /** The overall status of one kind, the first that applies in this order. */
    public enum Status {
        /** No snapshot of this kind at all. */
        MISSING,
        /** The latest snapshot is older than the kind's freshness limit. */
        STALE,
        /** The latest snapshot is fresh but the off-site copy does not hold it yet. */
        NOT_OFFSITE,
        /** Fresh, local and off-site. */
        OK
    }

    /** Where a snapshot is. */
    public enum Place {
        LOCAL, OFFSITE
    }

    /**
     * One local snapshot.
     *
     * @param id the full restic id
     * @param shortId its first 8 characters
     * @param time when it was taken
     * @param kind its kind
     * @param bytes the size of what was saved, when known (from the run record)
     */
    public record Snapshot(String id, String shortId, Instant time, BackupKind kind, Long bytes) {

        public Snapshot {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(kind, "kind");
            shortId = shortId == null ? id.substring(0, Math.min(8, id.length())) : shortId;
        }
    }

    /**
     * The status of one kind.
     *
     * @param kind the kind
     * @param status the overall status
     * @param latest the latest snapshot, null when {@link Status#MISSING}
     * @param where where the latest snapshot is (empty when missing)
     * @param fresh whether the latest snapshot is within the limit
     * @param age how old the latest snapshot is, null when missing
     * @param limit the kind's freshness limit
     */
    public record KindStatus(BackupKind kind, Status status, Snapshot latest, List<Place> where, boolean fresh,
            Duration age, Duration limit) {

        public KindStatus {
            where = List.copyOf(where);
        }

        public boolean ok() {
            return status == Status.OK;
        }
    }

    private BackupStatusCalculator() {
    }

    /**
     * R3.6-a: a local snapshot is off-site when it was taken before the start of the last successful
     * mirror of its repository (that mirror copied every file the repository had when it started).
     */
    public static boolean offsite(Instant snapshotTime, Instant lastMirrorStartedAt) {
        return lastMirrorStartedAt != null && snapshotTime.isBefore(lastMirrorStartedAt);
    }

    /** Where a local snapshot is. */
    public static List<Place> where(Instant snapshotTime, Instant lastMirrorStartedAt) {
        return offsite(snapshotTime, lastMirrorStartedAt) ? List.of(Place.LOCAL, Place.OFFSITE) : List.of(Place.LOCAL);
    }

    /** The status of {@code kind} from the server's local snapshots (any kinds), at {@code now}. */
    public static KindStatus of(BackupKind kind, List<Snapshot> snapshots, Instant lastMirrorStartedAt,
            Duration limit, Instant now) {
        Optional<Snapshot> latest = snapshots.stream().filter(s -> s.kind() == kind)
                .max(Comparator.comparing(Snapshot::time));
        if (latest.isEmpty()) {
            return new KindStatus(kind, Status.MISSING, null, List.of(), false, null, limit);
        }
        Snapshot s = latest.get();
        boolean fresh = Elapsed.within(s.time(), now, limit);
        boolean offsite = offsite(s.time(), lastMirrorStartedAt);
        Status status = !fresh ? Status.STALE : !offsite ? Status.NOT_OFFSITE : Status.OK;
        return new KindStatus(kind, status, s, where(s.time(), lastMirrorStartedAt), fresh,
                Elapsed.age(s.time(), now), limit);
    }

    /** Every kind's status, in the order of {@link BackupKind}. */
    public static List<KindStatus> all(List<Snapshot> snapshots, Instant lastMirrorStartedAt,
            Map<BackupKind, Duration> limits, Instant now) {
        List<KindStatus> all = new ArrayList<>();
        for (BackupKind kind : BackupKind.values()) {
            all.add(of(kind, snapshots, lastMirrorStartedAt, limits.get(kind), now));
        }
        return all;
    }
}
