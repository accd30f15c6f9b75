package fr.progerance.ops.monitoring.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One check's outcome.
 *
 * @param kind      what was checked
 * @param target    which one, e.g. {@code 443}, {@code nginx.service}, {@code /var}, or the URL's
 *                  host for HTTP checks; never a secret
 * @param status    the outcome
 * @param detail    readable, plain text, short (what was seen: {@code HTTP 503}, {@code inactive},
 *                  {@code 93 % used}, {@code 87/100 connections})
 * @param value     the measured number when there is one (ms, days, percent, connections), else null
 * @param latency   how long the check took
 * @param checkedAt when it ran (the injectable clock)
 */
public record CheckResult(CheckKind kind, String target, CheckStatus status, String detail, Double value,
        Duration latency, Instant checkedAt) {

    public CheckResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /** Identifies the check across rounds: {@code SERVICE:nginx.service}. */
    public String key() {
        return kind + ":" + target;
    }

    public boolean failed() {
        return status == CheckStatus.FAILED;
    }
}
