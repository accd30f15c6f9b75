package fr.progerance.ops.billing.dunning;

import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.calendar.ContractClock;
import java.time.Instant;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * The dates of an invoice's dunning (R7.3, R8.2), from the {@code ops.billing.dunning.*} settings
 * and computed by {@link ContractClock} in calendar days of the contract zone, so a day stays a day
 * across daylight saving. The timers of InvoiceDunning use these dates as variables (DESIGN rule 7);
 * the model reads the due date of the managers' tasks by the bean name:
 * {@code camunda:dueDate="${dunningTimeline.managerTaskDue()}"}.
 */
@Component("dunningTimeline")
public class DunningTimeline {

    private final ContractClock clock;
    private final BillingSettings settings;

    public DunningTimeline(ContractClock clock, BillingSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /** R7.3: the invoice is due, and unpaid services are suspended, at issue + payment-term. */
    public Instant suspendAt(Instant issuedAt) {
        return clock.plusCalendarPeriod(issuedAt, settings.getDunning().getPaymentTerm()).toInstant();
    }

    /** The reminder: reminder-before-due before the due date. */
    public Instant reminderAt(Instant issuedAt) {
        return clock.plusCalendarPeriod(suspendAt(issuedAt), settings.getDunning().getReminderBeforeDue().negated())
                .toInstant();
    }

    /** R8.2: the data is deleted retention-after-suspension after the suspension. */
    public Instant deletionDueAt(Instant suspendedAt) {
        return clock.plusCalendarPeriod(suspendedAt, settings.getDunning().getRetentionAfterSuspension()).toInstant();
    }

    /** R8.2: the client is told deletion-notice-before the deletion. */
    public Instant deletionNoticeAt(Instant deletionDueAt) {
        return clock.plusCalendarPeriod(deletionDueAt, settings.getDunning().getDeletionNoticeBefore().negated())
                .toInstant();
    }

    /** How long the suspension waits for the final backup, from now. */
    public Instant finalBackupUntil() {
        return clock.after(settings.getDunning().getFinalBackupWait()).toInstant();
    }

    /** While a deletion hold stands, the deletion is looked at again at this instant. */
    public Instant holdRecheckAt() {
        return clock.after(settings.getDunning().getHoldRecheck()).toInstant();
    }

    /** DESIGN rule 12: the due date of a managers' task created now (contest decision, missing rate). */
    public Date managerTaskDue() {
        return Date.from(clock.after(settings.getDunning().getManagerTaskDue()).toInstant());
    }

    /** R7.6: whether a registered letter of {@code letterDate} contests an invoice issued at {@code issuedAt} in time. */
    public ContestWindow.Verdict contest(Instant issuedAt, java.time.LocalDate letterDate) {
        return ContestWindow.judge(clock.atZone(issuedAt).toLocalDate(), letterDate, clock.today(),
                settings.getDunning().getContestWindow());
    }

    public ContractClock clock() {
        return clock;
    }
}
