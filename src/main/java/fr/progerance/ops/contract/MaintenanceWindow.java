package fr.progerance.ops.contract;

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
 * A maintenance window of one server (table {@code ops_maintenance_window}): planned work during
 * which the shop may be unavailable, so the availability measure leaves it out (R4.4-p "excluding
 * planned maintenance"). A shared record of the register: updates record theirs (source
 * {@link MaintenanceWindowSource#UPDATE}), ops will record others by hand (issue 11). Half-open:
 * {@code [start, end)}. Written through {@link MaintenanceWindows} only.
 */
@Entity
@Table(name = "ops_maintenance_window")
public class MaintenanceWindow {

    /** The longest reason kept (the API refuses longer ones). */
    public static final int MAX_REASON = 500;
    static final int MAX_REFERENCE = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "server_id", nullable = false, updatable = false)
    private Long serverId;

    @Column(name = "window_start", nullable = false)
    private Instant start;

    @Column(name = "window_end", nullable = false)
    private Instant end;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false, length = 8, updatable = false)
    private MaintenanceWindowSource source;

    @Column(name = "reference", length = MAX_REFERENCE, updatable = false)
    private String reference;

    @Column(name = "reason", nullable = false, length = MAX_REASON)
    private String reason;

    @Column(name = "created_by", nullable = false, length = 64, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private Long version;

    protected MaintenanceWindow() {
    }

    MaintenanceWindow(long serverId, MaintenanceWindowSource source, String reference, String createdBy,
            Instant createdAt) {
        this.serverId = serverId;
        this.source = Objects.requireNonNull(source, "source");
        this.reference = reference;
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = createdAt;
    }

    /** Sets (or moves) the window; the end must be after the start. */
    void plan(Instant start, Instant end, String reason, Instant at) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("A maintenance window must end after it starts (" + start + " - "
                    + end + ")");
        }
        this.start = start;
        this.end = end;
        this.reason = reason;
        this.updatedAt = at;
    }

    public MaintenanceWindowView view() {
        return new MaintenanceWindowView(id, serverId, start, end, source, reference, reason, createdBy, createdAt,
                updatedAt);
    }

    public Long getId() {
        return id;
    }

    public Long getServerId() {
        return serverId;
    }

    public Instant getStart() {
        return start;
    }

    public Instant getEnd() {
        return end;
    }

    public MaintenanceWindowSource getSource() {
        return source;
    }

    public String getReference() {
        return reference;
    }

    public String getReason() {
        return reason;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
