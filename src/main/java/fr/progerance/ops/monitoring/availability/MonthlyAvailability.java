package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.calendar.AvailabilityMonth;
import fr.progerance.ops.calendar.Interval;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * R4.4-p, R4.4-t, R9: the monthly availability of one contract (its servers of one infrastructure
 * kind): (minutes in month − excluded − unavailable) / (minutes in month − excluded). A plain class.
 *
 * <p>Per server, the unavailable time is the union of its counted outages minus its excluded time
 * (its planned maintenance and backup windows, the contract's force majeure periods, its outages
 * excluded by {@link OutageRules}); the contract's unavailable time is the union of its servers'
 * (two servers down at once count once). The contract's excluded time is the union of its servers'
 * excluded time minus the contract's unavailable time (a window on one server does not hide another
 * server's outage, and no minute is both). Measured in seconds; the percent is rounded DOWN to four
 * decimals, so rounding never lifts a month to its target.
 */
public final class MonthlyAvailability {

    /** The percent's scale. */
    public static final int SCALE = 4;
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private MonthlyAvailability() {
    }

    /** One server's month: its outages (counted or not) and its planned windows. */
    public record ServerMonth(List<Interval> countedOutages, List<Interval> excludedOutages,
            List<Interval> plannedWindows) {
    }

    /**
     * The measure.
     *
     * @param totalSeconds       the month's real length
     * @param excludedSeconds    planned windows, force majeure, excluded outages
     * @param unavailableSeconds counted outages outside excluded time
     * @param percent            availability, 4 decimals, rounded down
     */
    public record Measure(long totalSeconds, long excludedSeconds, long unavailableSeconds, BigDecimal percent) {

        public static BigDecimal minutes(long seconds) {
            return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
        }
    }

    /**
     * @param now          an outage still open counts up to here
     * @param forceMajeure the contract's force majeure periods (R9), open ones ending at {@code now}
     */
    public static Measure measure(AvailabilityMonth month, Instant now, List<ServerMonth> servers,
            List<Interval> forceMajeure) {
        List<Interval> unavailable = new ArrayList<>();
        List<Interval> excluded = new ArrayList<>();
        List<Interval> fm = month.clip(forceMajeure, null);
        for (ServerMonth server : servers) {
            List<Interval> serverExcluded = new ArrayList<>(fm);
            serverExcluded.addAll(month.clip(server.plannedWindows(), null));
            serverExcluded.addAll(month.clip(server.excludedOutages(), now));
            serverExcluded = Interval.union(serverExcluded);
            unavailable.addAll(AvailabilityMonth.minus(month.clip(server.countedOutages(), now), serverExcluded));
            excluded.addAll(serverExcluded);
        }
        List<Interval> down = Interval.union(unavailable);
        List<Interval> out = AvailabilityMonth.minus(excluded, down);
        return of(month.seconds(), AvailabilityMonth.seconds(out), AvailabilityMonth.seconds(down));
    }

    /** The percent of given totals. */
    public static Measure of(long total, long excluded, long unavailable) {
        long measured = total - excluded;
        BigDecimal percent = measured <= 0 ? HUNDRED.setScale(SCALE)
                : BigDecimal.valueOf(measured - unavailable).multiply(HUNDRED)
                        .divide(BigDecimal.valueOf(measured), SCALE, RoundingMode.DOWN);
        return new Measure(total, excluded, unavailable, percent);
    }
}
