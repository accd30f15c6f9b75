package fr.progerance.ops.monitoring.availability;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.calendar.AvailabilityMonth;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.monitoring.availability.MonthlyAvailability.Measure;
import fr.progerance.ops.monitoring.availability.MonthlyAvailability.ServerMonth;
import fr.progerance.ops.monitoring.availability.OutageRules.Treatment;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R4.4-p, R4.4-t, R4.0-a, R9: the monthly availability measure")
class MonthlyAvailabilityTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final AvailabilityMonth MARCH = AvailabilityMonth.parse("2026-03", PARIS);
    private static final AvailabilityMonth APRIL = AvailabilityMonth.parse("2026-04", PARIS);
    private static final AvailabilityMonth OCTOBER = AvailabilityMonth.parse("2026-10", PARIS);
    private static final Instant LATER = Instant.parse("2027-01-01T00:00:00Z");

    private static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    private static Interval span(String from, String to) {
        return new Interval(paris(from), paris(to));
    }

    private static ServerMonth down(Interval... outages) {
        return new ServerMonth(List.of(outages), List.of(), List.of());
    }

    @Test
    @DisplayName("R4.4-p: an outage crossing the month end counts in each month for its own part (March 31 23:30 to April 1 01:00 Paris)")
    void crossingTheMonthEnd() {
        ServerMonth s = down(span("2026-03-31T23:30", "2026-04-01T01:00"));
        Measure march = MonthlyAvailability.measure(MARCH, LATER, List.of(s), List.of());
        Measure april = MonthlyAvailability.measure(APRIL, LATER, List.of(s), List.of());
        assertThat(march.unavailableSeconds()).isEqualTo(30 * 60);
        assertThat(april.unavailableSeconds()).isEqualTo(60 * 60);
        assertThat(march.totalSeconds()).isEqualTo(44_580L * 60);
        // (44,580 - 30) / 44,580 = 99.93270...%: no penalty; April (43,200 - 60) / 43,200 = 99.86111...%
        assertThat(march.percent()).isEqualByComparingTo("99.9327");
        assertThat(april.percent()).isEqualByComparingTo("99.8611");
    }

    @Test
    @DisplayName("R4.4-p: an outage inside a maintenance window is excluded time, not unavailable; the part outside still counts")
    void insideAMaintenanceWindow() {
        Interval window = span("2026-04-14T22:00", "2026-04-15T00:00");
        ServerMonth inside = new ServerMonth(List.of(span("2026-04-14T22:10", "2026-04-14T23:00")), List.of(),
                List.of(window));
        Measure m = MonthlyAvailability.measure(APRIL, LATER, List.of(inside), List.of());
        assertThat(m.unavailableSeconds()).isZero();
        assertThat(m.excludedSeconds()).isEqualTo(2 * 3600);
        assertThat(m.percent()).isEqualByComparingTo("100");

        ServerMonth overlapping = new ServerMonth(List.of(span("2026-04-14T23:30", "2026-04-15T00:45")), List.of(),
                List.of(window));
        Measure o = MonthlyAvailability.measure(APRIL, LATER, List.of(overlapping), List.of());
        assertThat(o.unavailableSeconds()).isEqualTo(45 * 60);
        // (43,200 - 120 - 45) / (43,200 - 120) = 99.89554...%
        assertThat(o.percent()).isEqualByComparingTo("99.8955");
    }

    @Test
    @DisplayName("R4.4-p: October 2026 has 44,700 minutes (DST ends): 44.7 minutes down is exactly 99.9 %, no penalty; one second more is 10 %")
    void dstMonthsAndTheExactBoundary() {
        Instant start = paris("2026-10-12T10:00");
        ServerMonth exact = down(new Interval(start, start.plusSeconds(2682)));
        Measure m = MonthlyAvailability.measure(OCTOBER, LATER, List.of(exact), List.of());
        assertThat(m.totalSeconds()).isEqualTo(44_700L * 60);
        assertThat(m.percent()).isEqualByComparingTo("99.9");
        PenaltyTiers tiers = new PenaltyTiers(new AvailabilitySettings());
        assertThat(tiers.penaltyPercent(Infrastructure.PROGERANCE, m.percent())).isZero();
        Measure more = MonthlyAvailability.measure(OCTOBER, LATER,
                List.of(down(new Interval(start, start.plusSeconds(2683)))), List.of());
        assertThat(more.percent()).isEqualByComparingTo("99.8999");
        assertThat(tiers.penaltyPercent(Infrastructure.PROGERANCE, more.percent())).isEqualTo(10);
        // March 2026 is an hour shorter: the same 2,682 s are a little more of it.
        Measure march = MonthlyAvailability.measure(MARCH, LATER,
                List.of(down(new Interval(paris("2026-03-12T10:00"), paris("2026-03-12T10:00").plusSeconds(2682)))),
                List.of());
        assertThat(march.percent()).isEqualByComparingTo("99.8997");
    }

    @Test
    @DisplayName("R9: force majeure periods of the contract are excluded for all its servers")
    void forceMajeure() {
        Interval fm = span("2026-04-10T00:00", "2026-04-12T00:00");
        ServerMonth a = down(span("2026-04-10T08:00", "2026-04-11T08:00"));
        ServerMonth b = down(span("2026-04-11T20:00", "2026-04-12T01:00"));
        Measure m = MonthlyAvailability.measure(APRIL, LATER, List.of(a, b), List.of(fm));
        assertThat(m.unavailableSeconds()).isEqualTo(3600);
        assertThat(m.excludedSeconds()).isEqualTo(48 * 3600);
    }

    @Test
    @DisplayName("R4.4-p: a contract's servers down at once count once; a window on one server does not hide another's outage")
    void serversMerged() {
        Interval window = span("2026-04-20T02:00", "2026-04-20T04:00");
        ServerMonth a = new ServerMonth(List.of(span("2026-04-20T01:00", "2026-04-20T03:00")), List.of(), List.of(window));
        ServerMonth b = down(span("2026-04-20T02:30", "2026-04-20T03:30"));
        Measure m = MonthlyAvailability.measure(APRIL, LATER, List.of(a, b), List.of());
        // a: 01:00-02:00 counted (02:00-03:00 in its window); b: 02:30-03:30 counted. Union: 01:00-02:00, 02:30-03:30.
        assertThat(m.unavailableSeconds()).isEqualTo(2 * 3600);
        // Excluded: a's window minus what is unavailable: 02:00-02:30 and 03:30-04:00.
        assertThat(m.excludedSeconds()).isEqualTo(3600);
    }

    @Test
    @DisplayName("R4.4-p: an outage still open counts up to now")
    void openOutage() {
        Instant now = paris("2026-04-05T12:00");
        ServerMonth s = down(new Interval(paris("2026-04-05T11:00"), now));
        assertThat(MonthlyAvailability.measure(APRIL, now, List.of(s), List.of()).unavailableSeconds()).isEqualTo(3600);
    }

    @Test
    @DisplayName("R4.4-t: on TIERCE, hardware, network and hoster outages are the hoster's and excluded; R4.0-a: application causes are not covered; unclassified counts")
    void outageRules() {
        OutageRules rules = new OutageRules(EnumSet.of(CauseCategory.APPLICATION));
        assertThat(rules.treatment(Infrastructure.TIERCE, CauseCategory.HOSTER, null)).isEqualTo(Treatment.EXCLUDED_HOSTER);
        assertThat(rules.treatment(Infrastructure.TIERCE, CauseCategory.HARDWARE, null)).isEqualTo(Treatment.EXCLUDED_HOSTER);
        assertThat(rules.treatment(Infrastructure.TIERCE, CauseCategory.NETWORK, null)).isEqualTo(Treatment.EXCLUDED_HOSTER);
        assertThat(rules.treatment(Infrastructure.TIERCE, CauseCategory.SYSTEM, null)).isEqualTo(Treatment.COUNTED);
        assertThat(rules.treatment(Infrastructure.PROGERANCE, CauseCategory.HOSTER, null))
                .as("PROGERANCE: the provider is the hoster").isEqualTo(Treatment.COUNTED);
        assertThat(rules.treatment(Infrastructure.PROGERANCE, CauseCategory.APPLICATION, null))
                .isEqualTo(Treatment.EXCLUDED_NOT_COVERED);
        assertThat(rules.treatment(Infrastructure.PROGERANCE, CauseCategory.CLIENT_CHANGE, null))
                .isEqualTo(Treatment.EXCLUDED_CLIENT);
        assertThat(rules.treatment(Infrastructure.PROGERANCE, null, null)).isEqualTo(Treatment.COUNTED);
        assertThat(rules.treatment(Infrastructure.TIERCE, CauseCategory.UNKNOWN, CauseCategory.Responsibility.PROVIDER))
                .isEqualTo(Treatment.COUNTED);

        // A TIERCE hoster outage of 10 hours leaves the measure: 100 %.
        ServerMonth hoster = new ServerMonth(List.of(), List.of(span("2026-04-03T08:00", "2026-04-03T18:00")), List.of());
        Measure m = MonthlyAvailability.measure(APRIL, LATER, List.of(hoster), List.of());
        assertThat(m.percent()).isEqualByComparingTo("100");
        assertThat(m.excludedSeconds()).isEqualTo(10 * 3600);
    }

    @Test
    @DisplayName("R4.4-p: a month wholly excluded is 100 %")
    void whollyExcluded() {
        ServerMonth s = new ServerMonth(List.of(span("2026-04-03T08:00", "2026-04-03T18:00")), List.of(),
                List.of(APRIL.interval()));
        assertThat(MonthlyAvailability.measure(APRIL, LATER, List.of(s), List.of()).percent()).isEqualByComparingTo("100");
    }
}
