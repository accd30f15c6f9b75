package fr.progerance.ops.billing.termination;

import fr.progerance.ops.calendar.CalendarDays;
import fr.progerance.ops.calendar.ContractPeriod;
import fr.progerance.ops.calendar.ContractPeriods;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * R8.3, R8.5: when a termination notice ends a contract. The notice date is the registered
 * letter's date. The current period at that date comes from {@link ContractPeriods#currentPeriod}
 * (start, initial term, tacit renewal, R8.1). A notice on or before the period's notice deadline
 * (its end minus {@code ops.contract.termination-notice}, 30 days) ends the contract at the end of
 * that period; a later notice lets it renew once more and ends it at the end of the next period.
 * Without tacit renewal there is no next period: the contract ends at the end of its initial term
 * whatever the notice date (a notice after that end has nothing left to end).
 *
 * <p>The period started stays due in full (R8.3) and every sum up to the effective end stays due
 * (R8.5): invoicing goes on until the effective end, and the month that holds the last day of
 * service is invoiced in full, without pro rata.
 *
 * @param period         the contract period the notice was sent in
 * @param noticeDeadline the last day a notice ends the contract at the end of {@code period}
 * @param inTime         whether the notice came on or before {@code noticeDeadline}
 * @param endingPeriod   the period at whose end the contract ends
 */
public record TerminationDates(ContractPeriod period, LocalDate noticeDeadline, boolean inTime,
        ContractPeriod endingPeriod) {

    /**
     * The dates of a notice sent on {@code noticeDate}; empty when the contract, without tacit
     * renewal, had already ended by then.
     */
    public static Optional<TerminationDates> of(LocalDate start, int termMonths, boolean tacitRenewal,
            LocalDate noticeDate, Period notice) {
        Objects.requireNonNull(noticeDate, "noticeDate");
        ContractPeriod current = ContractPeriods.currentPeriod(start, termMonths, tacitRenewal, noticeDate);
        LocalDate deadline = ContractPeriods.noticeDeadline(current, notice);
        boolean inTime = !noticeDate.isAfter(deadline);
        if (!tacitRenewal) {
            if (!noticeDate.isBefore(current.end())) {
                return Optional.empty();
            }
            return Optional.of(new TerminationDates(current, deadline, inTime, current));
        }
        ContractPeriod ending = inTime ? current
                : ContractPeriods.currentPeriod(start, termMonths, true, current.end());
        return Optional.of(new TerminationDates(current, deadline, inTime, ending));
    }

    /** The effective end: the first day without service (the ending period's end, exclusive). */
    public LocalDate effectiveEnd() {
        return endingPeriod.end();
    }

    /** The last day of service. */
    public LocalDate lastDayOfService() {
        return endingPeriod.lastDay();
    }

    /**
     * R8.3, R8.5: the last month invoiced: the month that holds the last day of service, invoiced in
     * full (invoices are monthly and paid in advance, R7.2).
     */
    public YearMonth lastInvoicedMonth() {
        return lastInvoicedMonth(effectiveEnd());
    }

    /** {@link #lastInvoicedMonth()} of a contract whose effective end is {@code effectiveEnd}. */
    public static YearMonth lastInvoicedMonth(LocalDate effectiveEnd) {
        return YearMonth.from(CalendarDays.dayBefore(effectiveEnd));
    }
}
