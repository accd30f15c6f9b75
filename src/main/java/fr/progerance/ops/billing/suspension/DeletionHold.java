package fr.progerance.ops.billing.suspension;

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
 * R8.2: a manager's hold on a client's deletion (table {@code ops_deletion_hold}): while it stands
 * (not lifted), the client's data is not deleted. Who placed it, why and when, and who lifted it
 * and when, come from the authenticated manager and the clock (DESIGN rule 11: the dunning process
 * reads this record, never a variable).
 */
@Entity
@Table(name = "ops_deletion_hold")
public class DeletionHold {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "client_id", nullable = false, updatable = false)
    private long clientId;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason", length = 16, nullable = false, updatable = false)
    private DeletionHoldReason reason;

    @Column(name = "note", length = 500, updatable = false)
    private String note;

    @Column(name = "placed_by", length = 64, nullable = false, updatable = false)
    private String placedBy;

    @Column(name = "placed_at", nullable = false, updatable = false)
    private Instant placedAt;

    @Column(name = "lifted_by", length = 64)
    private String liftedBy;

    @Column(name = "lifted_at")
    private Instant liftedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected DeletionHold() {
    }

    DeletionHold(long clientId, DeletionHoldReason reason, String note, String placedBy, Instant placedAt) {
        this.clientId = clientId;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.note = note;
        this.placedBy = Objects.requireNonNull(placedBy, "placedBy");
        this.placedAt = Objects.requireNonNull(placedAt, "placedAt");
    }

    void lift(String by, Instant at) {
        this.liftedBy = Objects.requireNonNull(by, "by");
        this.liftedAt = Objects.requireNonNull(at, "at");
    }

    /** Whether the hold still stops the deletion. */
    public boolean standing() {
        return liftedAt == null;
    }

    public Long getId() {
        return id;
    }

    public long getClientId() {
        return clientId;
    }

    public DeletionHoldReason getReason() {
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

    public String getLiftedBy() {
        return liftedBy;
    }

    public Instant getLiftedAt() {
        return liftedAt;
    }
}
