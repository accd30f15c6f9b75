package fr.progerance.ops.engine.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@link ExternalTaskWorker} ({@code ops.worker.*}).
 *
 * @param enabled whether this node polls for external tasks (default true); a node that should
 *     only serve Tasklist and the APIs can turn it off, another node does the work
 * @param pollInterval how often the worker asks the engine for work when it has a free thread
 *     (default 2 s)
 * @param threads how many external tasks this node works on at once (default 2: backups and
 *     restores are limited by disk and network, not CPU)
 */
@ConfigurationProperties("ops.worker")
public record WorkerSettings(Boolean enabled, Duration pollInterval, Integer threads) {

    public WorkerSettings {
        enabled = enabled == null || enabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        threads = threads == null ? 2 : threads;
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("ops.worker.poll-interval must be a positive duration, got " + pollInterval);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("ops.worker.threads must be between 1 and 64, got " + threads);
        }
    }
}
