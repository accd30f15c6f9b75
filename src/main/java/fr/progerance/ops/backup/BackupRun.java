package fr.progerance.ops.backup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One backup run (table {@code ops_backup_run}): one snapshot of one server and kind, written by
 * the Backup process's delegate and handlers only. Its id is the snapshot's {@code run=} tag.
 * DESIGN rule 13: {@link BackupRunStatus#BACKED_UP} only after restic listed the snapshot with the
 * run's tags; a failure keeps a readable, bounded message.
 */
@Entity
@Table(name = "ops_backup_run")
public class BackupRun {

    static final int MAX_MESSAGE = 1000;

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "server_id", nullable = false, updatable = false)
    private long serverId;

    @Column(name = "client_id", nullable = false, updatable = false)
    private long clientId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 16, nullable = false, updatable = false)
    private BackupKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "run_trigger", length = 32, nullable = false, updatable = false)
    private BackupTrigger trigger;

    @Column(name = "process_instance_id", length = 64, updatable = false)
    private String processInstanceId;

    @Column(name = "business_key", length = 100, updatable = false)
    private String businessKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private BackupRunStatus status;

    @Column(name = "active_slot", length = 40)
    private String activeSlot;

    @Column(name = "snapshot_id", length = 64)
    private String snapshotId;

    @Column(name = "snapshot_time")
    private Instant snapshotTime;

    @Column(name = "bytes")
    private Long bytes;

    @Column(name = "data_added")
    private Long dataAdded;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "backed_up_at")
    private Instant backedUpAt;

    @Column(name = "mirrored_at")
    private Instant mirroredAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "failed_step", length = 40)
    private String failedStep;

    @Column(name = "failure_message", length = MAX_MESSAGE)
    private String failureMessage;

    @Column(name = "failed_at")
    private Instant failedAt;

    @Version
    private long version;

    protected BackupRun() {
    }

    BackupRun(String id, long serverId, long clientId, BackupKind kind, BackupTrigger trigger,
            String processInstanceId, String businessKey, Instant startedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.serverId = serverId;
        this.clientId = clientId;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.processInstanceId = processInstanceId;
        this.businessKey = businessKey;
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.status = BackupRunStatus.RUNNING;
        this.activeSlot = slot(serverId, kind);
    }

    /** The value of {@code active_slot} while a run of that server and kind is alive. */
    static String slot(long serverId, BackupKind kind) {
        return serverId + ":" + kind.name();
    }

    void backedUp(String snapshotId, Instant snapshotTime, long bytes, long dataAdded, Instant at) {
        this.snapshotId = snapshotId;
        this.snapshotTime = snapshotTime;
        this.bytes = bytes;
        this.dataAdded = dataAdded;
        this.backedUpAt = at;
        this.status = BackupRunStatus.BACKED_UP;
    }

    void mirrored(Instant at) {
        this.mirroredAt = at;
        this.finishedAt = at;
        this.status = BackupRunStatus.MIRRORED;
    }

    /** A failed attempt: the message is kept; the status changes only when no retry is left. */
    void attemptFailed(String step, String message, Instant at) {
        this.failedStep = step;
        this.failureMessage = bounded(message);
        this.failedAt = at;
    }

    void failed(String step, String message, Instant at) {
        attemptFailed(step, message, at);
        this.status = BackupRunStatus.FAILED;
    }

    /** The run's process ended (done, or cancelled): another run of that server and kind may start. */
    void released(Instant at) {
        this.activeSlot = null;
        if (finishedAt == null) {
            finishedAt = at;
        }
    }

    static String bounded(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String oneLine = message.strip();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE - 1) + "…";
    }

    /** How long the backup step took, when it succeeded. */
    public Duration backupDuration() {
        return backedUpAt == null ? null : Duration.between(startedAt, backedUpAt);
    }

    public String getId() {
        return id;
    }

    public long getServerId() {
        return serverId;
    }

    public long getClientId() {
        return clientId;
    }

    public BackupKind getKind() {
        return kind;
    }

    public BackupTrigger getTrigger() {
        return trigger;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getBusinessKey() {
        return businessKey;
    }

    public BackupRunStatus getStatus() {
        return status;
    }

    public boolean isActive() {
        return activeSlot != null;
    }

    public String getSnapshotId() {
        return snapshotId;
    }

    public Instant getSnapshotTime() {
        return snapshotTime;
    }

    public Long getBytes() {
        return bytes;
    }

    public Long getDataAdded() {
        return dataAdded;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getBackedUpAt() {
        return backedUpAt;
    }

    public Instant getMirroredAt() {
        return mirroredAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public String getFailedStep() {
        return failedStep;
    }

    public String getFailureMessage() {
        return failureMessage;
    }

    public Instant getFailedAt() {
        return failedAt;
    }
}
