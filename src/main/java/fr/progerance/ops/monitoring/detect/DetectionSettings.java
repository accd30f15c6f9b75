package fr.progerance.ops.monitoring.detect;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of detection ({@code ops.probe.detection.*}, documented in application.yaml): how a failure
 * is confirmed (R4.1, R4.2), when a server is held flapping, the automatic restart, and the R3.7
 * warning period. The probes' own settings are the rest of {@code ops.probe}.
 */
@Component
@ConfigurationProperties("ops.probe.detection")
@Validated
public class DetectionSettings {

    /** A check's failure is confirmed by this many consecutive FAILED rounds (the N). */
    @Min(1)
    @Max(100)
    private int confirmations = 3;

    /** When a server is held flapping, and when it settles. */
    @Valid
    @NotNull
    private Flapping flapping = new Flapping();

    /**
     * A FAILED systemd service that the server's monitoring configuration marks restartable is
     * restarted once at its first failed check, then checked again; false: never.
     */
    private boolean autoRestart = true;

    /** R3.7: a client is warned of its database connections nearing the quota at most once per period. */
    @NotNull
    private Duration connectionWarningPeriod = Duration.ofDays(1);

    /**
     * R5.7: detection's records (automatic restarts, connection warnings) are technical data from the
     * client's servers, kept at most this long; the probes' {@code ops.probe.retention} by default.
     */
    @NotNull
    private Period retention = Period.ofYears(1);

    /** Flapping: a server whose checks change state too often is held (no incident while it flaps). */
    public static class Flapping {

        /** More than this many state changes of a server's checks within {@link #window} hold it flapping. */
        @Min(1)
        @Max(1000)
        private int changes = 4;

        /** The sliding window in which state changes are counted. */
        @NotNull
        private Duration window = Duration.ofMinutes(30);

        /** A flapping server settles when none of its checks changed state for this long. */
        @NotNull
        private Duration settle = Duration.ofMinutes(10);

        public int getChanges() {
            return changes;
        }

        public void setChanges(int changes) {
            this.changes = changes;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public Duration getSettle() {
            return settle;
        }

        public void setSettle(Duration settle) {
            this.settle = settle;
        }
    }

    @AssertTrue(message = "ops.probe.detection.retention must be positive and at most one year (R5.7)")
    public boolean isRetentionWithinAYear() {
        return retention != null && !retention.isNegative() && !retention.isZero()
                && retention.toTotalMonths() * 30 + retention.getDays() <= 366;
    }

    @AssertTrue(message = "ops.probe.detection.flapping.window, .settle and connection-warning-period must be positive")
    public boolean isDurationsPositive() {
        return positive(flapping == null ? null : flapping.window) && positive(flapping == null ? null : flapping.settle)
                && positive(connectionWarningPeriod);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    public int getConfirmations() {
        return confirmations;
    }

    public void setConfirmations(int confirmations) {
        this.confirmations = confirmations;
    }

    public Flapping getFlapping() {
        return flapping;
    }

    public void setFlapping(Flapping flapping) {
        this.flapping = flapping;
    }

    public boolean isAutoRestart() {
        return autoRestart;
    }

    public void setAutoRestart(boolean autoRestart) {
        this.autoRestart = autoRestart;
    }

    public Period getRetention() {
        return retention;
    }

    public void setRetention(Period retention) {
        this.retention = retention;
    }

    public Duration getConnectionWarningPeriod() {
        return connectionWarningPeriod;
    }

    public void setConnectionWarningPeriod(Duration connectionWarningPeriod) {
        this.connectionWarningPeriod = connectionWarningPeriod;
    }
}
