package fr.progerance.ops.backup.restore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * One restore drill of one server's latest database snapshot (table {@code ops_restore_drill}):
 * how long loading it into a scratch database took, and whether tables and rows matched the dump.
 * The project's evidence that 4 business hours (R3.6-d) hold.
 */
@Entity
@Table(name = "ops_restore_drill")
public class RestoreDrill {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "run_id", length = 64, nullable = false, updatable = false)
    private String runId;

    @Column(name = "client_id", nullable = false, updatable = false)
    private Long clientId;

    @Column(name = "server_id", nullable = false, updatable = false)
    private Long serverId;

    @Column(name = "snapshot_id", length = 64)
    private String snapshotId;

    @Column(name = "snapshot_time")
    private Instant snapshotTime;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "took_ms")
    private Long tookMillis;

    @Column(name = "tables_expected")
    private Integer tablesExpected;

    @Column(name = "tables_loaded")
    private Integer tablesLoaded;

    @Column(name = "rows_expected")
    private Long rowsExpected;

    @Column(name = "rows_loaded")
    private Long rowsLoaded;

    @Column(name = "dump_bytes")
    private Long dumpBytes;

    @Column(name = "matched", nullable = false)
    private boolean matched;

    @Column(name = "failure", length = 1000)
    private String failure;

    protected RestoreDrill() {
    }

    RestoreDrill(String runId, long clientId, long serverId, String snapshotId, Instant snapshotTime,
            Instant startedAt, RestoreDrills.Result result) {
        this.runId = runId;
        this.clientId = clientId;
        this.serverId = serverId;
        this.snapshotId = snapshotId;
        this.snapshotTime = snapshotTime;
        this.startedAt = startedAt;
        this.tookMillis = result.took() == null ? null : result.took().toMillis();
        this.tablesExpected = result.tablesExpected();
        this.tablesLoaded = result.tablesLoaded();
        this.rowsExpected = result.rowsExpected();
        this.rowsLoaded = result.rowsLoaded();
        this.dumpBytes = result.dumpBytes();
        this.matched = result.matched();
        String f = result.failure();
        this.failure = f == null ? null : f.length() > 1000 ? f.substring(0, 1000) : f;
    }

    public Long getId() {
        return id;
    }

    public String getRunId() {
        return runId;
    }

    public Long getClientId() {
        return clientId;
    }

    public Long getServerId() {
        return serverId;
    }

    public String getSnapshotId() {
        return snapshotId;
    }

    public Instant getSnapshotTime() {
        return snapshotTime;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    /** How long the load and the counts took: the evidence for R3.6-d. */
    public Duration getTook() {
        return tookMillis == null ? null : Duration.ofMillis(tookMillis);
    }

    public Integer getTablesExpected() {
        return tablesExpected;
    }

    public Integer getTablesLoaded() {
        return tablesLoaded;
    }

    public Long getRowsExpected() {
        return rowsExpected;
    }

    public Long getRowsLoaded() {
        return rowsLoaded;
    }

    public Long getDumpBytes() {
        return dumpBytes;
    }

    public boolean isMatched() {
        return matched;
    }

    public String getFailure() {
        return failure;
    }
}
