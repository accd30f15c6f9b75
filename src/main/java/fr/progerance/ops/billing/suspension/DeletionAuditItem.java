package fr.progerance.ops.billing.suspension;

import fr.progerance.ops.calendar.Infrastructure;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * R8.2: one thing a deletion deletes (table {@code ops_deletion_audit_item}), listed in its
 * {@link DeletionAudit} before anything is deleted, then marked done with what the step did. A
 * server item keeps where the command went (address, SSH port and user, pinned host key), so a
 * retried deletion deletes exactly what the record says, whatever the register says meanwhile.
 */
@Entity
@Table(name = "ops_deletion_audit_item")
public class DeletionAuditItem {

    /** What the item is. */
    public enum Kind {
        /** A shop's database, dropped on its server. */
        DATABASE,
        /** A shop's install directory, removed on its server. */
        DIRECTORY,
        /** The client's restic repository and its password file, on the backup volume. */
        LOCAL_REPOSITORY,
        /** The off-site copy of that repository. */
        OFFSITE_COPY
    }

    private static final int MAX_OUTCOME = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "audit_id", nullable = false, updatable = false)
    private DeletionAudit audit;

    @Column(name = "item_no", nullable = false, updatable = false)
    private int position;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 24, nullable = false, updatable = false)
    private Kind kind;

    @Column(name = "server_id", updatable = false)
    private Long serverId;

    @Column(name = "server_name", length = 64, updatable = false)
    private String serverName;

    @Column(name = "server_address", length = 253, updatable = false)
    private String serverAddress;

    @Column(name = "ssh_port", updatable = false)
    private Integer sshPort;

    @Column(name = "ssh_user", length = 32, updatable = false)
    private String sshUser;

    @Column(name = "host_key_fingerprint", length = 50, updatable = false)
    private String hostKeyFingerprint;

    @Enumerated(EnumType.STRING)
    @Column(name = "infrastructure", length = 16, updatable = false)
    private Infrastructure infrastructure;

    /** The database name, the directory, the repository's path or the off-site name. */
    @Column(name = "target", length = 1024, nullable = false, updatable = false)
    private String target;

    @Column(name = "done_at")
    private Instant doneAt;

    @Column(name = "outcome", length = MAX_OUTCOME)
    private String outcome;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected DeletionAuditItem() {
    }

    DeletionAuditItem(DeletionAudit audit, int position, Kind kind, RegisteredServices.ServerRef server, String target) {
        this.audit = audit;
        this.position = position;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.target = Objects.requireNonNull(target, "target");
        if (server != null) {
            this.serverId = server.id();
            this.serverName = server.name();
            this.serverAddress = server.address();
            this.sshPort = server.sshPort();
            this.sshUser = server.sshUser();
            this.hostKeyFingerprint = server.hostKeyFingerprint();
            this.infrastructure = server.infrastructure();
        }
    }

    void done(String what, Instant at) {
        this.outcome = what == null || what.length() <= MAX_OUTCOME ? what : what.substring(0, MAX_OUTCOME - 3) + "...";
        this.doneAt = at;
    }

    /** The server as the record names it, for a server item; null otherwise. */
    RegisteredServices.ServerRef server() {
        return serverId == null ? null : new RegisteredServices.ServerRef(serverId, serverName, serverAddress, sshPort,
                sshUser, hostKeyFingerprint, infrastructure, null, null, null);
    }

    public boolean isDone() {
        return doneAt != null;
    }

    /** One readable line, e.g. {@code shop-1 (TIERCE, 192.0.2.10): database shop_db}. */
    public String describe() {
        String what = switch (kind) {
            case DATABASE -> "database " + target;
            case DIRECTORY -> "directory " + target;
            case LOCAL_REPOSITORY -> "local backup repository " + target;
            case OFFSITE_COPY -> "off-site copy " + target;
        };
        return serverId == null ? what : serverName + " (" + infrastructure + ", " + serverAddress + "): " + what;
    }

    public Long getId() {
        return id;
    }

    public int getPosition() {
        return position;
    }

    public Kind getKind() {
        return kind;
    }

    public Long getServerId() {
        return serverId;
    }

    public String getServerName() {
        return serverName;
    }

    public String getServerAddress() {
        return serverAddress;
    }

    public Infrastructure getInfrastructure() {
        return infrastructure;
    }

    public String getTarget() {
        return target;
    }

    public Instant getDoneAt() {
        return doneAt;
    }

    public String getOutcome() {
        return outcome;
    }
}
