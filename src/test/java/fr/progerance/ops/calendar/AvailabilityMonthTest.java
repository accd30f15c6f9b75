package fr.progerance.ops.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("R4.4-p: availability months in Europe/Paris, with their real length")
class AvailabilityMonthTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @ParameterizedTest(name = "{0} has {1} minutes")
    @CsvSource({"2026-03, 44580", "2026-10, 44700", "2026-04, 43200", "2026-02, 40320", "2028-02, 41760",
            "2026-12, 44640"})
    @DisplayName("R4.4-p: a month with a daylight-saving change has its real length (March 2026 44,580, October 2026 44,700)")
    void realMinutes(String month, long minutes) {
        assertThat(AvailabilityMonth.parse(month, PARIS).minutes()).isEqualTo(minutes);
    }

    @Test
    @DisplayName("R4.4-p: the bounds are midnight in Paris, whatever the JVM's zone")
    void bounds() {
        AvailabilityMonth march = new AvailabilityMonth(YearMonth.of(2026, 3), PARIS);
        assertThat(march.start()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(march.end()).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
        assertThat(AvailabilityMonth.containing(Instant.parse("2026-03-31T22:00:00Z"), PARIS).month())
                .isEqualTo(YearMonth.of(2026, 4));
        assertThat(march.afterEnd(1, 6)).isEqualTo(Instant.parse("2026-04-01T04:00:00Z"));
        assertThat(new AvailabilityMonth(YearMonth.of(2026, 1), PARIS).afterEnd(31, 6))
                .as("a day beyond February's end is its last day").isEqualTo(Instant.parse("2026-02-28T05:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(value = {"2026-3", "2026-13", "26-03", "2026-03-01", "'2026-03 '", "x", "''"})
    @DisplayName("R4.4-p: a month is YYYY-MM, nothing else")
    void badMonths(String text) {
        assertThatThrownBy(() -> AvailabilityMonth.parse(text, PARIS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("R4.4-p: an outage crossing the month's end counts only inside it; an open one up to now")
    void clip() {
        AvailabilityMonth march = AvailabilityMonth.parse("2026-03", PARIS);
        Interval crossing = new Interval(Instant.parse("2026-03-31T21:30:00Z"), Instant.parse("2026-03-31T23:00:00Z"));
        assertThat(AvailabilityMonth.seconds(march.clip(List.of(crossing), null))).isEqualTo(30 * 60);
        assertThat(AvailabilityMonth.seconds(march.next().clip(List.of(crossing), null))).isEqualTo(60 * 60);
        Interval open = new Interval(Instant.parse("2026-03-10T10:00:00Z"), Instant.MAX.minusSeconds(1));
        assertThat(AvailabilityMonth.seconds(march.clip(List.of(open), Instant.parse("2026-03-10T10:05:00Z"))))
                .isEqualTo(300);
        assertThat(march.clip(List.of(open), Instant.parse("2026-02-01T00:00:00Z"))).isEmpty();
    }

    @Test
    @DisplayName("R4.4-p: removing excluded spans (windows, force majeure) from outages")
    void minus() {
        Instant t0 = Instant.parse("2026-03-10T10:00:00Z");
        Interval outage = new Interval(t0, t0.plusSeconds(3600));
        Interval window = new Interval(t0.plusSeconds(600), t0.plusSeconds(1200));
        Interval later = new Interval(t0.plusSeconds(3000), t0.plusSeconds(7200));
        List<Interval> left = AvailabilityMonth.minus(List.of(outage), List.of(later, window));
        assertThat(left).containsExactly(new Interval(t0, t0.plusSeconds(600)),
                new Interval(t0.plusSeconds(1200), t0.plusSeconds(3000)));
        assertThat(AvailabilityMonth.minus(List.of(outage), List.of(new Interval(t0.minusSeconds(1), t0.plusSeconds(4000)))))
                .isEmpty();
        assertThat(AvailabilityMonth.minus(List.of(outage), List.of())).containsExactly(outage);
    }
}
