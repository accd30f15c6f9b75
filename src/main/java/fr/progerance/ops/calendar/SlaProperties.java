package fr.progerance.ops.calendar;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings {@code ops.sla.*}: the delays of the service levels (Art. 4) and of restores (R3.6-d).
 * Durations bind from {@code 10m}, {@code 1h} or ISO {@code PT10M}. Every default is the
 * contract's value; {@code new SlaProperties()} is the contract as written.
 */
@ConfigurationProperties("ops.sla")
public class SlaProperties {

    /** R4.3-p1: PROGERANCE N1 intervention time (GTI) when detected inside business hours (RC-business). */
    private Duration n1InterventionInBusinessHours = Duration.ofMinutes(10);

    /** R4.3-p1: PROGERANCE N1 intervention time evenings, nights, weekends and public holidays. */
    private Duration n1InterventionOutsideBusinessHours = Duration.ofMinutes(30);

    /** R4.3-p1: PROGERANCE N1 restoration time (GTR) = intervention time + this. */
    private Duration n1RestorationAfterIntervention = Duration.ofMinutes(30);

    /** R4.3-p2: PROGERANCE N2 troubleshooting, in level-2 window time (RC-n2). */
    private Duration n2Troubleshooting = Duration.ofHours(1);

    /** R4.3-p2: PROGERANCE N2 update, in level-2 window time (RC-n2). */
    private Duration n2Update = Duration.ofHours(2);

    /** R4.3-t1: TIERCE intervention time inside business hours, continuous from detection. */
    private Duration tierceIntervention = Duration.ofMinutes(15);

    /** R3.6-d: a restore is done within this much business time after the client's validation. */
    private Duration restore = Duration.ofHours(4);

    /**
     * Fails fast on a setting that would make a deadline meaningless.
     *
     * @throws IllegalArgumentException naming the setting
     */
    public void validate() {
        positive("ops.sla.n1-intervention-in-business-hours", n1InterventionInBusinessHours);
        positive("ops.sla.n1-intervention-outside-business-hours", n1InterventionOutsideBusinessHours);
        notNegative("ops.sla.n1-restoration-after-intervention", n1RestorationAfterIntervention);
        positive("ops.sla.n2-troubleshooting", n2Troubleshooting);
        positive("ops.sla.n2-update", n2Update);
        positive("ops.sla.tierce-intervention", tierceIntervention);
        positive("ops.sla.restore", restore);
    }

    private static void positive(String key, Duration value) {
        notNegative(key, value);
        if (value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
    }

    private static void notNegative(String key, Duration value) {
        if (value == null) {
            throw new IllegalArgumentException(key + " is required");
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, got " + value);
        }
        if (value.compareTo(WorkingWindow.MAX_WORKING_TIME) > 0) {
            throw new IllegalArgumentException(key + " must be at most " + WorkingWindow.MAX_WORKING_TIME.toHours()
                    + " h, got " + value);
        }
    }

    public Duration getN1InterventionInBusinessHours() {
        return n1InterventionInBusinessHours;
    }

    public void setN1InterventionInBusinessHours(Duration n1InterventionInBusinessHours) {
        this.n1InterventionInBusinessHours = n1InterventionInBusinessHours;
    }

    public Duration getN1InterventionOutsideBusinessHours() {
        return n1InterventionOutsideBusinessHours;
    }

    public void setN1InterventionOutsideBusinessHours(Duration n1InterventionOutsideBusinessHours) {
        this.n1InterventionOutsideBusinessHours = n1InterventionOutsideBusinessHours;
    }

    public Duration getN1RestorationAfterIntervention() {
        return n1RestorationAfterIntervention;
    }

    public void setN1RestorationAfterIntervention(Duration n1RestorationAfterIntervention) {
        this.n1RestorationAfterIntervention = n1RestorationAfterIntervention;
    }

    public Duration getN2Troubleshooting() {
        return n2Troubleshooting;
    }

    public void setN2Troubleshooting(Duration n2Troubleshooting) {
        this.n2Troubleshooting = n2Troubleshooting;
    }

    public Duration getN2Update() {
        return n2Update;
    }

    public void setN2Update(Duration n2Update) {
        this.n2Update = n2Update;
    }

    public Duration getTierceIntervention() {
        return tierceIntervention;
    }

    public void setTierceIntervention(Duration tierceIntervention) {
        this.tierceIntervention = tierceIntervention;
    }

    public Duration getRestore() {
        return restore;
    }

    public void setRestore(Duration restore) {
        this.restore = restore;
    }
}
