package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.BackupKind;
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
 * One restore (table {@code ops_restore_request}): the evidence of R3.6-d and R3.6-e. The backup
 * point (snapshot and its time), the client's validation as its channel recorded it (copied from
 * the decision record: link, or written with who recorded it and the writing's reference), the
 * deadline from that validation, start, end and whether the deadline was met. Nothing here comes
 * from a process variable (DESIGN rule 11).
 */
@Entity
@Table(name = "ops_restore_request")
public class RestoreRequest {

    /** How the client validated (R3.6-d, R4.3-t3). */
    public enum ValidationChannel {
        /** The signed link mailed to the client. */
        LINK,
        /** A written validation (mail, letter) recorded by ops with its reference. */
        WRITTEN
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "server_id", nullable = false, updatable = false)
    private Long serverId;

    @Column(name = "client_id", nullable = false, updatable = false)
    private Long clientId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 24)
    private RestoreStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 16)
    private BackupKind kind;

    @Column(name = "snapshot_id", length = 64)
    private String snapshotId;

    /** R3.6-e: the backup point; data written after it is not restored. */
    @Column(name = "snapshot_time")
    private Instant snapshotTime;

    @Column(name = "requested_by", length = 64, updatable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "reason", length = 500)
    private String reason;

    @Column(name = "process_instance_id", length = 64)
    private String processInstanceId;

    @Column(name = "decision_id", length = 36)
    private String decisionId;

    @Column(name = "validated_at")
    private Instant validatedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "validation_channel", length = 8)
    private ValidationChannel validationChannel;

    @Column(name = "validation_recorded_by", length = 100)
    private String validationRecordedBy;

    @Column(name = "validation_reference", length = 300)
    private String validationReference;

    /** R3.6-d: validation + 4 business hours (RC-business). */
    @Column(name = "due_at")
    private Instant dueAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "deadline_met")
    private Boolean deadlineMet;

    @Column(name = "shop_check", length = 500)
    private String shopCheck;

    @Column(name = "table_count")
    private Integer tableCount;

    /** The last failure, readable by ops (no data, no secrets). */
    @Column(name = "failure", length = 1000)
    private String failure;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "confirmed_by", length = 100)
    private String confirmedBy;

    @Column(name = "confirmation_remarks", length = 1000)
    private String confirmationRemarks;

    @Column(name = "reported_at")
    private Instant reportedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Version
    @Column(name = "version", nullable = false)
    private Long version;

    protected RestoreRequest() {
    }

    RestoreRequest(long serverId, long clientId, String requestedBy, Instant requestedAt, String reason) {
        this.serverId = serverId;
        this.clientId = clientId;
        this.requestedBy = requestedBy;
        this.requestedAt = Objects.requireNonNull(requestedAt, "requestedAt");
        this.reason = reason;
        this.status = RestoreStatus.REQUESTED;
    }

    /**
     * R3.6-d: whether a restore finished at {@code finishedAt} met its deadline {@code dueAt}: at or
     * before it (a deadline is the last instant allowed). Not met while it has not finished.
     */
    public static boolean deadlineMet(Instant dueAt, Instant finishedAt) {
        Objects.requireNonNull(dueAt, "dueAt");
        return finishedAt != null && !finishedAt.isAfter(dueAt);
    }

    void claim(String processInstanceId) {
        if (this.processInstanceId != null && !this.processInstanceId.equals(processInstanceId)) {
            throw new IllegalStateException("Restore " + id + " is already handled by process instance "
                    + this.processInstanceId);
        }
        this.processInstanceId = processInstanceId;
    }

    /** R3.6-e: the backup point, chosen while nothing was validated yet. */
    void choose(BackupKind kind, String snapshotId, Instant snapshotTime) {
        if (validatedAt != null) {
            throw new IllegalStateException("Restore " + id + " was validated for snapshot " + this.snapshotId
                    + ": its backup point no longer changes");
        }
        this.kind = Objects.requireNonNull(kind, "kind");
        this.snapshotId = Objects.requireNonNull(snapshotId, "snapshotId");
        this.snapshotTime = Objects.requireNonNull(snapshotTime, "snapshotTime");
    }

    void awaitValidation(String decisionId) {
        requireStatus(RestoreStatus.REQUESTED, RestoreStatus.AWAITING_VALIDATION);
        this.decisionId = decisionId;
        this.status = RestoreStatus.AWAITING_VALIDATION;
    }

    /** R3.6-d: the clock starts at the validation, copied from the decision record. */
    void validated(ValidationChannel channel, Instant at, String recordedBy, String reference, Instant dueAt) {
        if (status == RestoreStatus.VALIDATED && validatedAt != null) {
            return; // a retried job
        }
        requireStatus(RestoreStatus.AWAITING_VALIDATION);
        this.validationChannel = Objects.requireNonNull(channel, "channel");
        this.validatedAt = Objects.requireNonNull(at, "at");
        this.validationRecordedBy = recordedBy;
        this.validationReference = reference;
        this.dueAt = Objects.requireNonNull(dueAt, "dueAt");
        this.status = RestoreStatus.VALIDATED;
    }

    void close(RestoreStatus outcome, Instant at) {
        if (outcome != RestoreStatus.DECLINED && outcome != RestoreStatus.EXPIRED) {
            throw new IllegalArgumentException("close() is for DECLINED or EXPIRED, not " + outcome);
        }
        if (status == outcome) {
            return;
        }
        requireStatus(RestoreStatus.REQUESTED, RestoreStatus.AWAITING_VALIDATION);
        this.status = outcome;
        this.closedAt = at;
    }

    /** The restore stream starts (the first attempt's time stays). */
    void started(Instant at) {
        requireStatus(RestoreStatus.VALIDATED, RestoreStatus.RESTORING);
        if (startedAt == null) {
            startedAt = at;
        }
        status = RestoreStatus.RESTORING;
        failure = null;
    }

    void failed(String readable) {
        this.failure = readable == null ? null : readable.length() > 1000 ? readable.substring(0, 1000) : readable;
    }

    /**
     * The checks after the stream: healthy, the restore is finished now and the deadline met or not
     * (R3.6-d); otherwise the findings are its failure and ops repair.
     */
    void checked(String shopCheck, Integer tableCount, boolean healthy, Instant at) {
        requireStatus(RestoreStatus.RESTORING, RestoreStatus.RESTORED);
        this.shopCheck = shopCheck == null ? null : shopCheck.length() > 500 ? shopCheck.substring(0, 500) : shopCheck;
        this.tableCount = tableCount;
        if (!healthy) {
            failed("After the restore: " + shopCheck);
            return;
        }
        if (finishedAt == null) {
            finishedAt = at;
            deadlineMet = deadlineMet(dueAt, finishedAt);
        }
        failure = null;
        status = RestoreStatus.RESTORED;
    }

    void confirmed(String by, Instant at, String remarks) {
        requireStatus(RestoreStatus.RESTORED);
        this.confirmedBy = by;
        this.confirmedAt = at;
        this.confirmationRemarks = remarks;
    }

    void reported(Instant at) {
        requireStatus(RestoreStatus.RESTORED);
        if (reportedAt == null) {
            reportedAt = at;
            closedAt = at;
        }
    }

    private void requireStatus(RestoreStatus... allowed) {
        for (RestoreStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw new IllegalStateException("Restore " + id + " is " + status + ", expected one of "
                + java.util.Arrays.toString(allowed));
    }

    public Long getId() {
        return id;
    }

    public Long getServerId() {
        return serverId;
    }

    public Long getClientId() {
        return clientId;
    }

    public RestoreStatus getStatus() {
        return status;
    }

    public BackupKind getKind() {
        return kind;
    }

    public String getSnapshotId() {
        return snapshotId;
    }

    public Instant getSnapshotTime() {
        return snapshotTime;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public String getReason() {
        return reason;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getDecisionId() {
        return decisionId;
    }

    public Instant getValidatedAt() {
        return validatedAt;
    }

    public ValidationChannel getValidationChannel() {
        return validationChannel;
    }

    public String getValidationRecordedBy() {
        return validationRecordedBy;
    }

    public String getValidationReference() {
        return validationReference;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Boolean getDeadlineMet() {
        return deadlineMet;
    }

    public String getShopCheck() {
        return shopCheck;
    }

    public Integer getTableCount() {
        return tableCount;
    }

    public String getFailure() {
        return failure;
    }

    public Instant getConfirmedAt() {
        return confirmedAt;
    }

    public String getConfirmedBy() {
        return confirmedBy;
    }

    public String getConfirmationRemarks() {
        return confirmationRemarks;
    }

    public Instant getReportedAt() {
        return reportedAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    @Override
    public String toString() {
        return "RestoreRequest[" + id + ", server " + serverId + ", " + status + "]";
    }
}
