package fr.progerance.ops.backup;

import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.contract.ServerRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the backup dashboard shows (dashboards/grafana/dashboards/backups.json), per server and kind:
 * the age of the latest backup against its freshness limit (R3.6-a, R3.6-b), the 3-2-1 status
 * (1 = OK), the last backup's duration and bytes; per kind: runs that succeeded and failed.
 *
 * <p>DESIGN rule 13: counters and gauges move only once the transaction that recorded the fact
 * commits. The gauges read an in-memory view of the run and mirror records, refreshed after each
 * commit and at start (servers of active contracts, and every server with runs), so a scrape never
 * touches the database; ages and freshness are computed at scrape time from the clock.
 */
@Component
public class BackupMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(BackupMetrics.class);

    private final MeterRegistry registry;
    private final ContractClock clock;
    private final BackupSettings settings;
    private final BackupRunRepository runs;
    private final OffsiteMirrorRepository mirrors;
    private final ObjectProvider<ServerRepository> servers;
    private final TransactionTemplate readOnly;

    /** The latest verified snapshot of each server and kind. */
    private final Map<Key, Latest> latest = new ConcurrentHashMap<>();
    /** The client of each server watched. */
    private final Map<Long, Long> clientOfServer = new ConcurrentHashMap<>();
    /** The start of the last successful mirror of each client's repository. */
    private final Map<Long, Instant> mirrorStart = new ConcurrentHashMap<>();
    private final Map<Key, Boolean> registered = new ConcurrentHashMap<>();

    record Key(long serverId, BackupKind kind) {
    }

    record Latest(Instant snapshotTime, long bytes, double durationSeconds) {
    }

    public BackupMetrics(MeterRegistry registry, ContractClock clock, BackupSettings settings, BackupRunRepository runs,
            OffsiteMirrorRepository mirrors, ObjectProvider<ServerRepository> servers,
            PlatformTransactionManager transactions) {
        this.registry = registry;
        this.clock = clock;
        this.settings = settings;
        this.runs = runs;
        this.mirrors = mirrors;
        this.servers = servers;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        for (BackupKind kind : BackupKind.values()) {
            runs(kind, "success");
            runs(kind, "failure");
            Gauge.builder("ops.backup.freshness.limit", () -> settings.getFreshness().of(kind).toSeconds())
                    .description("How old the latest backup of this kind may be (R3.6-a, R3.6-b)")
                    .baseUnit("seconds").tag("kind", kind.name()).register(registry);
        }
    }

    /** At start: every server of an active contract, and every server that has runs. */
    @EventListener(ApplicationReadyEvent.class)
    public void watchExistingServers() {
        try {
            ServerRepository repository = servers.getObject();
            Map<Long, Long> watched = readOnly.execute(tx -> {
                Map<Long, Long> found = new java.util.TreeMap<>();
                repository.findAllByOrderByIdAsc().stream()
                        .filter(s -> s.getContract().getStatus() == ContractStatus.ACTIVE)
                        .forEach(s -> found.put(s.getId(), s.getContract().getClientId()));
                for (Long serverId : runs.findServerIds()) {
                    repository.findById(serverId).ifPresent(s -> found.put(serverId, s.getContract().getClientId()));
                }
                return found;
            });
            watched.forEach(this::watch);
        } catch (RuntimeException e) {
            LOG.warn("Backup metrics: could not read the servers at start ({})", e.toString());
        }
    }

    /** Watches one server (gauges registered, its records read). */
    public void watch(long serverId, long clientId) {
        clientOfServer.put(serverId, clientId);
        refreshClient(clientId);
        for (BackupKind kind : BackupKind.values()) {
            refresh(serverId, kind);
            register(new Key(serverId, kind));
        }
    }

    void backedUp(BackupRun run) {
        afterCommit(() -> {
            runs(run.getKind(), "success").increment();
            clientOfServer.put(run.getServerId(), run.getClientId());
            refresh(run.getServerId(), run.getKind());
            register(new Key(run.getServerId(), run.getKind()));
        });
    }

    void failed(BackupRun run) {
        afterCommit(() -> runs(run.getKind(), "failure").increment());
    }

    void changed(long serverId) {
        afterCommit(() -> {
            for (BackupKind kind : BackupKind.values()) {
                refresh(serverId, kind);
            }
        });
    }

    void clientChanged(long clientId) {
        afterCommit(() -> refreshClient(clientId));
    }

    private void refresh(long serverId, BackupKind kind) {
        runs.findFirstByServerIdAndKindAndStatusInOrderBySnapshotTimeDesc(serverId, kind,
                        EnumSet.of(BackupRunStatus.BACKED_UP, BackupRunStatus.MIRRORED, BackupRunStatus.FAILED))
                .filter(r -> r.getSnapshotTime() != null)
                .ifPresent(r -> latest.put(new Key(serverId, kind), new Latest(r.getSnapshotTime(),
                        r.getBytes() == null ? 0 : r.getBytes(),
                        r.backupDuration() == null ? 0 : r.backupDuration().toMillis() / 1000.0)));
    }

    private void refreshClient(long clientId) {
        mirrors.findById(clientId).map(OffsiteMirror::getLastSuccessStartedAt)
                .ifPresent(start -> mirrorStart.put(clientId, start));
    }

    private void register(Key key) {
        if (registered.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        String server = String.valueOf(key.serverId());
        String kind = key.kind().name();
        Gauge.builder("ops.backup.age", () -> age(key))
                .description("Age of the latest backup of this server and kind (NaN: none yet)").baseUnit("seconds")
                .tag("server", server).tag("kind", kind).register(registry);
        Gauge.builder("ops.backup.status", () -> status(key).ok() ? 1 : 0)
                .description("3-2-1 status of the latest backup (R3.6-a): 1 fresh, local and off-site; 0 otherwise")
                .tag("server", server).tag("kind", kind).register(registry);
        Gauge.builder("ops.backup.last.duration", () -> last(key, Latest::durationSeconds))
                .description("How long the latest successful backup took").baseUnit("seconds")
                .tag("server", server).tag("kind", kind).register(registry);
        Gauge.builder("ops.backup.last.size", () -> last(key, l -> (double) l.bytes()))
                .description("Bytes read from the server by the latest successful backup").baseUnit("bytes")
                .tag("server", server).tag("kind", kind).register(registry);
    }

    private double age(Key key) {
        Latest l = latest.get(key);
        return l == null ? Double.NaN : clock.age(l.snapshotTime()).toMillis() / 1000.0;
    }

    private double last(Key key, java.util.function.ToDoubleFunction<Latest> value) {
        Latest l = latest.get(key);
        return l == null ? Double.NaN : value.applyAsDouble(l);
    }

    BackupStatusCalculator.KindStatus status(Key key) {
        Latest l = latest.get(key);
        Long clientId = clientOfServer.get(key.serverId());
        List<BackupStatusCalculator.Snapshot> snapshots = l == null ? List.of()
                : List.of(new BackupStatusCalculator.Snapshot("-", "-", l.snapshotTime(), key.kind(), l.bytes()));
        Duration limit = settings.getFreshness().of(key.kind());
        return BackupStatusCalculator.of(key.kind(), snapshots, clientId == null ? null : mirrorStart.get(clientId),
                limit, clock.instant());
    }

    private Counter runs(BackupKind kind, String outcome) {
        return Counter.builder("ops.backup.runs").description("Backup runs that ended, by outcome (success: snapshot "
                        + "verified; failure: no retries left)")
                .tag("kind", kind.name()).tag("outcome", outcome).register(registry);
    }

    private static void afterCommit(Runnable action) {
        Runnable safe = () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("Backup metrics not updated: {}", e.toString());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    safe.run();
                }
            });
        } else {
            safe.run();
        }
    }
}
