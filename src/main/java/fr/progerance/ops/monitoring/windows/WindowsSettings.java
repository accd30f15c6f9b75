package fr.progerance.ops.monitoring.windows;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the planned windows ({@code ops.availability.windows.*}, documented in
 * application.yaml). The backup windows' own limit is {@code ops.backup.window-limit}.
 */
@Component
@ConfigurationProperties("ops.availability.windows")
@Validated
public class WindowsSettings {

    /**
     * After a planned window ends, failures are still not reported as incidents for this long (a
     * shop restarted at the end of its maintenance needs a moment): {@link PlannedWindows#covers}
     * only. The measure ({@link PlannedWindows#within}) never includes it: only the planned window
     * itself is excluded from availability (R4.4-p).
     */
    @NotNull
    private Duration detectionMargin = Duration.ofMinutes(5);

    /**
     * The longest MANUAL window ops may record through {@code /api/maintenance}: longer work is planned
     * as several windows, each with its reason, so a typing error does not exclude a month.
     */
    @NotNull
    private Duration manualMaxDuration = Duration.ofHours(24);

    @AssertTrue(message = "must not be negative")
    public boolean isDetectionMarginValid() {
        return detectionMargin == null || !detectionMargin.isNegative();
    }

    @AssertTrue(message = "must be a positive duration")
    public boolean isManualMaxDurationValid() {
        return manualMaxDuration == null || (!manualMaxDuration.isNegative() && !manualMaxDuration.isZero());
    }

    public Duration getDetectionMargin() {
        return detectionMargin;
    }

    public void setDetectionMargin(Duration detectionMargin) {
        this.detectionMargin = detectionMargin;
    }

    public Duration getManualMaxDuration() {
        return manualMaxDuration;
    }

    public void setManualMaxDuration(Duration manualMaxDuration) {
        this.manualMaxDuration = manualMaxDuration;
    }
}
