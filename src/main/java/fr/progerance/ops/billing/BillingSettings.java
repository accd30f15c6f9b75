package fr.progerance.ops.billing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Settings of invoicing and dunning ({@code ops.billing.*}, documented in application.yaml). Every
 * contract number is here with the contract's value as default (DESIGN rule 9): R7.2 (invoices on
 * the 1st), R7.3 (15 days), R7.5 (1.5 x the legal rate, 40 EUR), R7.6 (8 days), R8.2 (30 days).
 * The BPMN models read durations through the bean name {@code billingSettings}; dates themselves are
 * always computed by {@code calendar/}.
 */
@Component("billingSettings")
@ConfigurationProperties("ops.billing")
public class BillingSettings {

    private final Invoicing invoicing = new Invoicing();
    private final Dunning dunning = new Dunning();
    private final Charges charges = new Charges();
    private final Suspension suspension = new Suspension();

    /** Where billing problems (unmatched statement lines, failed suspensions) are mailed. */
    private String opsAddress = "facturation@progerance.example";

    /** R7.1, R7.2: monthly invoices. */
    public static class Invoicing {
        /** VAT rate applied to the amount excluding tax (R7.1 prices are HT). */
        private BigDecimal vatRate = new BigDecimal("0.20");
        /** R7.2: invoices are issued on this day of each month, at midnight in the contract zone. */
        private int issueDayOfMonth = 1;
        /** Invoice numbers are {@code <prefix><year>-<6 digits>}, without gaps within a year. */
        private String numberPrefix = "F";

        public BigDecimal getVatRate() {
            return vatRate;
        }

        public void setVatRate(BigDecimal vatRate) {
            this.vatRate = vatRate;
        }

        public int getIssueDayOfMonth() {
            return issueDayOfMonth;
        }

        public void setIssueDayOfMonth(int issueDayOfMonth) {
            this.issueDayOfMonth = issueDayOfMonth;
        }

        public String getNumberPrefix() {
            return numberPrefix;
        }

        public void setNumberPrefix(String numberPrefix) {
            this.numberPrefix = numberPrefix;
        }
    }

    /** The InvoiceDunning timeline. */
    public static class Dunning {
        /** R7.3: the invoice is due, and unpaid services are suspended, this long after its issue. */
        private Period paymentTerm = Period.ofDays(15);
        /** A reminder goes out this long before the due date. */
        private Period reminderBeforeDue = Period.ofDays(3);
        /** R7.6: a contest by registered letter is accepted within this long after the issue. */
        private Period contestWindow = Period.ofDays(8);
        /** R8.2: data is kept this long after a suspension, then deleted. */
        private Period retentionAfterSuspension = Period.ofDays(30);
        /** R8.2: the client is told this long before the deletion. */
        private Period deletionNoticeBefore = Period.ofDays(7);
        /** How long the suspension waits for the final backup before going on with the last good one. */
        private Duration finalBackupWait = Duration.ofHours(6);
        /** While a deletion hold stands, the deletion is looked at again this often. */
        private Duration holdRecheck = Duration.ofDays(1);
        /** Due date of the managers' tasks (contest decision, missing legal rate). */
        private Duration managerTaskDue = Duration.ofDays(2);
        /** Camunda retry cycle of the steps that touch servers, mail or repositories. */
        private String retryCycle = "R5/PT5M";

        public Period getPaymentTerm() {
            return paymentTerm;
        }

        public void setPaymentTerm(Period paymentTerm) {
            this.paymentTerm = paymentTerm;
        }

        public Period getReminderBeforeDue() {
            return reminderBeforeDue;
        }

        public void setReminderBeforeDue(Period reminderBeforeDue) {
            this.reminderBeforeDue = reminderBeforeDue;
        }

        public Period getContestWindow() {
            return contestWindow;
        }

        public void setContestWindow(Period contestWindow) {
            this.contestWindow = contestWindow;
        }

        public Period getRetentionAfterSuspension() {
            return retentionAfterSuspension;
        }

        public void setRetentionAfterSuspension(Period retentionAfterSuspension) {
            this.retentionAfterSuspension = retentionAfterSuspension;
        }

        public Period getDeletionNoticeBefore() {
            return deletionNoticeBefore;
        }

        public void setDeletionNoticeBefore(Period deletionNoticeBefore) {
            this.deletionNoticeBefore = deletionNoticeBefore;
        }

        public Duration getFinalBackupWait() {
            return finalBackupWait;
        }

        public void setFinalBackupWait(Duration finalBackupWait) {
            this.finalBackupWait = finalBackupWait;
        }

        public Duration getHoldRecheck() {
            return holdRecheck;
        }

        public void setHoldRecheck(Duration holdRecheck) {
            this.holdRecheck = holdRecheck;
        }

        public Duration getManagerTaskDue() {
            return managerTaskDue;
        }

        public void setManagerTaskDue(Duration managerTaskDue) {
            this.managerTaskDue = managerTaskDue;
        }

        public String getRetryCycle() {
            return retryCycle;
        }

        public void setRetryCycle(String retryCycle) {
            this.retryCycle = retryCycle;
        }
    }

    /** R7.5: late-payment interest and the recovery indemnity. */
    public static class Charges {
        /** R7.5: interest is this multiple of the French legal rate (contract: 1.5). */
        private BigDecimal interestMultiplier = new BigDecimal("1.5");
        /** Code de commerce L441-10: the floor between professionals; a lower multiplier is warned about. */
        private BigDecimal legalFloorMultiplier = new BigDecimal("3");
        /** R7.5: fixed recovery indemnity per late invoice, excluding tax, no VAT. */
        private BigDecimal recoveryFee = new BigDecimal("40.00");
        /** The legal-rate table: one row per semester with its source. */
        private String legalRatesFile = "classpath:billing/legal-rates.csv";

        public BigDecimal getInterestMultiplier() {
            return interestMultiplier;
        }

        public void setInterestMultiplier(BigDecimal interestMultiplier) {
            this.interestMultiplier = interestMultiplier;
        }

        public BigDecimal getLegalFloorMultiplier() {
            return legalFloorMultiplier;
        }

        public void setLegalFloorMultiplier(BigDecimal legalFloorMultiplier) {
            this.legalFloorMultiplier = legalFloorMultiplier;
        }

        public BigDecimal getRecoveryFee() {
            return recoveryFee;
        }

        public void setRecoveryFee(BigDecimal recoveryFee) {
            this.recoveryFee = recoveryFee;
        }

        public String getLegalRatesFile() {
            return legalRatesFile;
        }

        public void setLegalRatesFile(String legalRatesFile) {
            this.legalRatesFile = legalRatesFile;
        }
    }

    /** R7.3: what suspending a client does on its servers. */
    public static class Suspension {
        /** PROGERANCE servers: the hosting services stopped (and disabled) while suspended. */
        private List<String> progeranceUnits = new ArrayList<>(List.of("nginx.service", "php-fpm.service"));
        /** TIERCE servers: the services stopped behind the maintenance page (the web server keeps serving it). */
        private List<String> tierceUnits = new ArrayList<>(List.of("php-fpm.service"));
        /** The file, in the shop's install directory, whose presence makes the web server answer the maintenance page. */
        private String maintenanceFlag = ".ops-maintenance";

        public List<String> getProgeranceUnits() {
            return progeranceUnits;
        }

        public void setProgeranceUnits(List<String> progeranceUnits) {
            this.progeranceUnits = progeranceUnits;
        }

        public List<String> getTierceUnits() {
            return tierceUnits;
        }

        public void setTierceUnits(List<String> tierceUnits) {
            this.tierceUnits = tierceUnits;
        }

        public String getMaintenanceFlag() {
            return maintenanceFlag;
        }

        public void setMaintenanceFlag(String maintenanceFlag) {
            this.maintenanceFlag = maintenanceFlag;
        }
    }

    public Invoicing getInvoicing() {
        return invoicing;
    }

    public Dunning getDunning() {
        return dunning;
    }

    public Charges getCharges() {
        return charges;
    }

    public Suspension getSuspension() {
        return suspension;
    }

    public String getOpsAddress() {
        return opsAddress;
    }

    public void setOpsAddress(String opsAddress) {
        this.opsAddress = opsAddress;
    }
}
