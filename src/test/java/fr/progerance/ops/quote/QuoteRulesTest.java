package fr.progerance.ops.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.progerance.ops.calendar.CalendarProperties;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.ContractTermsProperties;
import fr.progerance.ops.calendar.WorkingCalendar;
import fr.progerance.ops.quote.QuoteApprovalProcess.Vars;
import fr.progerance.ops.quote.QuoteMails.Amounts;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The quote's rules without an engine: its dates (calendar/), its amounts (R7.1) and what ops may enter. */
class QuoteRulesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Instant paris(int month, int day, int hour) {
        return ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, PARIS).toInstant();
    }

    private static QuoteCalendar calendar(Instant now, QuoteSettings settings) {
        ContractClock clock = new ContractClock(Clock.fixed(now, PARIS), WorkingCalendar.from(new CalendarProperties()),
                new ContractTermsProperties());
        return new QuoteCalendar(clock, WorkingCalendar.from(new CalendarProperties()), settings);
    }

    @Test
    @DisplayName("RC-business: the preparation is due one business day later; Friday 17h gives Monday 17h, and Ascension Thursday (14 May 2026) is skipped")
    void preparationDue() {
        QuoteSettings settings = new QuoteSettings();
        assertThat(calendar(paris(3, 10, 10), settings).preparationDue()).isEqualTo(paris(3, 11, 10));
        assertThat(calendar(paris(3, 13, 17), settings).preparationDue()).isEqualTo(paris(3, 16, 17));
        assertThat(calendar(paris(5, 13, 12), settings).preparationDue()).isEqualTo(paris(5, 15, 12));
        assertThat(calendar(paris(3, 14, 22), settings).preparationDue()).as("a Saturday night: Monday 18h")
                .isEqualTo(paris(3, 16, 18));
    }

    @Test
    @DisplayName("The validity ends at the next midnight in Paris, summer time included; the form proposes today + 30 days")
    void validity() {
        QuoteCalendar cal = calendar(paris(3, 10, 10), new QuoteSettings());
        assertThat(cal.defaultValidUntil()).isEqualTo(LocalDate.of(2026, 4, 9));
        assertThat(cal.expiry(LocalDate.of(2026, 3, 28))).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(cal.expiry(LocalDate.of(2026, 3, 30))).isEqualTo(Instant.parse("2026-03-30T22:00:00Z"));
        assertThat(cal.linkValidity(paris(3, 11, 0))).isEqualTo(Duration.ofHours(14));
        assertThatThrownBy(() -> cal.linkValidity(paris(3, 10, 9))).hasMessageContaining("prepare it again");
    }

    @Test
    @DisplayName("DESIGN rule 12: reminders every 7 days strictly before the expiry; a validity shorter than 7 days gets one, halfway")
    void reminders() {
        QuoteCalendar cal = calendar(paris(3, 10, 10), new QuoteSettings());
        Instant sent = paris(3, 10, 10);
        assertThat(cal.reminderCycle(sent, sent.plus(Duration.ofDays(30)))).isEqualTo("R4/PT168H");
        assertThat(cal.reminderCycle(sent, sent.plus(Duration.ofDays(14)))).as("none at the expiry itself")
                .isEqualTo("R1/PT168H");
        assertThat(cal.reminderCycle(sent, sent.plus(Duration.ofDays(7)))).isEqualTo("R1/PT84H");
        assertThat(cal.reminderCycle(sent, sent.plus(Duration.ofHours(14)))).isEqualTo("R1/PT7H");
    }

    @Test
    @DisplayName("R7.1: VAT on the amount excluding tax, rounded half-up to the cent; French amounts")
    void amounts() {
        Amounts a = Amounts.of(new BigDecimal("450.00"), new BigDecimal("0.20"));
        assertThat(a.vat()).isEqualByComparingTo("90.00");
        assertThat(a.inclTax()).isEqualByComparingTo("540.00");
        assertThat(a.percent()).isEqualTo("20");
        Amounts odd = Amounts.of(new BigDecimal("0.13"), new BigDecimal("0.055"));
        assertThat(odd.vat()).isEqualByComparingTo("0.01");
        assertThat(odd.percent()).isEqualTo("5,5");
        assertThat(QuoteMails.french(new BigDecimal("1234.5"), 2)).isEqualTo("1\u202f234,50");
    }

    @Test
    @DisplayName("RD-extra, R7.1: a good preparation reads as exact values; the amount keeps its cents")
    void preparationReads() {
        QuoteCalendar cal = calendar(paris(3, 10, 10), new QuoteSettings());
        Map<String, Object> v = new HashMap<>(Map.of(Vars.DESCRIPTION, " Migration vers PrestaShop 8 \n", Vars.AMOUNT, "1200",
                Vars.WINDOW_START, "2026-04-02T09:00+02:00", Vars.WINDOW_END, "2026-04-02T12:00:00+02:00",
                Vars.VALID_UNTIL, "2026-03-30"));
        QuotePreparation p = QuotePreparation.read(v::get, cal);
        assertThat(p.description()).isEqualTo("Migration vers PrestaShop 8");
        assertThat(p.amountExclTax()).isEqualTo(new BigDecimal("1200.00"));
        assertThat(p.windowStart()).isEqualTo(Instant.parse("2026-04-02T07:00:00Z"));
        assertThat(p.validUntil()).isEqualTo(LocalDate.of(2026, 3, 30));
        v.put(Vars.AMOUNT, "1e12");
        assertThatThrownBy(() -> QuotePreparation.read(v::get, cal)).hasMessageContaining("too large");
        v.put(Vars.AMOUNT, 12);
        v.put(Vars.DESCRIPTION, 42);
        assertThatThrownBy(() -> QuotePreparation.read(v::get, cal)).hasMessageContaining("must be text");
        v.put(Vars.DESCRIPTION, "ok");
        v.put(Vars.VALID_UNTIL, "2026-04-01");
        assertThat(QuotePreparation.read(v::get, cal).validUntil()).as("the day before the window").isEqualTo(
                LocalDate.of(2026, 4, 1));
    }

    @Test
    @DisplayName("Quote numbers: prefix, year, four digits at least")
    void numbers() {
        assertThat(QuoteNumbers.format("D", 2026, 7)).isEqualTo("D2026-0007");
        assertThat(QuoteNumbers.format("D", 2026, 12345)).isEqualTo("D2026-12345");
        assertThatThrownBy(() -> QuoteNumbers.format("D", 2026, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
