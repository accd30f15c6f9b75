package fr.progerance.ops.monitoring.probe;

import java.time.Instant;
import java.util.List;

/**
 * Every check of one server, run together.
 *
 * @param serverId   the server
 * @param startedAt  when the round started
 * @param finishedAt when its last check ended
 * @param results    one per configured check
 */
public record ProbeRound(long serverId, Instant startedAt, Instant finishedAt, List<CheckResult> results) {

    public ProbeRound {
        results = List.copyOf(results);
    }

    public List<CheckResult> failures() {
        return results.stream().filter(CheckResult::failed).toList();
    }

    public boolean healthy() {
        return failures().isEmpty();
    }
}
