package fr.progerance.ops.backup.restore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Settings of the weekly restore drill ({@code ops.backup.drill.*}). The BPMN reads the schedule by
 * the bean name {@code restoreDrillSettings}.
 */
@Component("restoreDrillSettings")
@ConfigurationProperties("ops.backup.drill")
public class RestoreDrillSettings {

    /** Scratch database names: lower-case letters, digits and '_', starting with a letter, ending with '_'. */
    static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{1,30}_");

    /**
     * When the drill runs: a Camunda timer cycle (a cron expression with seconds, or ISO-8601
     * {@code R/...}). Weekly, Sunday 02:00 (engine time zone), away from business hours.
     */
    private String schedule = "0 0 2 ? * SUN";

    /**
     * The MariaDB client's option file ({@code mysql --defaults-file}): host, port, user, password
     * of the scratch server, 0600, outside the database (DESIGN rule 6). Its account must be granted
     * only on databases named {@code <scratch-prefix>%}. Empty: the drill fails with a readable incident.
     */
    private Path defaultsFile;

    /** Prefix of the scratch databases ({@code <prefix><server id>}); nothing else is ever created or dropped. */
    private String scratchPrefix = "ops_drill_";

    /** The MariaDB command-line client. */
    private String mysqlCommand = "mysql";

    /** Longest time one server's load and counts may take before it is a failure. */
    private Duration timeout = Duration.ofHours(4);

    /** External task {@code restore-drill}: attempts in all before the incident. */
    private int attempts = 2;

    /** External task {@code restore-drill}: wait between two attempts. */
    private Duration retryTimeout = Duration.ofMinutes(30);

    /** External task {@code restore-drill}: lock of one fetch or extension. */
    private Duration lockDuration = Duration.ofMinutes(10);

    /** Ops' mailbox for drills that did not match. */
    private String opsAddress = "astreinte@progerance.example";

    /**
     * Refuses unusable settings at start.
     *
     * @throws IllegalStateException naming the setting
     */
    @jakarta.annotation.PostConstruct
    public void validate() {
        if (schedule == null || schedule.isBlank()) {
            throw new IllegalStateException("ops.backup.drill.schedule must be a timer cycle (cron or R/...)");
        }
        if (scratchPrefix == null || !PREFIX.matcher(scratchPrefix).matches()) {
            throw new IllegalStateException("ops.backup.drill.scratch-prefix must match " + PREFIX.pattern()
                    + " (lower case, ends with '_'), got '" + scratchPrefix + "'");
        }
        if (mysqlCommand == null || !mysqlCommand.matches("[A-Za-z0-9_./-]{1,200}")) {
            throw new IllegalStateException("ops.backup.drill.mysql-command must be a command name or path");
        }
        for (var d : java.util.Map.of("timeout", timeout, "retry-timeout", retryTimeout, "lock-duration",
                lockDuration).entrySet()) {
            if (d.getValue() == null || d.getValue().isNegative() || d.getValue().isZero()) {
                throw new IllegalStateException("ops.backup.drill." + d.getKey() + " must be a positive duration");
            }
        }
        if (attempts < 1 || attempts > 20) {
            throw new IllegalStateException("ops.backup.drill.attempts must be 1 to 20, got " + attempts);
        }
        if (opsAddress == null || !opsAddress.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalStateException("ops.backup.drill.ops-address must be a mail address");
        }
    }

    /** The scratch database of a server's drill: the prefix and the server's id (digits only). */
    public String scratchDatabase(long serverId) {
        if (serverId <= 0) {
            throw new IllegalArgumentException("server id must be positive");
        }
        return scratchPrefix + serverId;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public Path getDefaultsFile() {
        return defaultsFile;
    }

    public void setDefaultsFile(Path defaultsFile) {
        this.defaultsFile = defaultsFile;
    }

    public String getScratchPrefix() {
        return scratchPrefix;
    }

    public void setScratchPrefix(String scratchPrefix) {
        this.scratchPrefix = scratchPrefix;
    }

    public String getMysqlCommand() {
        return mysqlCommand;
    }

    public void setMysqlCommand(String mysqlCommand) {
        this.mysqlCommand = mysqlCommand;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
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

    public String getOpsAddress() {
        return opsAddress;
    }

    public void setOpsAddress(String opsAddress) {
        this.opsAddress = opsAddress;
    }
}
