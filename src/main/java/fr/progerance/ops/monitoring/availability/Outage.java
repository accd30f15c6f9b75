package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.incident.CauseCategory;
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

/**
 * One outage of one server (table {@code ops_outage}, R4.4-p, R4.4-t): from the first failed check
 * of a confirmed failure to the first healthy check. Managers may classify it themselves
 * ({@code PUT /api/availability/outages/{id}}), which wins over the incident's classification.
 */
@Entity
@Table(name = "ops_outage")
public class Outage {

    public static final int MAX_CAUSE = 500;
    public static final int MAX_NOTE = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "server_id", nullable = false, updatable = false)
    private long serverId;

    @Column(name = "contract_id", nullable = false, updatable = false)
    private long contractId;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    /** The server's id while open; null once ended (one open outage per server, a unique key). */
    @Column(name = "open_server_id", unique = true)
    private Long openServerId;

    @Column(name = "cause", nullable = false, length = MAX_CAUSE, updatable = false)
    private String cause;

    @Column(name = "incident_number", length = 24)
    private String incidentNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "cause_category", length = 20)
    private CauseCategory causeCategory;

    @Enumerated(EnumType.STRING)
    @Column(name = "responsibility", length = 20)
    private CauseCategory.Responsibility responsibility;

    @Column(name = "classification_note", length = MAX_NOTE)
    private String classificationNote;

    @Column(name = "classified_by", length = 64)
    private String classifiedBy;

    @Column(name = "classified_at")
    private Instant classifiedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Outage() {
    }

    Outage(long serverId, long contractId, Instant startedAt, String cause, String incidentNumber, Instant createdAt) {
        this.serverId = serverId;
        this.contractId = contractId;
        this.startedAt = startedAt;
        this.openServerId = serverId;
        this.cause = cause == null || cause.isBlank() ? "(no cause given)"
                : cause.length() <= MAX_CAUSE ? cause : cause.substring(0, MAX_CAUSE - 3) + "...";
        this.incidentNumber = incidentNumber;
        this.createdAt = createdAt;
    }

    /** Ends it at {@code at}; an end before its start ends it at its start (nothing counted). */
    void end(Instant at) {
        this.endedAt = at.isBefore(startedAt) ? startedAt : at;
        this.openServerId = null;
    }

    void linkIncident(String number) {
        if (incidentNumber == null && number != null) {
            incidentNumber = number;
        }
    }

    void classify(CauseCategory category, CauseCategory.Responsibility who, String note, String by, Instant at) {
        this.causeCategory = category;
        this.responsibility = who;
        this.classificationNote = note;
        this.classifiedBy = by;
        this.classifiedAt = at;
    }

    public Long getId() {
        return id;
    }

    public long getServerId() {
        return serverId;
    }

    public long getContractId() {
        return contractId;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public String getCause() {
        return cause;
    }

    public String getIncidentNumber() {
        return incidentNumber;
    }

    public CauseCategory getCauseCategory() {
        return causeCategory;
    }

    public CauseCategory.Responsibility getResponsibility() {
        return responsibility;
    }

    public String getClassificationNote() {
        return classificationNote;
    }

    public String getClassifiedBy() {
        return classifiedBy;
    }

    public Instant getClassifiedAt() {
        return classifiedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
