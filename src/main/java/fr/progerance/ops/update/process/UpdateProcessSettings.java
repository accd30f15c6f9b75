package fr.progerance.ops.update.process;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the processes {@code UpdateWatch}, {@code MinorUpdate} and {@code MajorUpdate}
 * ({@code ops.update.watch-cycle} and {@code ops.update.processes.*}, documented in
 * application.yaml). The other {@code ops.update.*} keys (catalogue, delays, windows) belong to the
 * record and ApplyUpdate settings and are ignored here. The BPMN models read these through the bean
 * name {@code updateProcessSettings}. The R4.0-b delays themselves ({@code ops.update.minor-delay},
 * {@code ops.update.security-delay}) are applied by {@code Updates.open}: the planning task's due
 * date is the record's due date.
 */
@Component("updateProcessSettings")
@ConfigurationProperties("ops.update")
@Validated
public class UpdateProcessSettings {

    /**
     * RD-ps, R4.0-b: when UpdateWatch reads every shop's version and opens the updates it needs: a
     * Quartz cron (sec min hour day-of-month month day-of-week, in the JVM's time zone: run it with
     * TZ=Europe/Paris) or an ISO-8601 cycle. Daily at 6:00 by default.
     */
    @NotBlank
    private String watchCycle = "0 0 6 * * ?";

    @Valid
    private final Processes processes = new Processes();

    /** {@code ops.update.processes.*}. */
    public static class Processes {

        /** Service tasks of the three processes retry on this schedule, then raise a Camunda incident (rule 13). */
        @NotBlank
        @Pattern(regexp = "R[0-9]{1,3}/P[0-9A-Z.]+", message = "must be an ISO-8601 repetition such as R3/PT5M")
        private String retryCycle = "R3/PT5M";

        /** Tasklist priority of the planning task of an update that fixes security advisories (security first). */
        @Min(0)
        @Max(100)
        private int securityPriority = 80;

        /** Tasklist priority of the planning task of any other minor update. */
        @Min(0)
        @Max(100)
        private int priority = 50;

        /**
         * MajorUpdate: due date of Task_PlanMajorUpdateWindow (the approved quote's window had
         * already begun when the approval was read): ops plan a new window within this time.
         */
        @NotNull
        private Duration replanTime = Duration.ofDays(1);

        /**
         * UpdateWatch proposes a major update (a quote, R4.0-c) to a server again only this long
         * after the client declined or let expire the last one of the same major line: no quote
         * every morning.
         */
        @NotNull
        private Period majorProposalInterval = Period.ofDays(90);

        /** GET /api/updates lists, beside the open updates, those whose process ended within this time. */
        @NotNull
        private Period recent = Period.ofDays(30);

        /** R4.0-b: who is mailed when a minor update passes its due date (managers). */
        @NotBlank
        private String managersAddress = "direction@progerance.example";

        /** R4.0-b: ops' mailbox, copied on the overdue escalation. */
        @NotBlank
        private String opsAddress = "astreinte@progerance.example";

        public String getRetryCycle() {
            return retryCycle;
        }

        public void setRetryCycle(String retryCycle) {
            this.retryCycle = retryCycle;
        }

        public int getSecurityPriority() {
            return securityPriority;
        }

        public void setSecurityPriority(int securityPriority) {
            this.securityPriority = securityPriority;
        }

        public int getPriority() {
            return priority;
        }

        public void setPriority(int priority) {
            this.priority = priority;
        }

        public Duration getReplanTime() {
            return replanTime;
        }

        public void setReplanTime(Duration replanTime) {
            this.replanTime = replanTime;
        }

        public Period getMajorProposalInterval() {
            return majorProposalInterval;
        }

        public void setMajorProposalInterval(Period majorProposalInterval) {
            this.majorProposalInterval = majorProposalInterval;
        }

        public Period getRecent() {
            return recent;
        }

        public void setRecent(Period recent) {
            this.recent = recent;
        }

        public String getManagersAddress() {
            return managersAddress;
        }

        public void setManagersAddress(String managersAddress) {
            this.managersAddress = managersAddress;
        }

        public String getOpsAddress() {
            return opsAddress;
        }

        public void setOpsAddress(String opsAddress) {
            this.opsAddress = opsAddress;
        }
    }

    /**
     * Refuses settings that make no sense, naming the setting (the bean validation above covers
     * blanks and ranges).
     *
     * @throws IllegalStateException naming the setting
     */
    @jakarta.annotation.PostConstruct
    public void validate() {
        if (processes.securityPriority <= processes.priority) {
            throw new IllegalStateException("ops.update.processes.security-priority (" + processes.securityPriority
                    + ") must be above ops.update.processes.priority (" + processes.priority
                    + "): security releases come first");
        }
        if (processes.replanTime == null || processes.replanTime.isNegative() || processes.replanTime.isZero()) {
            throw new IllegalStateException("ops.update.processes.replan-time must be a positive duration");
        }
        for (var p : new Object[][] {{"major-proposal-interval", processes.majorProposalInterval},
            {"recent", processes.recent}}) {
            Period period = (Period) p[1];
            if (period == null || period.isNegative() || period.isZero()) {
                throw new IllegalStateException("ops.update.processes." + p[0] + " must be a positive period");
            }
        }
    }

    /** The planning task's priority: security releases first. */
    public int priority(boolean security) {
        return security ? processes.securityPriority : processes.priority;
    }

    public String getWatchCycle() {
        return watchCycle;
    }

    public void setWatchCycle(String watchCycle) {
        this.watchCycle = watchCycle;
    }

    public Processes getProcesses() {
        return processes;
    }

    /** For the BPMN: {@code ${updateProcessSettings.retryCycle}}. */
    public String getRetryCycle() {
        return processes.retryCycle;
    }
}
