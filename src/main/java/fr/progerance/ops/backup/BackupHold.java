package fr.progerance.ops.backup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A hold on one snapshot of a client's repository (table {@code ops_backup_hold}, R8.2 and legal
 * holds): the snapshot is kept beyond the rolling retention (R3.6-c) until {@code until}, unless
 * lifted earlier. Who placed it, why and until when are recorded (DESIGN rule 11); the retention
 * job reads these records.
 */
@Entity
@Table(name = "ops_backup_hold")
public class BackupHold {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "client_id", nullable = false, updatable = false)
    private long clientId;

    /** A full restic id, or a prefix of one (the 8-character short id). */
    @Column(name = "snapshot_id", length = 64, nullable = false, updatable = false)
    private String snapshotId;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason", length = 32, nullable = false, updatable = false)
    private HoldReason reason;

    @Column(name = "note", length = 500, updatable = false)
    private String note;

    @Column(name = "placed_by", length = 64, nullable = false, updatable = false)
    private String placedBy;

    @Column(name = "placed_at", nullable = false, updatable = false)
    private Instant placedAt;

    @Column(name = "hold_until", nullable = false, updatable = false)
    private Instant until;

    @Column(name = "lifted_by", length = 64)
    private String liftedBy;

    @Column(name = "lifted_at")
    private Instant liftedAt;

    @Version
    private long version;

    protected BackupHold() {
    }

    BackupHold(long clientId, String snapshotId, HoldReason reason, String note, String placedBy, Instant placedAt,
            Instant until) {
        this.clientId = clientId;
        this.snapshotId = Objects.requireNonNull(snapshotId, "snapshotId");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.note = note;
        this.placedBy = Objects.requireNonNull(placedBy, "placedBy");
        this.placedAt = Objects.requireNonNull(placedAt, "placedAt");
        this.until = Objects.requireNonNull(until, "until");
    }

    void lift(String by, Instant at) {
        this.liftedBy = by;
        this.liftedAt = at;
    }

    /** The facts the retention policy reads. */
    public RetentionPolicy.Hold fact() {
        return new RetentionPolicy.Hold(snapshotId, until, liftedAt);
    }

    public Long getId() {
        return id;
    }

    public long getClientId() {
        return clientId;
    }

    public String getSnapshotId() {
        return snapshotId;
    }

    public HoldReason getReason() {
        return reason;
    }

    public String getNote() {
        return note;
    }

    public String getPlacedBy() {
        return placedBy;
    }

    public Instant getPlacedAt() {
        return placedAt;
    }

    public Instant getUntil() {
        return until;
    }

    public String getLiftedBy() {
        return liftedBy;
    }

    public Instant getLiftedAt() {
        return liftedAt;
    }
}
