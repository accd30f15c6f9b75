package fr.progerance.ops.backup;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Settings of the backup runs, their schedule, retention, freshness and retries
 * ({@code ops.backup.*}, documented in application.yaml). Every contract number is here with the
 * contract's value as default (DESIGN rule 9): R3.6-b (daily database, weekly files and server),
 * R3.6-c (14 rolling days), R8.2 (30 days after a suspension). The BPMN models read the schedules
 * and the retry cycle through the bean name {@code backupSettings}. The repository location,
 * restic and the off-site store have settings of their own ({@code ops.backup.volume},
 * {@code ops.backup.restic.*}, {@code ops.backup.offsite.*}), not bound here.
 */
@Component("backupSettings")
@ConfigurationProperties("ops.backup")
public class BackupSettings {

    private final Schedule schedule = new Schedule();
    private final Retention retention = new Retention();
    private final Freshness freshness = new Freshness();
    private final Retry retry = new Retry();
    private final Check check = new Check();

    /** Where failed and overdue backups are mailed: the on-call ops (same default as the incidents'). */
    private String opsAddress = "astreinte@progerance.example";

    /**
     * R4.4-p: the longest backup window one run gives ({@link BackupWindows}): a run still marked
     * running (a step waiting for its retries, a stuck process) excludes at most this much time from
     * the availability measure, counted from its start.
     */
    private Duration windowLimit = Duration.ofHours(12);

    /**
     * Timer cycles of {@code BackupSchedule} (Camunda timer cycles: a Quartz cron expression
     * {@code sec min hour day-of-month month day-of-week}, evaluated in the JVM's time zone, or an
     * ISO-8601 repeating interval {@code R/...}).
     */
    public static class Schedule {
        /** R3.6-b: the shops' databases, every night. */
        private String database = "0 0 2 * * ?";
        /** R3.6-b: the shops' files, every week (Sunday night). */
        private String files = "0 0 3 ? * SUN";
        /** R3.6-b: the full servers, every week (Sunday night, after the files). */
        private String server = "0 0 4 ? * SUN";
        /** R3.6-c: retention (forget and prune, then the off-site copy follows), every night. */
        private String retention = "0 30 6 * * ?";
        /** {@code restic check} locally and of the off-site copy, every week (Monday night). */
        private String check = "0 0 5 ? * MON";

        public String getDatabase() {
            return database;
        }

        public void setDatabase(String database) {
            this.database = database;
        }

        public String getFiles() {
            return files;
        }

        public void setFiles(String files) {
            this.files = files;
        }

        public String getServer() {
            return server;
        }

        public void setServer(String server) {
            this.server = server;
        }

        public String getRetention() {
            return retention;
        }

        public void setRetention(String retention) {
            this.retention = retention;
        }

        public String getCheck() {
            return check;
        }

        public void setCheck(String check) {
            this.check = check;
        }

        /** The cycle of one kind's backups. */
        public String of(BackupKind kind) {
            return switch (kind) {
                case DATABASE -> database;
                case FILES -> files;
                case SERVER -> server;
            };
        }
    }

    /** R3.6-c, R8.2. */
    public static class Retention {
        /** R3.6-c: snapshots older than this, counted back from now on the contract's calendar, are forgotten. */
        private Period keep = Period.ofDays(14);
        /** R8.2: the final backup before a suspension for non-payment is kept this long. */
        private Period suspensionHold = Period.ofDays(30);

        public Period getKeep() {
            return keep;
        }

        public void setKeep(Period keep) {
            this.keep = keep;
        }

        public Period getSuspensionHold() {
            return suspensionHold;
        }

        public void setSuspensionHold(Period suspensionHold) {
            this.suspensionHold = suspensionHold;
        }
    }

    /**
     * R3.6-a, R3.6-b: how old the latest snapshot of each kind may be and still count as fresh
     * (a daily backup plus slack, a weekly one plus a day). A run not finished within its kind's
     * limit is reported to ops as overdue.
     */
    public static class Freshness {
        private Duration database = Duration.ofHours(26);
        private Duration files = Duration.ofDays(8);
        private Duration server = Duration.ofDays(8);

        public Duration getDatabase() {
            return database;
        }

        public void setDatabase(Duration database) {
            this.database = database;
        }

        public Duration getFiles() {
            return files;
        }

        public void setFiles(Duration files) {
            this.files = files;
        }

        public Duration getServer() {
            return server;
        }

        public void setServer(Duration server) {
            this.server = server;
        }

        public Duration of(BackupKind kind) {
            return switch (kind) {
                case DATABASE -> database;
                case FILES -> files;
                case SERVER -> server;
            };
        }

        /** Every kind's limit. */
        public Map<BackupKind, Duration> all() {
            Map<BackupKind, Duration> all = new LinkedHashMap<>();
            for (BackupKind kind : BackupKind.values()) {
                all.put(kind, of(kind));
            }
            return all;
        }
    }

    /** Failed steps (a transfer, a mirror, a check) are tried this often, this far apart, then become an incident. */
    public static class Retry {
        private int attempts = 3;
        private Duration interval = Duration.ofMinutes(10);

        public int getAttempts() {
            return attempts;
        }

        public void setAttempts(int attempts) {
            this.attempts = attempts;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** The weekly integrity check reads one of this many subsets of the data ({@code --read-data-subset n/m}), a new one each week. */
    public static class Check {
        private int subsets = 8;

        public int getSubsets() {
            return subsets;
        }

        public void setSubsets(int subsets) {
            this.subsets = subsets;
        }
    }

    public Schedule getSchedule() {
        return schedule;
    }

    public Retention getRetention() {
        return retention;
    }

    public Freshness getFreshness() {
        return freshness;
    }

    public Retry getRetry() {
        return retry;
    }

    public Check getCheck() {
        return check;
    }

    public Duration getWindowLimit() {
        return windowLimit;
    }

    public void setWindowLimit(Duration windowLimit) {
        if (windowLimit == null || windowLimit.isNegative() || windowLimit.isZero()) {
            throw new IllegalArgumentException("ops.backup.window-limit must be a positive duration, not " + windowLimit);
        }
        this.windowLimit = windowLimit;
    }

    public String getOpsAddress() {
        return opsAddress;
    }

    public void setOpsAddress(String opsAddress) {
        this.opsAddress = opsAddress;
    }

    /** The retry cycle of the service tasks that reach the repositories ({@code failedJobRetryTimeCycle}). */
    public String getRetryCycle() {
        return "R" + retry.attempts + "/" + retry.interval;
    }

    /**
     * Refuses settings that would keep nothing, never retry, or watch nothing.
     *
     * @throws IllegalStateException naming every wrong setting
     */
    @jakarta.annotation.PostConstruct
    public void validate() {
        List<String> problems = new ArrayList<>();
        Map<String, String> cycles = new LinkedHashMap<>();
        cycles.put("schedule.database", schedule.database);
        cycles.put("schedule.files", schedule.files);
        cycles.put("schedule.server", schedule.server);
        cycles.put("schedule.retention", schedule.retention);
        cycles.put("schedule.check", schedule.check);
        cycles.forEach((name, cycle) -> {
            if (cycle == null || cycle.isBlank()) {
                problems.add("ops.backup." + name + " must be a timer cycle (cron or R/...)");
            } else if (cycle.contains("${") || cycle.contains("#{")) {
                problems.add("ops.backup." + name + " must be a plain cycle, not an expression");
            }
        });
        for (var e : Map.of("keep", retention.keep, "suspension-hold", retention.suspensionHold).entrySet()) {
            if (e.getValue() == null || e.getValue().isNegative() || e.getValue().isZero()) {
                problems.add("ops.backup.retention." + e.getKey() + " must be a positive period (e.g. P14D)");
            }
        }
        for (BackupKind kind : BackupKind.values()) {
            Duration d = freshness.of(kind);
            if (d == null || d.isNegative() || d.isZero()) {
                problems.add("ops.backup.freshness." + kind.tag() + " must be a positive duration");
            }
        }
        if (retry.attempts < 1 || retry.attempts > 100) {
            problems.add("ops.backup.retry.attempts must be between 1 and 100");
        }
        if (retry.interval == null || retry.interval.isNegative() || retry.interval.isZero()) {
            problems.add("ops.backup.retry.interval must be a positive duration");
        }
        if (check.subsets < 1 || check.subsets > 10_000) {
            problems.add("ops.backup.check.subsets must be between 1 and 10000");
        }
        if (opsAddress == null || !opsAddress.matches("[^@\\s]+@[^@\\s]+")) {
            problems.add("ops.backup.ops-address must be a mail address");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }
}
