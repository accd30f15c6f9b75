package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.BackupKind;
import fr.progerance.ops.backup.restic.ResticRepository;
import fr.progerance.ops.backup.restic.ResticSnapshot;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.contract.ServerRepository;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The weekly restore drill ("beyond the anchors"): for each server whose client has a database
 * backup, its latest database snapshot streams ({@code restic dump}) into a scratch database while
 * a {@link DumpCounter} counts tables and rows; then {@code SELECT COUNT(*)} per table must give the
 * same, the scratch database is dropped, and the drill is recorded with how long it took: the
 * evidence that 4 business hours (R3.6-d) hold.
 */
@Component
public class RestoreDrills {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreDrills.class);

    /** One server's drill. {@code failure} is null when it matched. */
    public record Result(Duration took, Integer tablesExpected, Integer tablesLoaded, Long rowsExpected,
            Long rowsLoaded, Long dumpBytes, boolean matched, String failure) {
    }

    /** One run over every server. */
    public record Summary(int drilled, List<String> failures) {
    }

    private final ServerRepository servers;
    private final RestoreDrillRepository drills;
    private final RestorePorts ports;
    private final ScratchDatabase scratch;
    private final RestoreDrillSettings settings;
    private final ContractClock clock;
    private final RestoreMetrics metrics;
    private final TransactionTemplate transaction;

    public RestoreDrills(ServerRepository servers, RestoreDrillRepository drills, RestorePorts ports,
            ScratchDatabase scratch, RestoreDrillSettings settings, ContractClock clock, RestoreMetrics metrics,
            PlatformTransactionManager transactions) {
        this.servers = servers;
        this.drills = drills;
        this.ports = ports;
        this.scratch = scratch;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.transaction = new TransactionTemplate(transactions);
    }

    private record Target(long serverId, String serverName, long clientId) {
    }

    /**
     * Drills every server once for {@code runId} (a retried run skips the servers already recorded).
     * A drill that does not match is a recorded finding, not an exception; only a failure of the
     * whole run (restic unreachable, no scratch server) throws.
     */
    public Summary runAll(String runId) {
        List<Target> targets = transaction.execute(status -> servers.findAllByOrderByIdAsc().stream()
                .map(s -> new Target(s.getId(), s.getName(), s.getContract().getClientId())).toList());
        int drilled = 0;
        List<String> failures = new ArrayList<>();
        for (Target t : targets) {
            Optional<RestoreDrill> done = drills.findByRunIdAndServerId(runId, t.serverId());
            if (done.isPresent()) {
                drilled++;
                if (!done.get().isMatched()) {
                    failures.add(t.serverName() + ": " + done.get().getFailure());
                }
                continue;
            }
            Optional<ResticRepository> repository = ports.repositories().repository(t.clientId());
            if (repository.isEmpty()) {
                continue;
            }
            Optional<ResticSnapshot> latest = ports.restic().snapshots(repository.get(),
                            List.of(BackupPoints.serverTag(t.serverId()), "kind=" + BackupKind.DATABASE.tag()))
                    .stream().max(Comparator.comparing(ResticSnapshot::time));
            if (latest.isEmpty()) {
                continue;
            }
            Instant started = clock.instant();
            Result result = drill(t.serverId(), repository.get(), latest.get());
            transaction.executeWithoutResult(status -> {
                drills.save(new RestoreDrill(runId, t.clientId(), t.serverId(), latest.get().id(), latest.get().time(),
                        started, result));
                metrics.drilled(result);
            });
            drilled++;
            if (!result.matched()) {
                failures.add(t.serverName() + ": " + result.failure());
            }
            LOG.info("Restore drill {} of server {}: {} in {}", runId, t.serverId(),
                    result.matched() ? "matched" : "FAILED (" + result.failure() + ")", result.took());
        }
        return new Summary(drilled, failures);
    }

    /** One server's drill into its scratch database; every failure is a readable finding. */
    Result drill(long serverId, ResticRepository repository, ResticSnapshot snapshot) {
        String database = settings.scratchDatabase(serverId);
        DumpCounter counter = new DumpCounter();
        long start = System.nanoTime();
        Map<String, Long> loaded = null;
        String failure = null;
        try {
            if (snapshot.paths().isEmpty()) {
                throw new IllegalStateException("snapshot " + snapshot.shortId() + " names no file");
            }
            scratch.recreate(database);
            ScratchDatabase.Load load = scratch.load(database);
            try {
                ports.restic().dump(repository, snapshot.id(), snapshot.paths().get(0), new Tee(load, counter));
            } catch (RuntimeException e) {
                load.abort();
                throw e;
            }
            load.close();
            loaded = scratch.countRows(database);
            failure = compare(counter, loaded);
        } catch (RuntimeException e) {
            failure = "snapshot " + snapshot.shortId() + ": " + readable(e);
        } finally {
            try {
                scratch.drop(database);
            } catch (RuntimeException e) {
                failure = (failure == null ? "" : failure + "; ") + "the scratch database " + database
                        + " could not be dropped: " + readable(e);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Result(took, counter.tables().size(), loaded == null ? null : loaded.size(), counter.totalRows(),
                loaded == null ? null : loaded.values().stream().mapToLong(Long::longValue).sum(), counter.bytes(),
                failure == null, failure);
    }

    /** Null when the loaded database holds exactly what the dump says; else what differs (the first few). */
    static String compare(DumpCounter dump, Map<String, Long> loaded) {
        List<String> problems = new ArrayList<>();
        if (!dump.completed()) {
            problems.add("the dump has no 'Dump completed' line (truncated)");
        }
        if (dump.switchesDatabase()) {
            problems.add("the dump switches databases (USE or CREATE DATABASE)");
        }
        if (dump.tables().isEmpty()) {
            problems.add("the dump creates no table");
        }
        TreeSet<String> names = new TreeSet<>(dump.rows().keySet());
        names.addAll(loaded.keySet());
        for (String table : names) {
            Long expected = dump.rows().get(table);
            Long actual = loaded.get(table);
            if (expected == null) {
                problems.add("table " + table + " loaded but not in the dump");
            } else if (actual == null) {
                problems.add("table " + table + " missing after the load");
            } else if (!expected.equals(actual)) {
                problems.add("table " + table + ": " + expected + " row(s) in the dump, " + actual + " loaded");
            }
        }
        if (problems.isEmpty()) {
            return null;
        }
        return String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : "");
    }

    private static String readable(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The dump to the scratch database and to the counter at once. */
    static final class Tee extends OutputStream {

        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void close() {
            // the caller closes the load itself, to read its outcome
        }
    }
}
