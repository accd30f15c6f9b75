package fr.progerance.ops.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Settings of incident handling ({@code ops.incident.*}). The BPMN reads some of them by the bean
 * name {@code incidentSettings} (retry cycle). The SLA numbers themselves are calendar settings
 * ({@code ops.sla.*}).
 */
@Component("incidentSettings")
@ConfigurationProperties("ops.incident")
public class IncidentSettings {

    /** Prefix of incident numbers: {@code INC-2026-000042}. */
    private String numberPrefix = "INC";

    /**
     * Retry schedule of tasks that reach a remote system (SSH, HTTP, SMTP) before they become a
     * Camunda incident: ISO-8601 repetitions, e.g. three tries one minute apart.
     */
    private String retryCycle = "R3/PT1M";

    /**
     * R4.3-t5: how long a contact has to acknowledge a decision request before the next contact
     * is tried. The contract gives no number; 15 minutes is the provider's default.
     */
    private Duration acknowledgementTimeout = Duration.ofMinutes(15);

    /*
     * The quote-* settings below serve only the instances of IncidentHandling version 1 still in
     * its own quote steps (IncidentHandlingProcess.Version1): version 2 calls QuoteApproval, whose
     * settings are ops.quote.*. Drop them with Version1QuoteDelegates.
     */

    /** Version 1: how long a client has to answer a complementary-work quote (RD-extra) by its link. */
    private Duration quoteValidity = Duration.ofDays(7);

    /**
     * Version 1, RD-extra, DESIGN rule 12: the client is reminded of an unanswered quote this often while it is
     * valid (7 days of validity and 48 hours give reminders after 2, 4 and 6 days); then it expires.
     */
    private Duration quoteReminderInterval = Duration.ofHours(48);

    /** Version 1: how long ops have to prepare a requested quote (RD-extra): the due date of Task_PrepareQuote. */
    private Duration quotePreparation = Duration.ofHours(2);

    /**
     * R4.2, R3.5, DESIGN rule 12: while ops coordinate with the client's hoster, the hoster's
     * emergency contact is reminded this often (with the client and on-call ops in copy); the
     * coordination task is due after the first interval.
     */
    private Duration hosterFollowUp = Duration.ofHours(2);

    /** R9: managers review a force majeure this often; the due date of Task_LiftForceMajeure. */
    private Duration forceMajeureReview = Duration.ofHours(24);

    /** Services ops may restart from the remediation form (systemd unit names, R4.3 remediation). */
    private List<String> allowedServices = new ArrayList<>(List.of(
            "nginx", "apache2", "php8.2-fpm", "php8.1-fpm", "php7.4-fpm", "mariadb", "mysql", "redis-server",
            "varnish", "memcached", "elasticsearch"));

    /**
     * R4.3-t5 (3): actions with an impact on the infrastructure, refused when nobody could be
     * reached and no emergency procedure applies.
     */
    private List<IncidentHandlingProcess.RemediationAction> impactingActions = new ArrayList<>(
            List.of(IncidentHandlingProcess.RemediationAction.REBOOT_SERVER));

    /** Where intervention and restoration breaches are escalated: the on-call ops. */
    private String onCallOpsAddress = "astreinte@progerance.example";

    /** Where breaches are escalated too: the managers. */
    private String managersAddress = "direction@progerance.example";

    /** R6.8-b: emergency phone for level-2 contracts outside support hours (shown to clients). */
    private String emergencyPhone = "+33 1 84 88 00 00";

    /**
     * Timeout of the shop's HTTP check (diagnosis and restoration check): connection, answer and,
     * when a keyword is looked for, the page.
     */
    private Duration httpTimeout = Duration.ofSeconds(10);

    /**
     * Issue 6, DESIGN rule 13: the HTTP status a shop's URL must answer (after redirects) when its
     * server in the register has none of its own. Anything else, a 403 or a 404 included, means
     * the shop does not answer.
     */
    private int shopExpectedStatus = 200;

    /** A file system used above this percentage is a diagnosis finding. */
    private int diskAlertPercent = 90;

    public String getNumberPrefix() {
        return numberPrefix;
    }

    public void setNumberPrefix(String numberPrefix) {
        this.numberPrefix = numberPrefix;
    }

    public String getRetryCycle() {
        return retryCycle;
    }

    public void setRetryCycle(String retryCycle) {
        this.retryCycle = retryCycle;
    }

    public Duration getAcknowledgementTimeout() {
        return acknowledgementTimeout;
    }

    public void setAcknowledgementTimeout(Duration acknowledgementTimeout) {
        this.acknowledgementTimeout = acknowledgementTimeout;
    }

    public Duration getQuoteValidity() {
        return quoteValidity;
    }

    public void setQuoteValidity(Duration quoteValidity) {
        this.quoteValidity = quoteValidity;
    }

    public Duration getQuoteReminderInterval() {
        return quoteReminderInterval;
    }

    public void setQuoteReminderInterval(Duration quoteReminderInterval) {
        this.quoteReminderInterval = quoteReminderInterval;
    }

    public Duration getQuotePreparation() {
        return quotePreparation;
    }

    public void setQuotePreparation(Duration quotePreparation) {
        this.quotePreparation = quotePreparation;
    }

    public Duration getHosterFollowUp() {
        return hosterFollowUp;
    }

    public void setHosterFollowUp(Duration hosterFollowUp) {
        this.hosterFollowUp = hosterFollowUp;
    }

    public Duration getForceMajeureReview() {
        return forceMajeureReview;
    }

    public void setForceMajeureReview(Duration forceMajeureReview) {
        this.forceMajeureReview = forceMajeureReview;
    }

    /**
     * Version 1: the quote reminders as an ISO 8601 repeating interval for the reminder timer: as many
     * {@link #getQuoteReminderInterval() intervals} as fit strictly within the validity.
     */
    public String getQuoteReminderCycle() {
        long reminders = (quoteValidity.toMillis() - 1) / quoteReminderInterval.toMillis();
        return "R" + reminders + "/" + quoteReminderInterval;
    }

    /** The hoster reminders: every {@link #getHosterFollowUp()} while the coordination lasts. */
    public String getHosterReminderCycle() {
        return "R/" + hosterFollowUp;
    }

    /**
     * Refuses settings that would leave a wait without its reminder or a task without a due date.
     *
     * @throws IllegalStateException naming the setting
     */
    @jakarta.annotation.PostConstruct
    public void validate() {
        for (var d : java.util.Map.of("quote-validity", quoteValidity, "quote-reminder-interval",
                quoteReminderInterval, "quote-preparation", quotePreparation, "hoster-follow-up", hosterFollowUp,
                "force-majeure-review", forceMajeureReview, "acknowledgement-timeout", acknowledgementTimeout)
                .entrySet()) {
            if (d.getValue() == null || d.getValue().isNegative() || d.getValue().isZero()) {
                throw new IllegalStateException("ops.incident." + d.getKey() + " must be a positive duration");
            }
        }
        if (quoteReminderInterval.compareTo(quoteValidity) >= 0) {
            throw new IllegalStateException("ops.incident.quote-reminder-interval (" + quoteReminderInterval
                    + ") must be shorter than ops.incident.quote-validity (" + quoteValidity
                    + "): the client must be reminded at least once before the quote expires");
        }
    }

    public List<String> getAllowedServices() {
        return allowedServices;
    }

    public void setAllowedServices(List<String> allowedServices) {
        this.allowedServices = allowedServices;
    }

    public List<IncidentHandlingProcess.RemediationAction> getImpactingActions() {
        return impactingActions;
    }

    public void setImpactingActions(List<IncidentHandlingProcess.RemediationAction> impactingActions) {
        this.impactingActions = impactingActions;
    }

    public String getOnCallOpsAddress() {
        return onCallOpsAddress;
    }

    public void setOnCallOpsAddress(String onCallOpsAddress) {
        this.onCallOpsAddress = onCallOpsAddress;
    }

    public String getManagersAddress() {
        return managersAddress;
    }

    public void setManagersAddress(String managersAddress) {
        this.managersAddress = managersAddress;
    }

    public String getEmergencyPhone() {
        return emergencyPhone;
    }

    public void setEmergencyPhone(String emergencyPhone) {
        this.emergencyPhone = emergencyPhone;
    }

    public Duration getHttpTimeout() {
        return httpTimeout;
    }

    public void setHttpTimeout(Duration httpTimeout) {
        this.httpTimeout = httpTimeout;
    }

    public int getShopExpectedStatus() {
        return shopExpectedStatus;
    }

    public void setShopExpectedStatus(int shopExpectedStatus) {
        if (shopExpectedStatus < 100 || shopExpectedStatus > 599) {
            throw new IllegalArgumentException("ops.incident.shop-expected-status must be an HTTP status from 100 to 599,"
                    + " got " + shopExpectedStatus);
        }
        this.shopExpectedStatus = shopExpectedStatus;
    }

    public int getDiskAlertPercent() {
        return diskAlertPercent;
    }

    public void setDiskAlertPercent(int diskAlertPercent) {
        this.diskAlertPercent = diskAlertPercent;
    }
}
