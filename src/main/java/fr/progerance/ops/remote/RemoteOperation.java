package fr.progerance.ops.remote;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;

/**
 * One remote action that changes a server (a restart, a reboot), keyed by its operation key and
 * written before the command is sent (table {@code ops_remote_operation}). A retried job finds it
 * and never sends the command a second time without checking what the first one did (DESIGN rule
 * 4). The output kept is bounded and is the command's own (systemctl messages), never a secret.
 */
@Entity
@Table(name = "ops_remote_operation")
public class RemoteOperation {

    /** Where the operation stands. */
    public enum Status {
        /** Recorded, but the command never reached the server (connection or login refused). */
        NOT_SENT,
        /** Sent; what it did is not known yet (the caller died, or the result was lost). */
        SENDING,
        /** Ran with exit status 0, or was seen to have taken effect. */
        DONE,
        /** Ran and exited non-zero: a failure; a retry sends it again. */
        FAILED
    }

    private static final int MAX_TEXT = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "operation_key", length = 200, nullable = false, updatable = false)
    private String operationKey;

    @Column(name = "host", length = 255, nullable = false, updatable = false)
    private String host;

    @Enumerated(EnumType.STRING)
    @Column(name = "template", length = 40, nullable = false, updatable = false)
    private CommandTemplate template;

    @Column(name = "arguments", length = 500, updatable = false)
    private String arguments;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private Status status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "exit_status")
    private Integer exitStatus;

    @Column(name = "stdout", length = MAX_TEXT)
    private String stdout;

    @Column(name = "stderr", length = MAX_TEXT)
    private String stderr;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected RemoteOperation() {
    }

    RemoteOperation(String operationKey, String host, CommandTemplate template, String arguments) {
        this.operationKey = operationKey;
        this.host = host;
        this.template = template;
        this.arguments = arguments;
        this.status = Status.NOT_SENT;
    }

    void sending(Instant at) {
        this.status = Status.SENDING;
        this.attempts++;
        this.sentAt = at;
        this.finishedAt = null;
        this.exitStatus = null;
        this.stdout = null;
        this.stderr = null;
    }

    void notSent() {
        this.status = Status.NOT_SENT;
    }

    void finished(CommandResult result, boolean done, Instant at) {
        this.status = done ? Status.DONE : Status.FAILED;
        this.finishedAt = at;
        this.exitStatus = result.exitStatus();
        this.stdout = bounded(result.stdout());
        this.stderr = bounded(result.stderr());
    }

    /** Seen to have taken effect although its result was lost (a reboot seen in the boot time). */
    void verified(String how, Instant at) {
        this.status = Status.DONE;
        this.finishedAt = at;
        this.stdout = bounded(how);
        this.stderr = "";
    }

    /** The stored result, for a caller that finds the operation DONE or FAILED. */
    CommandResult result() {
        return new CommandResult(template, exitStatus == null ? CommandResult.NO_EXIT_STATUS : exitStatus,
                stdout == null ? "" : stdout, stderr == null ? "" : stderr,
                sentAt == null || finishedAt == null || finishedAt.isBefore(sentAt) ? Duration.ZERO
                        : Duration.between(sentAt, finishedAt));
    }

    private static String bounded(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
    }

    public Long getId() {
        return id;
    }

    public String getOperationKey() {
        return operationKey;
    }

    public String getHost() {
        return host;
    }

    public CommandTemplate getTemplate() {
        return template;
    }

    public String getArguments() {
        return arguments;
    }

    public Status getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Integer getExitStatus() {
        return exitStatus;
    }

    @Override
    public String toString() {
        return "RemoteOperation[" + operationKey + ", " + template + ", " + status + ", attempts=" + attempts + "]";
    }
}
