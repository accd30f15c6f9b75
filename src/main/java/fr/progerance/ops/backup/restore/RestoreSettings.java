package fr.progerance.ops.backup.restore;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Settings of restores ({@code ops.backup.restore.*}). The BPMN reads some by the bean name
 * {@code restoreSettings}. The 4 business hours themselves are {@code ops.sla.restore} (R3.6-d).
 */
@Component("restoreSettings")
@ConfigurationProperties("ops.backup.restore")
public class RestoreSettings {

    /** Tasks that reach a remote system (restic, SSH, HTTP, SMTP) retry on this schedule, then raise an incident. */
    private String retryCycle = "R3/PT1M";

    /** Due date of Task_ChooseBackupPoint: ops choose the backup point within this time. */
    private Duration choiceTime = Duration.ofHours(2);

    /** The most recent backup points offered in Task_ChooseBackupPoint. */
    private int backupPoints = 40;

    /** DESIGN rule 12: how long the client has to validate (the link's validity); then the request expires. */
    private Duration validationExpiry = Duration.ofDays(7);

    /** DESIGN rule 12: the client is reminded this often while the validation is awaited. */
    private Duration reminderInterval = Duration.ofHours(24);

    /** External task {@code restore-run}: attempts in all before the incident. */
    private int attempts = 3;

    /** External task {@code restore-run}: wait between two attempts. */
    private Duration retryTimeout = Duration.ofMinutes(5);

    /** External task {@code restore-run}: lock of one fetch or extension (the worker extends it at half-time). */
    private Duration lockDuration = Duration.ofMinutes(10);

    /** Time-out of the shop's HTTP check after a restore (connection, answer, page). */
    private Duration shopCheckTimeout = Duration.ofSeconds(10);

    /** The status a restored shop must answer when its server names none. */
    private int shopExpectedStatus = 200;

    /** Ops' mailbox: expired or declined requests, failed restores. */
    private String opsAddress = "astreinte@progerance.example";

    /** R3.6-d: where a passed deadline is escalated too. */
    private String managersAddress = "direction@progerance.example";

    /** DESIGN rule 12: the reminders before the expiry (a reminder at the expiry itself is none). */
    public String getReminderCycle() {
        long reminders = (validationExpiry.toMillis() - 1) / reminderInterval.toMillis();
        return "R" + reminders + "/" + reminderInterval;
    }

    /**
     * Refuses settings that would leave a wait without reminder or expiry, or numbers that make no sense.
     *
     * @throws IllegalStateException naming the setting
     */
    @jakarta.annotation.PostConstruct
    public void validate() {
        Map<String, Duration> durations = new LinkedHashMap<>();
        durations.put("choice-time", choiceTime);
        durations.put("validation-expiry", validationExpiry);
        durations.put("reminder-interval", reminderInterval);
        durations.put("retry-timeout", retryTimeout);
        durations.put("lock-duration", lockDuration);
        durations.put("shop-check-timeout", shopCheckTimeout);
        for (var d : durations.entrySet()) {
            if (d.getValue() == null || d.getValue().isNegative() || d.getValue().isZero()) {
                throw new IllegalStateException("ops.backup.restore." + d.getKey() + " must be a positive duration");
            }
        }
        if (reminderInterval.compareTo(validationExpiry) >= 0) {
            throw new IllegalStateException("ops.backup.restore.reminder-interval (" + reminderInterval
                    + ") must be shorter than ops.backup.restore.validation-expiry (" + validationExpiry
                    + "): the client must be reminded at least once before the request expires");
        }
        if (attempts < 1 || attempts > 20) {
            throw new IllegalStateException("ops.backup.restore.attempts must be 1 to 20, got " + attempts);
        }
        if (backupPoints < 1 || backupPoints > 500) {
            throw new IllegalStateException("ops.backup.restore.backup-points must be 1 to 500, got " + backupPoints);
        }
        if (shopExpectedStatus < 100 || shopExpectedStatus > 599) {
            throw new IllegalStateException("ops.backup.restore.shop-expected-status must be an HTTP status, got "
                    + shopExpectedStatus);
        }
        if (retryCycle == null || !retryCycle.matches("R\\d+/P[0-9A-Z.]+")) {
            throw new IllegalStateException("ops.backup.restore.retry-cycle must be an ISO-8601 repetition such as"
                    + " R3/PT1M, got '" + retryCycle + "'");
        }
        for (var a : Map.of("ops-address", String.valueOf(opsAddress), "managers-address",
                String.valueOf(managersAddress)).entrySet()) {
            if (!a.getValue().matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalStateException("ops.backup.restore." + a.getKey() + " must be a mail address");
            }
        }
    }

    public String getRetryCycle() {
        return retryCycle;
    }

    public void setRetryCycle(String retryCycle) {
        this.retryCycle = retryCycle;
    }

    public Duration getChoiceTime() {
        return choiceTime;
    }

    public void setChoiceTime(Duration choiceTime) {
        this.choiceTime = choiceTime;
    }

    public int getBackupPoints() {
        return backupPoints;
    }

    public void setBackupPoints(int backupPoints) {
        this.backupPoints = backupPoints;
    }

    public Duration getValidationExpiry() {
        return validationExpiry;
    }

    public void setValidationExpiry(Duration validationExpiry) {
        this.validationExpiry = validationExpiry;
    }

    public Duration getReminderInterval() {
        return reminderInterval;
    }

    public void setReminderInterval(Duration reminderInterval) {
        this.reminderInterval = reminderInterval;
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
