package fr.progerance.ops.monitoring.probe;

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
 * Settings of the probes ({@code ops.probe.*}, documented in application.yaml; R4.1 N1, R4.2 N1,
 * R3.7, R5.7). The detection's own settings ({@code ops.probe.detection}) belong to the
 * {@code detect} package.
 */
@Component("probeSettings")
@ConfigurationProperties("ops.probe")
@Validated
public class ProbeSettings {

    /** Whether this node probes on its own schedule (off in the test and demo profiles). */
    private boolean enabled = true;

    /** How often each server is probed, unless its monitoring configuration says otherwise. */
    @NotNull
    private Duration interval = Duration.ofSeconds(60);

    /** The shortest interval a server's configuration may ask for. */
    @NotNull
    private Duration minInterval = Duration.ofSeconds(15);

    /**
     * Each next round of a server starts up to this much later than its interval (random), so rounds
     * of servers configured together spread out instead of starting in the same second.
     */
    @NotNull
    private Duration jitter = Duration.ofSeconds(5);

    /** How often the scheduler looks for due rounds. */
    @NotNull
    private Duration tick = Duration.ofSeconds(1);

    /** How often the list of monitored servers (ACTIVE contracts) and their configuration is read again. */
    @NotNull
    private Duration refresh = Duration.ofSeconds(30);

    /** Rounds run at the same time at most (one per server): the bounded pool of round threads. */
    @Min(1)
    @Max(1024)
    private int poolSize = 32;

    /** Checks run at the same time at most (HTTP, each TCP port, SSH of every round): the check pool. */
    @Min(1)
    @Max(4096)
    private int checkPoolSize = 96;

    /** The whole HTTP check (connection, TLS, answer, page) of one server. */
    @NotNull
    private Duration httpTimeout = Duration.ofSeconds(10);

    /** One TCP connection attempt. */
    @NotNull
    private Duration tcpTimeout = Duration.ofSeconds(5);

    /** All the SSH checks of one round together (one command after another). */
    @NotNull
    private Duration sshTimeout = Duration.ofSeconds(30);

    /** The status the shop must answer when its server names none. */
    @Min(100)
    @Max(599)
    private int expectedStatus = 200;

    /** HTTP_RESPONSE_TIME: an answer slower than this is a WARNING, slower than the time-out a FAILED. */
    @NotNull
    private Duration responseTimeWarning = Duration.ofSeconds(3);

    /** CERTIFICATE_EXPIRY: a certificate that expires within this period is a WARNING (expired: FAILED). */
    @NotNull
    private Duration certificateWarning = Duration.ofDays(14);

    /**
     * HTTPS: a trust store (PKCS12 or JKS file) to trust instead of the JVM's; blank: the JVM's
     * trust store. Never "trust everything".
     */
    private String trustStore = "";

    /** The trust store's type. */
    private String trustStoreType = "PKCS12";

    /** A file holding the trust store's password (first line); blank: no password. */
    private String trustStorePasswordFile = "";

    /** DISK_SPACE default: free space below this percent of the file system is a WARNING. */
    @Min(0)
    @Max(100)
    private int diskWarnBelowFreePercent = 15;

    /** DISK_SPACE default: free space below this percent is a FAILED. */
    @Min(0)
    @Max(100)
    private int diskFailBelowFreePercent = 5;

    /**
     * R3.7: database connections at or above this percent of the contract's quota are a WARNING (the
     * client is warned before the limit); at or above the quota a FAILED.
     */
    @Min(1)
    @Max(100)
    private int dbConnectionsWarningPercent = 80;

    /** R5.7: technical monitoring data (state changes, hourly aggregates) is kept this long. */
    @NotNull
    private Period retention = Period.ofYears(1);

    /** Whether this node purges and flushes on its own schedule (off in the test profile: tests call them). */
    private boolean housekeeping = true;

    /** How often the hourly aggregates held in memory are written. */
    @NotNull
    private Duration flushInterval = Duration.ofMinutes(1);

    /** How often data older than the retention is purged (R5.7). */
    @NotNull
    private Duration purgeInterval = Duration.ofHours(6);

    @AssertTrue(message = "ops.probe durations must be positive, min-interval at most interval, jitter below interval")
    public boolean isDurationsSensible() {
        return positive(interval) && positive(minInterval) && positive(tick) && positive(refresh)
                && positive(httpTimeout) && positive(tcpTimeout) && positive(sshTimeout)
                && positive(responseTimeWarning) && positive(flushInterval) && positive(purgeInterval)
                && jitter != null && !jitter.isNegative() && minInterval.compareTo(interval) <= 0
                && jitter.compareTo(interval) < 0;
    }

    @AssertTrue(message = "ops.probe.disk-fail-below-free-percent must not exceed disk-warn-below-free-percent")
    public boolean isDiskThresholdsOrdered() {
        return diskFailBelowFreePercent <= diskWarnBelowFreePercent;
    }

    @AssertTrue(message = "ops.probe.retention must be positive and at most one year (R5.7)")
    public boolean isRetentionWithinContract() {
        return retention != null && !retention.isNegative() && !retention.isZero()
                && retention.toTotalMonths() * 30 + retention.getDays() <= 366;
    }

    @AssertTrue(message = "ops.probe.certificate-warning must not be negative")
    public boolean isCertificateWarningSensible() {
        return certificateWarning != null && !certificateWarning.isNegative();
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getMinInterval() {
        return minInterval;
    }

    public void setMinInterval(Duration minInterval) {
        this.minInterval = minInterval;
    }

    public Duration getJitter() {
        return jitter;
    }

    public void setJitter(Duration jitter) {
        this.jitter = jitter;
    }

    public Duration getTick() {
        return tick;
    }

    public void setTick(Duration tick) {
        this.tick = tick;
    }

    public Duration getRefresh() {
        return refresh;
    }

    public void setRefresh(Duration refresh) {
        this.refresh = refresh;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public int getCheckPoolSize() {
        return checkPoolSize;
    }

    public void setCheckPoolSize(int checkPoolSize) {
        this.checkPoolSize = checkPoolSize;
    }

    public Duration getHttpTimeout() {
        return httpTimeout;
    }

    public void setHttpTimeout(Duration httpTimeout) {
        this.httpTimeout = httpTimeout;
    }

    public Duration getTcpTimeout() {
        return tcpTimeout;
    }

    public void setTcpTimeout(Duration tcpTimeout) {
        this.tcpTimeout = tcpTimeout;
    }

    public Duration getSshTimeout() {
        return sshTimeout;
    }

    public void setSshTimeout(Duration sshTimeout) {
        this.sshTimeout = sshTimeout;
    }

    public int getExpectedStatus() {
        return expectedStatus;
    }

    public void setExpectedStatus(int expectedStatus) {
        this.expectedStatus = expectedStatus;
    }

    public Duration getResponseTimeWarning() {
        return responseTimeWarning;
    }

    public void setResponseTimeWarning(Duration responseTimeWarning) {
        this.responseTimeWarning = responseTimeWarning;
    }

    public Duration getCertificateWarning() {
        return certificateWarning;
    }

    public void setCertificateWarning(Duration certificateWarning) {
        this.certificateWarning = certificateWarning;
    }

    public String getTrustStore() {
        return trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStoreType() {
        return trustStoreType;
    }

    public void setTrustStoreType(String trustStoreType) {
        this.trustStoreType = trustStoreType;
    }

    public String getTrustStorePasswordFile() {
        return trustStorePasswordFile;
    }

    public void setTrustStorePasswordFile(String trustStorePasswordFile) {
        this.trustStorePasswordFile = trustStorePasswordFile;
    }

    public int getDiskWarnBelowFreePercent() {
        return diskWarnBelowFreePercent;
    }

    public void setDiskWarnBelowFreePercent(int diskWarnBelowFreePercent) {
        this.diskWarnBelowFreePercent = diskWarnBelowFreePercent;
    }

    public int getDiskFailBelowFreePercent() {
        return diskFailBelowFreePercent;
    }

    public void setDiskFailBelowFreePercent(int diskFailBelowFreePercent) {
        this.diskFailBelowFreePercent = diskFailBelowFreePercent;
    }

    public int getDbConnectionsWarningPercent() {
        return dbConnectionsWarningPercent;
    }

    public void setDbConnectionsWarningPercent(int dbConnectionsWarningPercent) {
        this.dbConnectionsWarningPercent = dbConnectionsWarningPercent;
    }

    public Period getRetention() {
        return retention;
    }

    public void setRetention(Period retention) {
        this.retention = retention;
    }

    public boolean isHousekeeping() {
        return housekeeping;
    }

    public void setHousekeeping(boolean housekeeping) {
        this.housekeeping = housekeeping;
    }

    public Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    public Duration getPurgeInterval() {
        return purgeInterval;
    }

    public void setPurgeInterval(Duration purgeInterval) {
        this.purgeInterval = purgeInterval;
    }
}
