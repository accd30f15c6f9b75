package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.incident.CauseCategory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the availability measure and its penalties ({@code ops.availability.*}, documented in
 * application.yaml). Every contract number is here with the contract's value as default (DESIGN rule
 * 9): R4.4-p (99.9 %, tiers 10/25/50/100 %), R4.4-t (99.5 %, the same table from 25 %), R4.0-a (causes
 * the guarantee does not cover), R5.7 (one year). The BPMN reads some by the bean name
 * {@code availabilitySettings}. Helper D binds its own sub-key {@code ops.availability.windows}.
 */
@Component("availabilitySettings")
@ConfigurationProperties("ops.availability")
@Validated
public class AvailabilitySettings {

    /** R4.4-p: PROGERANCE. */
    @Valid
    private final Guarantee progerance = new Guarantee(new BigDecimal("99.9"), List.of(
            new Tier(new BigDecimal("99.9"), 10), new Tier(new BigDecimal("99.5"), 25),
            new Tier(new BigDecimal("99.0"), 50), new Tier(new BigDecimal("98.5"), 100)));

    /** R4.4-t: TIERCE (the interpretation: the same table, starting below 99.5 % at 25 %). */
    @Valid
    private final Guarantee tierce = new Guarantee(new BigDecimal("99.5"), List.of(
            new Tier(new BigDecimal("99.5"), 25), new Tier(new BigDecimal("99.0"), 50),
            new Tier(new BigDecimal("98.5"), 100)));

    /**
     * R4.0-a: the guarantee covers infrastructure only (servers, network, databases), not application
     * speed or third-party modules. Outages classified with these causes are excluded from the measure
     * (neither available nor unavailable time), like the client's own changes and, on TIERCE, the
     * hoster's hardware, network and failures (R4.4-t).
     */
    @NotNull
    private Set<CauseCategory> notCoveredCauses = EnumSet.of(CauseCategory.APPLICATION);

    /** R5.7: outages (technical data) are kept at most this long after they ended, then purged. */
    @NotNull
    private Period retention = Period.ofYears(1);

    /** How often the R5.7 purge runs (and how often the per-contract gauges are refreshed). */
    @NotNull
    private Duration purgeInterval = Duration.ofHours(6);

    /** How often the per-contract availability gauges are recomputed. */
    @NotNull
    private Duration metricsRefresh = Duration.ofMinutes(5);

    @Valid
    private final Penalties penalties = new Penalties();

    /** One guarantee: its target and its tiers. */
    public static class Guarantee {
        /** The monthly availability promised, in percent. */
        @NotNull
        @DecimalMin("0")
        @DecimalMax("100")
        private BigDecimal target;
        /** Below {@code below} % (strictly), the penalty is {@code percent} % of the monthly fee; the largest applies. */
        @NotEmpty
        @Valid
        private List<Tier> tiers;

        public Guarantee() {
        }

        Guarantee(BigDecimal target, List<Tier> tiers) {
            this.target = target;
            this.tiers = new ArrayList<>(tiers);
        }

        public BigDecimal getTarget() {
            return target;
        }

        public void setTarget(BigDecimal target) {
            this.target = target;
        }

        public List<Tier> getTiers() {
            return tiers;
        }

        public void setTiers(List<Tier> tiers) {
            this.tiers = tiers;
        }
    }

    /** A penalty tier: strictly below {@code below} %, {@code percent} % of the monthly fee. */
    public static class Tier {
        @NotNull
        @DecimalMin("0")
        @DecimalMax("100")
        private BigDecimal below;
        @Min(0)
        @Max(100)
        private int percent;

        public Tier() {
        }

        public Tier(BigDecimal below, int percent) {
            this.below = below;
            this.percent = percent;
        }

        public BigDecimal getBelow() {
            return below;
        }

        public void setBelow(BigDecimal below) {
            this.below = below;
        }

        public int getPercent() {
            return percent;
        }

        public void setPercent(int percent) {
            this.percent = percent;
        }
    }

    /** The monthly AvailabilityPenalties process (R4.4-c). */
    public static class Penalties {
        /** The review starts on this day of the month after the measured one ... */
        @Min(1)
        @Max(28)
        private int reviewDayOfMonth = 1;
        /** ... at this hour, Europe/Paris. */
        @Min(0)
        @Max(23)
        private int reviewHour = 6;
        /** The managers' review task is due this long after it starts; then the penalties are issued anyway. */
        @NotNull
        private Duration reviewDue = Duration.ofDays(5);
        /** Who the credit notes name when the due date passed without a manager's approval. */
        @NotBlank
        private String systemUser = "availability-penalties";
        /** Issuing retries on this schedule, then raises a Camunda incident. */
        @NotBlank
        private String retryCycle = "R3/PT10M";

        public int getReviewDayOfMonth() {
            return reviewDayOfMonth;
        }

        public void setReviewDayOfMonth(int reviewDayOfMonth) {
            this.reviewDayOfMonth = reviewDayOfMonth;
        }

        public int getReviewHour() {
            return reviewHour;
        }

        public void setReviewHour(int reviewHour) {
            this.reviewHour = reviewHour;
        }

        public Duration getReviewDue() {
            return reviewDue;
        }

        public void setReviewDue(Duration reviewDue) {
            this.reviewDue = reviewDue;
        }

        public String getSystemUser() {
            return systemUser;
        }

        public void setSystemUser(String systemUser) {
            this.systemUser = systemUser;
        }

        public String getRetryCycle() {
            return retryCycle;
        }

        public void setRetryCycle(String retryCycle) {
            this.retryCycle = retryCycle;
        }
    }

    public Guarantee getProgerance() {
        return progerance;
    }

    public Guarantee getTierce() {
        return tierce;
    }

    public Set<CauseCategory> getNotCoveredCauses() {
        return notCoveredCauses;
    }

    public void setNotCoveredCauses(Set<CauseCategory> notCoveredCauses) {
        this.notCoveredCauses = notCoveredCauses;
    }

    public Period getRetention() {
        return retention;
    }

    public void setRetention(Period retention) {
        this.retention = retention;
    }

    public Duration getPurgeInterval() {
        return purgeInterval;
    }

    public void setPurgeInterval(Duration purgeInterval) {
        this.purgeInterval = purgeInterval;
    }

    public Duration getMetricsRefresh() {
        return metricsRefresh;
    }

    public void setMetricsRefresh(Duration metricsRefresh) {
        this.metricsRefresh = metricsRefresh;
    }

    public Penalties getPenalties() {
        return penalties;
    }
}
