package fr.progerance.ops.backup;

import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.calendar.Elapsed;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * R3.6-c, R8.2: which snapshots of a repository to forget. A snapshot taken before now minus
 * {@code ops.backup.retention.keep} (14 days, on the contract's calendar) is forgotten, unless an
 * active hold covers it. The cutoff counts back from <em>now</em>, not from the newest snapshot as
 * restic's {@code --keep-within} does, so a server whose backups stopped does not keep stale
 * snapshots forever: its snapshots go once they are 14 days old, like everyone's.
 */
public final class RetentionPolicy {

    /**
     * What the policy reads from a hold record.
     *
     * @param snapshotId the held snapshot's id or a prefix of it (its short id)
     * @param until when the hold ends
     * @param liftedAt when a manager lifted it, or null
     */
    public record Hold(String snapshotId, Instant until, Instant liftedAt) {

        public Hold {
            Objects.requireNonNull(snapshotId, "snapshotId");
            Objects.requireNonNull(until, "until");
        }

        /** Whether it still keeps its snapshot at {@code now}: not lifted, and {@code until} not reached. */
        public boolean activeAt(Instant now) {
            return liftedAt == null && until.isAfter(now);
        }

        /** Whether it is about {@code snapshotId} (a full id; the hold may name its short id). */
        public boolean covers(String snapshotId) {
            return snapshotId.startsWith(this.snapshotId);
        }
    }

    /**
     * The policy's answer.
     *
     * @param cutoff snapshots taken before it are old
     * @param forget the old snapshots no active hold covers, oldest first
     * @param held the old snapshots kept by an active hold
     */
    public record Decision(Instant cutoff, List<ResticSnapshot> forget, List<ResticSnapshot> held) {

        public Decision {
            forget = List.copyOf(forget);
            held = List.copyOf(held);
        }

        public List<String> forgetIds() {
            return forget.stream().map(ResticSnapshot::id).toList();
        }
    }

    private final Period keep;
    private final ZoneId zone;

    public RetentionPolicy(Period keep, ZoneId zone) {
        this.keep = Objects.requireNonNull(keep, "keep");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("The retention period must be positive, got " + keep);
        }
    }

    /** R3.6-c: what to forget among {@code snapshots} at {@code now}, given the client's holds (R8.2). */
    public Decision decide(List<ResticSnapshot> snapshots, List<Hold> holds, Instant now) {
        Instant cutoff = Elapsed.periodBefore(now, keep, zone);
        List<ResticSnapshot> forget = new ArrayList<>();
        List<ResticSnapshot> held = new ArrayList<>();
        snapshots.stream().sorted(Comparator.comparing(ResticSnapshot::time)).forEach(s -> {
            if (!s.time().isBefore(cutoff)) {
                return;
            }
            if (heldUntil(s.id(), holds, now).isPresent()) {
                held.add(s);
            } else {
                forget.add(s);
            }
        });
        return new Decision(cutoff, forget, held);
    }

    /** The latest end of the active holds on {@code snapshotId} at {@code now}, if any. */
    public static Optional<Instant> heldUntil(String snapshotId, List<Hold> holds, Instant now) {
        return holds.stream().filter(h -> h.activeAt(now) && h.covers(snapshotId)).map(Hold::until)
                .max(Comparator.naturalOrder());
    }
}
