package fr.progerance.ops.backup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The off-site copy of one client's repository (table {@code ops_offsite_mirror}, R3.6-a): when
 * the last successful mirror started and ended, and the last failure. Every local snapshot taken
 * before {@link #getLastSuccessStartedAt()} exists off-site.
 */
@Entity
@Table(name = "ops_offsite_mirror")
public class OffsiteMirror {

    @Id
    @Column(name = "client_id")
    private Long clientId;

    @Column(name = "remote_name", length = 100, nullable = false)
    private String remoteName;

    @Column(name = "last_success_started_at")
    private Instant lastSuccessStartedAt;

    @Column(name = "last_success_finished_at")
    private Instant lastSuccessFinishedAt;

    @Column(name = "files_transferred")
    private Integer filesTransferred;

    @Column(name = "bytes_transferred")
    private Long bytesTransferred;

    @Column(name = "last_failure_at")
    private Instant lastFailureAt;

    @Column(name = "last_failure_message", length = BackupRun.MAX_MESSAGE)
    private String lastFailureMessage;

    @Version
    private long version;

    protected OffsiteMirror() {
    }

    OffsiteMirror(long clientId, String remoteName) {
        this.clientId = clientId;
        this.remoteName = remoteName;
    }

    void succeeded(String remoteName, Instant startedAt, Instant finishedAt, int files, long bytes) {
        this.remoteName = remoteName;
        // A slower, older mirror finishing after a newer one must not move the mark back.
        if (lastSuccessStartedAt == null || !startedAt.isBefore(lastSuccessStartedAt)) {
            this.lastSuccessStartedAt = startedAt;
            this.lastSuccessFinishedAt = finishedAt;
            this.filesTransferred = files;
            this.bytesTransferred = bytes;
        }
    }

    void failed(String message, Instant at) {
        this.lastFailureAt = at;
        this.lastFailureMessage = BackupRun.bounded(message);
    }

    public Long getClientId() {
        return clientId;
    }

    public String getRemoteName() {
        return remoteName;
    }

    public Instant getLastSuccessStartedAt() {
        return lastSuccessStartedAt;
    }

    public Instant getLastSuccessFinishedAt() {
        return lastSuccessFinishedAt;
    }

    public Integer getFilesTransferred() {
        return filesTransferred;
    }

    public Long getBytesTransferred() {
        return bytesTransferred;
    }

    public Instant getLastFailureAt() {
        return lastFailureAt;
    }

    public String getLastFailureMessage() {
        return lastFailureMessage;
    }
}
