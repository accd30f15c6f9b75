package fr.progerance.ops.update;

import fr.progerance.ops.update.version.UpdateKind;
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
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One update of one server's shop (table {@code ops_update}): the evidence of RD-ps, R4.0-b, R4.0-c
 * and R4.3-p2. Written by {@link UpdateService} only, by the code that did the work (DESIGN rule 11):
 * the window planned, the quote that decided a major update, the pre-update backup runs, the
 * assistant's backup, the version read after, the check, the failure and the rollback. A final
 * status never moves (DONE, ROLLED_BACK, NOT_DONE).
 */
@Entity
@Table(name = "ops_update")
public class ShopUpdate {

    static final int MAX_TEXT = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "server_id", nullable = false, updatable = false)
    private Long serverId;

    @Column(name = "from_version", nullable = false, length = 40, updatable = false)
    private String fromVersion;

    @Column(name = "to_version", nullable = false, length = 40)
    private String toVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 8, updatable = false)
    private UpdateKind kind;

    @Column(name = "security", nullable = false)
    private boolean security;

    /** R4.0-b: publication + the delay; null for a major update. */
    @Column(name = "due_at")
    private Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private UpdateStatus status;

    @Column(name = "open_slot", length = 40)
    private String openSlot;

    @Column(name = "window_start")
    private Instant windowStart;

    @Column(name = "window_end")
    private Instant windowEnd;

    @Column(name = "scheduled_by", length = 64)
    private String scheduledBy;

    @Column(name = "quote_id")
    private Long quoteId;

    @Column(name = "reason", length = MAX_TEXT)
    private String reason;

    @Column(name = "requested_by", nullable = false, length = 64, updatable = false)
    private String requestedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "process_instance_id", length = 64)
    private String processInstanceId;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "database_backup_run", length = 36)
    private String databaseBackupRun;

    @Column(name = "files_backup_run", length = 36)
    private String filesBackupRun;

    @Column(name = "backed_up_at")
    private Instant backedUpAt;

    @Column(name = "assistant_backup", length = 200)
    private String assistantBackup;

    @Column(name = "version_after", length = 40)
    private String versionAfter;

    @Column(name = "verification", length = MAX_TEXT)
    private String verification;

    @Column(name = "failure", length = MAX_TEXT)
    private String failure;

    @Column(name = "rollback_report", length = MAX_TEXT)
    private String rollbackReport;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    @Column(name = "version", nullable = false)
    private Long version;

    protected ShopUpdate() {
    }

    ShopUpdate(long serverId, String fromVersion, String toVersion, UpdateKind kind, boolean security, Instant dueAt,
            String requestedBy, Instant createdAt) {
        if (kind == null || kind == UpdateKind.NONE) {
            throw new IllegalArgumentException("An update goes somewhere: kind " + kind);
        }
        this.serverId = serverId;
        this.fromVersion = Objects.requireNonNull(fromVersion, "fromVersion");
        this.toVersion = Objects.requireNonNull(toVersion, "toVersion");
        this.kind = kind;
        this.security = security;
        this.dueAt = dueAt;
        this.requestedBy = Objects.requireNonNull(requestedBy, "requestedBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        // R4.0-c: a major update waits for its quote; RD-ps: a minor one is planned by ops.
        this.status = kind.needsQuote() ? UpdateStatus.AWAITING_QUOTE : UpdateStatus.PENDING;
        this.openSlot = slot(serverId, kind);
    }

    /** The value of {@code open_slot} while an update of that server and class is open. */
    static String slot(long serverId, UpdateKind kind) {
        return serverId + ":" + (kind.needsQuote() ? "MAJOR" : "MINOR");
    }

    /** A final status never moves; FAILED waits for ops. */
    private void require(Set<UpdateStatus> allowed, String what) {
        if (!allowed.contains(status)) {
            throw new IllegalStateException("Update " + id + " is " + status + ": it cannot " + what);
        }
    }

    /** A newer release while ops have not planned the window yet: the open update aims at it. */
    void retarget(String newTarget, boolean newSecurity, Instant newDueAt) {
        require(EnumSet.of(UpdateStatus.PENDING), "change its target");
        this.toVersion = newTarget;
        this.security = this.security || newSecurity;
        if (newDueAt != null && (dueAt == null || newDueAt.isBefore(dueAt))) {
            this.dueAt = newDueAt;
        }
    }

    void quoted(long quoteId) {
        if (!kind.needsQuote()) {
            throw new IllegalStateException("Update " + id + " is a " + kind + " update: only a major update is quoted"
                    + " (R4.0-c)");
        }
        require(EnumSet.of(UpdateStatus.AWAITING_QUOTE), "take a quote");
        if (this.quoteId != null && this.quoteId != quoteId) {
            throw new IllegalStateException("Update " + id + " is decided by quote " + this.quoteId + ", not " + quoteId);
        }
        this.quoteId = quoteId;
    }

    void schedule(Instant start, Instant end, String by) {
        require(EnumSet.of(UpdateStatus.PENDING, UpdateStatus.AWAITING_QUOTE, UpdateStatus.SCHEDULED),
                "be scheduled");
        if (kind.needsQuote() && quoteId == null) {
            throw new IllegalStateException("Update " + id + " is a major update without a quote: nothing is planned"
                    + " before the client approved one (R4.0-c)");
        }
        if (processInstanceId != null) {
            throw new IllegalStateException("Update " + id + " is being applied by process instance "
                    + processInstanceId + " with the window it announced to the client: its window does not move");
        }
        this.windowStart = start;
        this.windowEnd = end;
        this.scheduledBy = by;
        this.status = UpdateStatus.SCHEDULED;
    }

    /** ApplyUpdate takes the record: one instance per update (a retried job finds its own claim). */
    void claim(String processInstanceId) {
        if (this.processInstanceId != null) {
            if (this.processInstanceId.equals(processInstanceId)) {
                return;
            }
            throw new IllegalStateException("Update " + id + " is applied by process instance " + this.processInstanceId
                    + ", not " + processInstanceId);
        }
        require(EnumSet.of(UpdateStatus.SCHEDULED), "be applied (its window is not planned)");
        this.processInstanceId = processInstanceId;
    }

    void started(Instant at) {
        if (status == UpdateStatus.RUNNING) {
            return;
        }
        require(EnumSet.of(UpdateStatus.SCHEDULED), "start");
        this.status = UpdateStatus.RUNNING;
        this.startedAt = at;
    }

    void backedUp(String databaseRun, String filesRun, Instant at) {
        require(EnumSet.of(UpdateStatus.RUNNING), "record its pre-update backup");
        this.databaseBackupRun = Objects.requireNonNull(databaseRun, "databaseRun");
        this.filesBackupRun = Objects.requireNonNull(filesRun, "filesRun");
        this.backedUpAt = Objects.requireNonNull(at, "at");
    }

    void assistantBackup(String name) {
        require(EnumSet.of(UpdateStatus.RUNNING), "record the assistant's backup");
        this.assistantBackup = bounded(name, 200);
    }

    void updateFailed(String message) {
        require(EnumSet.of(UpdateStatus.RUNNING), "fail");
        this.failure = bounded(message, MAX_TEXT);
    }

    void checked(String versionRead, String findings, boolean healthy) {
        require(EnumSet.of(UpdateStatus.RUNNING), "be checked");
        this.versionAfter = versionRead;
        this.verification = bounded(findings, MAX_TEXT);
        if (!healthy) {
            this.failure = bounded("The check after the update failed: " + findings, MAX_TEXT);
        }
    }

    void done(String reason, Instant at) {
        if (status == UpdateStatus.DONE) {
            return;
        }
        require(EnumSet.of(UpdateStatus.RUNNING), "be done");
        finish(UpdateStatus.DONE, reason, at);
    }

    void rolledBack(String report, String versionRead, String reason, Instant at) {
        if (status == UpdateStatus.ROLLED_BACK) {
            return;
        }
        require(EnumSet.of(UpdateStatus.RUNNING, UpdateStatus.FAILED), "be rolled back");
        this.rollbackReport = bounded(report, MAX_TEXT);
        this.versionAfter = versionRead;
        finish(UpdateStatus.ROLLED_BACK, reason, at);
    }

    /** The rollback failed for good: ops act (a Camunda incident waits); the slot stays taken. */
    void rollbackFailed(String message) {
        require(EnumSet.of(UpdateStatus.RUNNING, UpdateStatus.FAILED), "fail its rollback");
        this.status = UpdateStatus.FAILED;
        this.rollbackReport = bounded("The rollback failed: " + message, MAX_TEXT);
    }

    void notDone(String reason, Instant at) {
        if (status == UpdateStatus.NOT_DONE) {
            return;
        }
        require(EnumSet.of(UpdateStatus.PENDING, UpdateStatus.AWAITING_QUOTE, UpdateStatus.SCHEDULED,
                UpdateStatus.RUNNING), "end as not done");
        if (assistantBackup != null) {
            throw new IllegalStateException("Update " + id + " reached the update assistant: it is rolled back or"
                    + " failed, never 'not done'");
        }
        finish(UpdateStatus.NOT_DONE, reason, at);
    }

    private void finish(UpdateStatus finalStatus, String why, Instant at) {
        this.status = finalStatus;
        this.reason = bounded(why, MAX_TEXT);
        this.finishedAt = at;
        this.openSlot = null;
    }

    static String bounded(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max - 1) + "…";
    }

    public UpdateView view() {
        return new UpdateView(id, serverId, fromVersion, toVersion, kind, security, dueAt, status, windowStart,
                windowEnd, quoteId, reason, requestedBy, createdAt, finishedAt);
    }

    public Long getId() {
        return id;
    }

    public Long getServerId() {
        return serverId;
    }

    public String getFromVersion() {
        return fromVersion;
    }

    public String getToVersion() {
        return toVersion;
    }

    public UpdateKind getKind() {
        return kind;
    }

    public boolean isSecurity() {
        return security;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public UpdateStatus getStatus() {
        return status;
    }

    public Instant getWindowStart() {
        return windowStart;
    }

    public Instant getWindowEnd() {
        return windowEnd;
    }

    public String getScheduledBy() {
        return scheduledBy;
    }

    public Long getQuoteId() {
        return quoteId;
    }

    public String getReason() {
        return reason;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public String getDatabaseBackupRun() {
        return databaseBackupRun;
    }

    public String getFilesBackupRun() {
        return filesBackupRun;
    }

    public Instant getBackedUpAt() {
        return backedUpAt;
    }

    public String getAssistantBackup() {
        return assistantBackup;
    }

    public String getVersionAfter() {
        return versionAfter;
    }

    public String getVerification() {
        return verification;
    }

    public String getFailure() {
        return failure;
    }

    public String getRollbackReport() {
        return rollbackReport;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
