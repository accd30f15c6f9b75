package fr.progerance.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.calendar.Interval;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R4.4-p: the window one backup run gives, from its record (plain, no Spring). */
class BackupRunWindowsTest {

    private static final Instant START = Instant.parse("2026-03-10T01:00:00Z");
    private static final Duration LIMIT = Duration.ofHours(12);

    private static BackupRun run() {
        return new BackupRun("run-1", 7, 3, BackupKind.DATABASE, BackupTrigger.SCHEDULE, "pi-1", "bk", START);
    }

    @Test
    @DisplayName("R4.4-p: a backed-up run's window ends at its verified snapshot, not at the off-site mirror")
    void backedUp() {
        BackupRun run = run();
        run.backedUp("abc", START.plusSeconds(60), 10, 5, START.plusSeconds(600));
        run.mirrored(START.plusSeconds(3600));
        assertThat(BackupRunWindows.window(run, START.plusSeconds(7200), LIMIT))
                .isEqualTo(new Interval(START, START.plusSeconds(600)));
    }

    @Test
    @DisplayName("R4.4-p: a failed run's window ends at its failure; a running one at now, at most the limit")
    void failedAndRunning() {
        BackupRun failed = run();
        failed.failed("backup", "exit 1", START.plusSeconds(300));
        assertThat(BackupRunWindows.window(failed, START.plusSeconds(7200), LIMIT))
                .isEqualTo(new Interval(START, START.plusSeconds(300)));

        BackupRun running = run();
        running.attemptFailed("backup", "locked", START.plusSeconds(60));
        assertThat(BackupRunWindows.window(running, START.plusSeconds(900), LIMIT))
                .as("a failed attempt with retries left: still running").isEqualTo(new Interval(START, START.plusSeconds(900)));
        assertThat(BackupRunWindows.window(running, START.plus(Duration.ofDays(3)), LIMIT))
                .as("a stuck run excludes at most the limit").isEqualTo(new Interval(START, START.plus(LIMIT)));
        assertThat(BackupRunWindows.window(running, START, LIMIT)).as("no length yet").isNull();
    }

    @Test
    @DisplayName("R4.4-p: a run whose process ended without snapshot nor failure ends at its release")
    void released() {
        BackupRun run = run();
        run.released(START.plusSeconds(120));
        assertThat(BackupRunWindows.window(run, START.plusSeconds(7200), LIMIT))
                .isEqualTo(new Interval(START, START.plusSeconds(120)));
    }
}
