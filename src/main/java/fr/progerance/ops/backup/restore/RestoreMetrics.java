package fr.progerance.ops.backup.restore;

import fr.progerance.ops.backup.BackupKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the dashboards show of restores (R3.6-d) and drills. Every meter moves only once the
 * transaction that recorded the fact commits (DESIGN rule 13: a retried job never counts twice).
 *
 * <ul>
 * <li>{@code ops.backup.restore.duration} (timer, tag {@code kind}): from the restore's start to its
 * checked end;</li>
 * <li>{@code ops.backup.restore.deadline} (counter, tags {@code kind}, {@code result=met|breached}):
 * finished restores against their 4 business hours;</li>
 * <li>{@code ops.backup.restore.escalations} (counter): deadlines that passed with the restore not
 * finished (managers mailed);</li>
 * <li>{@code ops.backup.drill.duration} (timer, tag {@code matched}): load and counts of one
 * server's latest database dump, the evidence for R3.6-d;</li>
 * <li>{@code ops.backup.drill.rows} (summary): rows loaded per drill;</li>
 * <li>{@code ops.backup.drill.runs} (counter, tag {@code result=matched|mismatched|failed}).</li>
 * </ul>
 */
@Component
public class RestoreMetrics {

    private final MeterRegistry registry;

    public RestoreMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front, so the dashboards show zero rather than no data.
        for (BackupKind kind : BackupKind.values()) {
            deadline(kind, "met");
            deadline(kind, "breached");
        }
        escalations();
        for (String result : new String[] {"matched", "mismatched", "failed"}) {
            drills(result);
        }
    }

    void finished(BackupKind kind, Duration took, boolean deadlineMet) {
        afterCommit(() -> {
            Timer.builder("ops.backup.restore.duration").description("Restores, from start to checked end (R3.6-d)")
                    .tag("kind", kind.name()).register(registry).record(took);
            deadline(kind, deadlineMet ? "met" : "breached").increment();
        });
    }

    void escalated() {
        afterCommit(() -> escalations().increment());
    }

    void drilled(RestoreDrills.Result result) {
        afterCommit(() -> {
            String outcome = result.failure() != null && result.tablesLoaded() == null ? "failed"
                    : result.matched() ? "matched" : "mismatched";
            drills(outcome).increment();
            if (result.took() != null) {
                Timer.builder("ops.backup.drill.duration").description("Restore drills: load and counts of a dump")
                        .tag("matched", String.valueOf(result.matched())).register(registry).record(result.took());
            }
            if (result.rowsLoaded() != null) {
                DistributionSummary.builder("ops.backup.drill.rows").description("Rows loaded by a restore drill")
                        .register(registry).record(result.rowsLoaded());
            }
        });
    }

    private Counter deadline(BackupKind kind, String result) {
        return Counter.builder("ops.backup.restore.deadline").description("Finished restores against R3.6-d")
                .tag("kind", kind.name()).tag("result", result).register(registry);
    }

    private Counter escalations() {
        return Counter.builder("ops.backup.restore.escalations")
                .description("Restore deadlines (R3.6-d) passed before the restore finished").register(registry);
    }

    private Counter drills(String result) {
        return Counter.builder("ops.backup.drill.runs").description("Restore drills by result")
                .tag("result", result).register(registry);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
