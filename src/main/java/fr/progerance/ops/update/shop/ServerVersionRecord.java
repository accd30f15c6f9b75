package fr.progerance.ops.update.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One reading of a shop's version (table {@code ops_server_version}, RD-ps); R5.7: kept one year. */
@Entity
@Table(name = "ops_server_version")
public class ServerVersionRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "server_id", nullable = false, updatable = false)
    private long serverId;

    /** The normalised version text ({@code PrestaShopVersion.text()}). */
    @Column(name = "version", nullable = false, length = 64, updatable = false)
    private String version;

    /** The file it was read from, relative to the install path ({@link VersionFile#path()}). */
    @Column(name = "file", nullable = false, length = 64, updatable = false)
    private String file;

    @Column(name = "read_at", nullable = false, updatable = false)
    private Instant readAt;

    protected ServerVersionRecord() {
    }

    ServerVersionRecord(long serverId, String version, String file, Instant readAt) {
        this.serverId = serverId;
        this.version = version;
        this.file = file;
        this.readAt = readAt;
    }

    public Long getId() {
        return id;
    }

    public long getServerId() {
        return serverId;
    }

    public String getVersion() {
        return version;
    }

    public String getFile() {
        return file;
    }

    public Instant getReadAt() {
        return readAt;
    }
}
