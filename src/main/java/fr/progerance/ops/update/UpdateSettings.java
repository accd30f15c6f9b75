package fr.progerance.ops.update;

import jakarta.annotation.PostConstruct;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the update records and of {@code ApplyUpdate} ({@code ops.update.*}, documented in
 * application.yaml). Every contract number is here with the contract's value as default (DESIGN rule
 * 9): R4.0-b (minor updates within 7 days), R4.3-p2 (2 h of level-2 window time for an update on
 * PROGERANCE). The BPMN reads some by the bean name {@code updateSettings}; dates are always computed
 * by {@code calendar/}. Other helpers bind their own sub-keys of {@code ops.update} (catalogue, watch).
 */
@Component("updateSettings")
@ConfigurationProperties("ops.update")
@Validated
public class UpdateSettings {

    /** R4.0-b: a minor (or patch) update is due this long after the release's publication. */
    @NotNull
    private Period minorDelay = Period.ofDays(7);

    /** R4.0-b: the same, shorter, when a release up to the target fixes security advisories. */
    @NotNull
    private Period securityDelay = Period.ofDays(2);

    /** R4.3-p2: level-2 window time (RC-n2, 7h-18h on business days) an update may take on PROGERANCE. */
    @NotNull
    private Duration windowTimeLimit = Duration.ofHours(2);

    @Valid
    private final Apply apply = new Apply();

    /** The ApplyUpdate process. */
    public static class Apply {
        /** Service tasks that reach a server, HTTP or SMTP retry on this schedule, then raise a Camunda incident. */
        @NotBlank
        private String retryCycle = "R3/PT5M";
        /** No update without its backup: the pre-update backup must be done this long after the work starts. */
        @NotNull
        private Duration backupWait = Duration.ofHours(1);
        @Valid
        private final Work run = new Work(2, Duration.ofMinutes(10), Duration.ofMinutes(30));
        @Valid
        private final Work rollback = new Work(3, Duration.ofMinutes(5), Duration.ofMinutes(30));
        /** The check after the update: the shop answers within this time ... */
        @NotNull
        private Duration shopCheckTimeout = Duration.ofSeconds(10);
        /** ... with this status when its server names none in the register. */
        @Min(100)
        private int shopExpectedStatus = 200;
        /** Ops' mailbox: updates not run, rolled back, failed, past their time limit. */
        @NotBlank
        @Email
        private String opsAddress = "astreinte@progerance.example";
        /** R4.3-p2: where a passed time limit goes too. */
        @NotBlank
        @Email
        private String managersAddress = "direction@progerance.example";

        public String getRetryCycle() {
            return retryCycle;
        }

        public void setRetryCycle(String retryCycle) {
            this.retryCycle = retryCycle;
        }

        public Duration getBackupWait() {
            return backupWait;
        }

        public void setBackupWait(Duration backupWait) {
            this.backupWait = backupWait;
        }

        public Work getRun() {
            return run;
        }

        public Work getRollback() {
            return rollback;
        }

        public Duration getShopCheckTimeout() {
            return shopCheckTimeout;
        }

        public void setShopCheckTimeout(Duration shopCheckTimeout) {
            this.shopCheckTimeout = shopCheckTimeout;
        }

        public int getShopExpectedStatus() {
            return shopExpectedStatus;
        }

        public void setShopExpectedStatus(int shopExpectedStatus) {
            this.shopExpectedStatus = shopExpectedStatus;
        }

        public String getOpsAddress() {
            return opsAddress;
        }

        public void setOpsAddress(String opsAddress) {
            this.opsAddress = opsAddress;
        }

        public String getManagersAddress() {
            return managersAddress;
        }

        public void setManagersAddress(String managersAddress) {
            this.managersAddress = managersAddress;
        }
    }

    /** One external task of ApplyUpdate (DESIGN rule 5): attempts in all, wait between two, lock of one fetch. */
    public static class Work {
        @Min(1)
        private int attempts;
        @NotNull
        private Duration retryTimeout;
        @NotNull
        private Duration lockDuration;

        Work(int attempts, Duration retryTimeout, Duration lockDuration) {
            this.attempts = attempts;
            this.retryTimeout = retryTimeout;
            this.lockDuration = lockDuration;
        }

        public int getAttempts() {
            return attempts;
        }

        public void setAttempts(int attempts) {
            this.attempts = attempts;
        }

        public Duration getRetryTimeout() {
            return retryTimeout;
        }

        public void setRetryTimeout(Duration retryTimeout) {
            this.retryTimeout = retryTimeout;
        }

        public Duration getLockDuration() {
            return lockDuration;
        }

        public void setLockDuration(Duration lockDuration) {
            this.lockDuration = lockDuration;
        }
    }

    /**
     * Refuses numbers that make no sense (the annotations check presence and ranges).
     *
     * @throws IllegalStateException naming the setting
     */
    @PostConstruct
    public void validate() {
        if (minorDelay == null || minorDelay.isNegative() || minorDelay.isZero()) {
            throw new IllegalStateException("ops.update.minor-delay must be a positive period (R4.0-b), got "
                    + minorDelay);
        }
        if (securityDelay == null || securityDelay.isNegative() || securityDelay.isZero()) {
            throw new IllegalStateException("ops.update.security-delay must be a positive period, got "
                    + securityDelay);
        }
        if (securityDelay.toTotalMonths() * 31 + securityDelay.getDays()
                > minorDelay.toTotalMonths() * 31 + minorDelay.getDays()) {
            throw new IllegalStateException("ops.update.security-delay (" + securityDelay
                    + ") must not be longer than ops.update.minor-delay (" + minorDelay + "): security releases come first");
        }
        Map<String, Duration> durations = new LinkedHashMap<>();
        durations.put("window-time-limit", windowTimeLimit);
        durations.put("apply.backup-wait", apply.backupWait);
        durations.put("apply.run.retry-timeout", apply.run.retryTimeout);
        durations.put("apply.run.lock-duration", apply.run.lockDuration);
        durations.put("apply.rollback.retry-timeout", apply.rollback.retryTimeout);
        durations.put("apply.rollback.lock-duration", apply.rollback.lockDuration);
        durations.put("apply.shop-check-timeout", apply.shopCheckTimeout);
        for (var d : durations.entrySet()) {
            if (d.getValue() == null || d.getValue().isNegative() || d.getValue().isZero()) {
                throw new IllegalStateException("ops.update." + d.getKey() + " must be a positive duration");
            }
        }
        if (apply.run.attempts < 1 || apply.rollback.attempts < 1) {
            throw new IllegalStateException("ops.update.apply.run.attempts and rollback.attempts must be at least 1");
        }
    }

    public Period getMinorDelay() {
        return minorDelay;
    }

    public void setMinorDelay(Period minorDelay) {
        this.minorDelay = minorDelay;
    }

    public Period getSecurityDelay() {
        return securityDelay;
    }

    public void setSecurityDelay(Period securityDelay) {
        this.securityDelay = securityDelay;
    }

    public Duration getWindowTimeLimit() {
        return windowTimeLimit;
    }

    public void setWindowTimeLimit(Duration windowTimeLimit) {
        this.windowTimeLimit = windowTimeLimit;
    }

    public Apply getApply() {
        return apply;
    }
}
