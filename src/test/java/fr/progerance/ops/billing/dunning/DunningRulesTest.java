package fr.progerance.ops.billing.dunning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.billing.BillingSettings;
import fr.progerance.ops.billing.charges.LateCharge;
import fr.progerance.ops.billing.ledger.ClientAccounts.Account;
import fr.progerance.ops.billing.ledger.ClientAccounts.Standing;
import fr.progerance.ops.billing.ledger.ClientStanding;
import fr.progerance.ops.billing.ledger.InvoiceStanding;
import fr.progerance.ops.calendar.CalendarProperties;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.ContractTermsProperties;
import fr.progerance.ops.calendar.WorkingCalendar;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The dunning's plain rules, without an engine: the timeline, the decisions, the contest window. */
class DunningRulesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant DEC_1 = paris("2025-12-01T00:00:00+01:00");

    private static Instant paris(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    private static DunningTimeline timeline(Instant now) {
        ContractClock clock = new ContractClock(Clock.fixed(now, PARIS), WorkingCalendar.from(new CalendarProperties()),
                new ContractTermsProperties());
        return new DunningTimeline(clock, new BillingSettings());
    }

    private static InvoiceStanding invoice(String total, String paid) {
        BigDecimal t = new BigDecimal(total);
        BigDecimal p = new BigDecimal(paid);
        BigDecimal due = t.subtract(p).max(BigDecimal.ZERO);
        return new InvoiceStanding("F2025-000001", 7, 9, DEC_1, LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 16),
                t, p, due, new LateCharge(LocalDate.of(2025, 12, 16), 0, BigDecimal.ZERO, BigDecimal.ZERO), due);
    }

    private static Account account(Standing standing, String by) {
        return new Account(7, standing, standing == Standing.GOOD ? null : DEC_1, by, null, null);
    }

    @Test
    @DisplayName("R7.3: an invoice issued 1 December 00:00 Paris is due and suspended 16 December 00:00; the reminder 3 days before")
    void timelineOfDecember() {
        DunningTimeline t = timeline(DEC_1);
        assertThat(t.suspendAt(DEC_1)).isEqualTo(paris("2025-12-16T00:00:00+01:00"));
        assertThat(t.reminderAt(DEC_1)).isEqualTo(paris("2025-12-13T00:00:00+01:00"));
    }

    @Test
    @DisplayName("R8.2: suspended 16 December 00:00 -> deleted 15 January 00:00, notice 8 January 00:00 (7 days before)")
    void deletionDates() {
        DunningTimeline t = timeline(DEC_1);
        Instant suspended = paris("2025-12-16T00:00:00+01:00");
        Instant deletion = t.deletionDueAt(suspended);
        assertThat(deletion).isEqualTo(paris("2026-01-15T00:00:00+01:00"));
        assertThat(t.deletionNoticeAt(deletion)).isEqualTo(paris("2026-01-08T00:00:00+01:00"));
    }

    @Test
    @DisplayName("R7.3: calendar days across daylight saving: issued 1 March 00:00 -> suspended 16 March 00:00; issued 20 March -> 4 April 00:00 (+02:00)")
    void daylightSaving() {
        DunningTimeline t = timeline(DEC_1);
        assertThat(t.suspendAt(paris("2026-03-20T00:00:00+01:00"))).isEqualTo(paris("2026-04-04T00:00:00+02:00"));
        assertThat(t.deletionDueAt(paris("2026-03-16T00:00:00+01:00"))).isEqualTo(paris("2026-04-15T00:00:00+02:00"));
    }

    @Test
    @DisplayName("The waits come from the settings: final backup 6 h, hold recheck 1 day, managers' tasks due in 2 days")
    void waits() {
        Instant now = paris("2025-12-16T00:05:00+01:00");
        DunningTimeline t = timeline(now);
        assertThat(t.finalBackupUntil()).isEqualTo(paris("2025-12-16T06:05:00+01:00"));
        assertThat(t.holdRecheckAt()).isEqualTo(paris("2025-12-17T00:05:00+01:00"));
        assertThat(t.managerTaskDue()).isEqualTo(Date.from(paris("2025-12-18T00:05:00+01:00")));
    }

    @Test
    @DisplayName("R7.3: the invoice record decides: paid in full (principal), partly paid, nothing paid")
    void paymentState() {
        assertThat(PaymentState.of(invoice("120.00", "120.00"))).isEqualTo(PaymentState.PAID);
        assertThat(PaymentState.of(invoice("120.00", "150.00"))).isEqualTo(PaymentState.PAID);
        assertThat(PaymentState.of(invoice("120.00", "20.00"))).isEqualTo(PaymentState.PARTLY_PAID);
        assertThat(PaymentState.of(invoice("120.00", "0.00"))).isEqualTo(PaymentState.UNPAID);
        // From the record and its payments alone, without late charges (no legal rate needed):
        assertThat(PaymentState.of(new BigDecimal("120.00"), new BigDecimal("120.00"))).isEqualTo(PaymentState.PAID);
        assertThat(PaymentState.of(new BigDecimal("120.00"), new BigDecimal("119.99")))
                .isEqualTo(PaymentState.PARTLY_PAID);
        assertThat(PaymentState.of(new BigDecimal("120.00"), BigDecimal.ZERO)).isEqualTo(PaymentState.UNPAID);
    }

    @Test
    @DisplayName("R7.3: paid -> PAID; a GOOD client is suspended now; suspended by another invoice or deleted -> JOINED; by this one -> stays SUSPENDED")
    void suspensionDecision() {
        String n = "F2025-000001";
        assertThat(SuspensionDecision.decide(n, true, Optional.of(account(Standing.GOOD, null))))
                .isEqualTo(new SuspensionDecision.Outcome(SuspensionDecision.PAID, false));
        assertThat(SuspensionDecision.decide(n, true, Optional.of(account(Standing.SUSPENDED, "F2025-000002"))).decision())
                .as("paid wins, even when the client is suspended for another invoice").isEqualTo(SuspensionDecision.PAID);
        assertThat(SuspensionDecision.decide(n, false, Optional.empty()))
                .isEqualTo(new SuspensionDecision.Outcome(SuspensionDecision.SUSPENDED, true));
        assertThat(SuspensionDecision.decide(n, false, Optional.of(account(Standing.GOOD, null))))
                .isEqualTo(new SuspensionDecision.Outcome(SuspensionDecision.SUSPENDED, true));
        assertThat(SuspensionDecision.decide(n, false, Optional.of(account(Standing.SUSPENDED, "F2025-000002"))))
                .isEqualTo(new SuspensionDecision.Outcome(SuspensionDecision.JOINED, false));
        assertThat(SuspensionDecision.decide(n, false, Optional.of(account(Standing.DELETED, "F2025-000002"))))
                .isEqualTo(new SuspensionDecision.Outcome(SuspensionDecision.JOINED, false));
        assertThat(SuspensionDecision.decide(n, false, Optional.of(account(Standing.SUSPENDED, n))))
                .isEqualTo(new SuspensionDecision.Outcome(SuspensionDecision.SUSPENDED, false));
    }

    @Test
    @DisplayName("R8.2: settled -> SETTLED (even with a hold); a hold -> HELD; else DELETE; only the suspension's owner decides")
    void deletionDecision() {
        String n = "F2025-000001";
        Account mine = account(Standing.SUSPENDED, n);
        assertThat(DeletionDecision.decide(n, mine, true, true)).isEqualTo(DeletionDecision.SETTLED);
        assertThat(DeletionDecision.decide(n, mine, false, true)).isEqualTo(DeletionDecision.HELD);
        assertThat(DeletionDecision.decide(n, mine, false, false)).isEqualTo(DeletionDecision.DELETE);
        assertThatThrownBy(() -> DeletionDecision.decide(n, account(Standing.SUSPENDED, "F2025-000002"), false, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not own");
        assertThatThrownBy(() -> DeletionDecision.decide(n, account(Standing.GOOD, null), false, false))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DeletionDecision.decide(n, null, false, false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("R7.6: a letter dated within 8 days of the issue (1 to 9 December) is accepted; the 10th, before the issue or in the future is refused with the reason")
    void contestWindow() {
        LocalDate issued = LocalDate.of(2025, 12, 1);
        LocalDate today = LocalDate.of(2025, 12, 12);
        Period window = Period.ofDays(8);
        assertThat(ContestWindow.judge(issued, LocalDate.of(2025, 12, 1), today, window).accepted()).isTrue();
        ContestWindow.Verdict lastDay = ContestWindow.judge(issued, LocalDate.of(2025, 12, 9), today, window);
        assertThat(lastDay.accepted()).isTrue();
        assertThat(lastDay.refusal()).isNull();
        ContestWindow.Verdict late = ContestWindow.judge(issued, LocalDate.of(2025, 12, 10), today, window);
        assertThat(late.accepted()).isFalse();
        assertThat(late.lastDay()).isEqualTo(LocalDate.of(2025, 12, 9));
        assertThat(late.refusal()).contains("R7.6").contains("8 days").contains("2025-12-09").contains("deemed accepted");
        assertThat(late.frenchRefusal()).contains("8 jours").contains("9 décembre 2025").contains("réputée acceptée");
        assertThat(ContestWindow.judge(issued, LocalDate.of(2025, 11, 30), today, window).refusal())
                .contains("before the invoice's issue");
        assertThat(ContestWindow.judge(issued, LocalDate.of(2025, 12, 13), today, window).refusal()).contains("future");
        assertThat(ContestWindow.judge(issued, LocalDate.of(2025, 12, 5), LocalDate.of(2026, 2, 1), window).accepted())
                .as("the letter's date counts, not when it is recorded").isTrue();
    }

    @Test
    @DisplayName("Mails: euros and dates in French; a balance is known by its principal while one is due, else by its charges")
    void frenchFormatsAndBalanceKeys() {
        assertThat(FrenchFormats.euros(new BigDecimal("1234.5"))).isEqualTo("1\u00a0234,50\u00a0€");
        assertThat(FrenchFormats.euros(new BigDecimal("0.005"))).isEqualTo("0,01\u00a0€");
        assertThat(FrenchFormats.date(LocalDate.of(2025, 12, 16))).isEqualTo("16 décembre 2025");
        assertThat(FrenchFormats.dateTime(OffsetDateTime.parse("2025-12-16T00:00:00+01:00")))
                .isEqualTo("mardi 16 décembre 2025 à 00h00");
        ClientStanding owing = new ClientStanding(7, List.of(), new BigDecimal("100.00"), new BigDecimal("41.23"),
                new BigDecimal("141.23"));
        ClientStanding chargesOnly = new ClientStanding(7, List.of(), new BigDecimal("0.00"), new BigDecimal("41.23"),
                new BigDecimal("41.23"));
        assertThat(DunningMails.balanceState(owing)).isEqualTo("P100.00");
        assertThat(DunningMails.balanceState(chargesOnly)).isEqualTo("C41.23");
    }
}
