package fr.progerance.ops.monitoring.probe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.springframework.stereotype.Component;

/**
 * The probes' metrics, every series registered at start so the dashboard's queries return data
 * before the first probe: {@code ops_probe_check_seconds{channel}} (histogram),
 * {@code ops_probe_checks_total{kind,status}}, {@code ops_probe_scheduling_delay_seconds}
 * (histogram: how late a round started after it was due), {@code ops_probe_servers_monitored} and
 * {@code ops_probe_checks_failing{kind}} (checks whose last status is FAILED). Counted after the
 * round's data is recorded (DESIGN rule 13).
 */
@Component
public class ProbeMetrics {

    private final Map<CheckKind.Channel, Timer> checkTimers = new EnumMap<>(CheckKind.Channel.class);
    private final Map<CheckKind, Map<CheckStatus, Counter>> checks = new EnumMap<>(CheckKind.class);
    private final Timer schedulingDelay;
    private final AtomicInteger serversMonitored = new AtomicInteger();
    private volatile ToIntFunction<CheckKind> failing = kind -> 0;

    public ProbeMetrics(MeterRegistry registry) {
        for (CheckKind.Channel channel : CheckKind.Channel.values()) {
            checkTimers.put(channel, Timer.builder("ops.probe.check").description("How long one check took")
                    .tag("channel", channel.name()).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry));
        }
        for (CheckKind kind : CheckKind.values()) {
            Map<CheckStatus, Counter> byStatus = new EnumMap<>(CheckStatus.class);
            for (CheckStatus status : CheckStatus.values()) {
                byStatus.put(status, Counter.builder("ops.probe.checks").description("Checks run, by outcome")
                        .tag("kind", kind.name()).tag("status", status.name()).register(registry));
            }
            checks.put(kind, byStatus);
            Gauge.builder("ops.probe.checks.failing", () -> failing.applyAsInt(kind))
                    .description("Checks whose last status is FAILED").tag("kind", kind.name()).register(registry);
        }
        schedulingDelay = Timer.builder("ops.probe.scheduling.delay")
                .description("How late a probe round started after it was due").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        Gauge.builder("ops.probe.servers.monitored", serversMonitored, AtomicInteger::get)
                .description("Servers of ACTIVE contracts the probes watch").register(registry);
    }

    /** Where the failing-checks gauge reads its values (the probes' recorded states). */
    void failingFrom(ToIntFunction<CheckKind> source) {
        this.failing = source;
    }

    void recorded(CheckResult result) {
        checkTimers.get(result.kind().channel()).record(result.latency());
        checks.get(result.kind()).get(result.status()).increment();
    }

    void scheduled(Duration delay) {
        schedulingDelay.record(delay.isNegative() ? Duration.ZERO : delay);
    }

    void serversMonitored(int count) {
        serversMonitored.set(count);
    }

    /** The scheduling delay's timer (the benchmark reads its percentiles). */
    public Timer schedulingDelay() {
        return schedulingDelay;
    }
}
