package fr.progerance.ops.monitoring.availability;

import fr.progerance.ops.calendar.AvailabilityMonth;
import fr.progerance.ops.calendar.ContractClock;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.calendar.Interval;
import fr.progerance.ops.incident.CauseCategory;
import fr.progerance.ops.monitoring.windows.PlannedWindows;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly availability report (R4.4-p, R4.4-t, R4.0-a, R9, R4.4-c, R5.2): one row per contract and
 * infrastructure kind of its servers, with the measure ({@link MonthlyAvailability}), the target, the
 * penalty percent ({@link PenaltyTiers}) and the credit note capped by what the client paid for the
 * month ({@link PaidForMonth}).
 *
 * <p>Read in a few set queries for the whole month (contracts and servers, outages with their
 * incidents' classification, force majeure events, the month's invoices) and the planned windows of
 * every server at once from {@link PlannedWindows} (maintenance and backup windows). Contracts
 * measured: every contract but DRAFT ones, started by the month's last
 * day, and not terminated before the month began.
 */
@Component
public class AvailabilityReports {

    private final JdbcTemplate jdbc;
    private final PlannedWindows plannedWindows;
    private final PaidForMonth paid;
    private final ContractClock clock;
    private final AvailabilitySettings settings;

    public AvailabilityReports(JdbcTemplate jdbc, PlannedWindows plannedWindows,
            PaidForMonth paid, ContractClock clock, AvailabilitySettings settings) {
        this.jdbc = jdbc;
        this.plannedWindows = plannedWindows;
        this.paid = paid;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * One row of the report.
     *
     * @param availabilityPercent 4 decimals, rounded down
     * @param creditNote          R4.4-c: the penalty's credit note, capped by {@code paidForMonth} (R5.2)
     */
    public record Row(long contractId, String contractReference, Infrastructure infrastructure, int servers,
            BigDecimal availabilityPercent, long minutesInMonth, BigDecimal excludedMinutes,
            BigDecimal unavailableMinutes, BigDecimal targetPercent, int penaltyPercent, BigDecimal monthlyFee,
            BigDecimal paidForMonth, BigDecimal creditNote) {
    }

    /** The month's rows, by contract reference then infrastructure. */
    @Transactional(readOnly = true)
    public List<Row> report(AvailabilityMonth month) {
        Instant now = clock.instant();
        Interval range = month.interval();
        PenaltyTiers tiers = new PenaltyTiers(settings);
        OutageRules rules = new OutageRules(settings.getNotCoveredCauses());

        Map<Key, Group> groups = new LinkedHashMap<>();
        Map<Long, Key> serverKeys = new HashMap<>();
        jdbc.query("select s.id, s.contract_id, s.infrastructure, c.reference, c.monthly_fee_excl_tax"
                + " from ops_server s join ops_contract c on c.id = s.contract_id"
                + " where c.status <> 'DRAFT' and c.start_date <= ?"
                + " and (c.status <> 'TERMINATED' or c.status_changed_at >= ?) order by c.reference, s.id", rs -> {
                    Key key = new Key(rs.getLong(2), Infrastructure.valueOf(rs.getString(3)));
                    String reference = rs.getString(4);
                    BigDecimal fee = rs.getBigDecimal(5).setScale(2);
                    Group g = groups.computeIfAbsent(key, k -> new Group(reference, fee));
                    long serverId = rs.getLong(1);
                    g.servers.put(serverId, new ServerSpans());
                    serverKeys.put(serverId, key);
                }, Date.valueOf(month.month().atEndOfMonth()), Timestamp.from(range.start()));

        jdbc.query("select o.server_id, o.started_at, o.ended_at, o.cause_category, o.responsibility, o.classified_by,"
                + " i.cause_category, i.responsibility from ops_outage o"
                + " left join ops_incident i on i.number = o.incident_number"
                + " where o.started_at < ? and (o.ended_at is null or o.ended_at > ?)", rs -> {
                    Key key = serverKeys.get(rs.getLong(1));
                    if (key == null) {
                        return;
                    }
                    Instant start = rs.getObject(2, OffsetDateTime.class).toInstant();
                    OffsetDateTime endTs = rs.getObject(3, OffsetDateTime.class);
                    Instant end = endTs == null ? now : endTs.toInstant();
                    if (!end.isAfter(start)) {
                        return;
                    }
                    boolean own = rs.getString(6) != null;
                    CauseCategory category = enumOf(CauseCategory.class, rs.getString(own ? 4 : 7));
                    CauseCategory.Responsibility who = enumOf(CauseCategory.Responsibility.class,
                            rs.getString(own ? 5 : 8));
                    ServerSpans spans = groups.get(key).servers.get(rs.getLong(1));
                    (rules.treatment(key.infrastructure(), category, who).counted() ? spans.counted : spans.excluded)
                            .add(new Interval(start, end));
                }, Timestamp.from(range.end()), Timestamp.from(range.start()));

        Map<Long, List<Interval>> windows = plannedWindows.within(serverKeys.keySet(), range);
        Map<Long, List<Interval>> forceMajeure = forceMajeure(range.end(), now);
        Map<Long, BigDecimal> paidByContract = paid.paidExclTax(month.month());

        List<Row> rows = new ArrayList<>();
        for (Map.Entry<Key, Group> e : groups.entrySet()) {
            Key key = e.getKey();
            Group g = e.getValue();
            List<MonthlyAvailability.ServerMonth> serverMonths = new ArrayList<>();
            for (Map.Entry<Long, ServerSpans> s : g.servers.entrySet()) {
                serverMonths.add(new MonthlyAvailability.ServerMonth(s.getValue().counted, s.getValue().excluded,
                        windows.getOrDefault(s.getKey(), List.of())));
            }
            MonthlyAvailability.Measure m = MonthlyAvailability.measure(month, now, serverMonths,
                    forceMajeure.getOrDefault(key.contractId(), List.of()));
            int percent = tiers.penaltyPercent(key.infrastructure(), m.percent());
            BigDecimal paidForMonth = paidByContract.getOrDefault(key.contractId(), BigDecimal.ZERO.setScale(2));
            rows.add(new Row(key.contractId(), g.reference, key.infrastructure(), g.servers.size(), m.percent(),
                    month.minutes(), MonthlyAvailability.Measure.minutes(m.excludedSeconds()),
                    MonthlyAvailability.Measure.minutes(m.unavailableSeconds()), tiers.target(key.infrastructure()),
                    percent, g.fee, paidForMonth, PenaltyTiers.cappedCreditNote(g.fee, percent, paidForMonth)));
        }
        rows.sort(Comparator.comparing(Row::contractReference).thenComparing(Row::infrastructure));
        return rows;
    }

    /** R9: per contract, the force majeure periods of its incidents (declared .. lifted, or now). */
    private Map<Long, List<Interval>> forceMajeure(Instant before, Instant now) {
        Map<Long, List<Interval>> periods = new HashMap<>();
        Map<Long, Instant> declared = new HashMap<>();
        Map<Long, Long> contractOf = new HashMap<>();
        jdbc.query("select e.incident_id, i.contract_id, e.at, e.kind from ops_incident_event e"
                + " join ops_incident i on i.id = e.incident_id"
                + " where e.kind in ('FORCE_MAJEURE_DECLARED', 'FORCE_MAJEURE_LIFTED') and e.at < ?"
                + " order by e.incident_id, e.at, e.id", rs -> {
                    long incident = rs.getLong(1);
                    long contract = rs.getLong(2);
                    Instant at = rs.getObject(3, OffsetDateTime.class).toInstant();
                    contractOf.put(incident, contract);
                    if ("FORCE_MAJEURE_DECLARED".equals(rs.getString(4))) {
                        declared.putIfAbsent(incident, at);
                    } else {
                        Instant since = declared.remove(incident);
                        if (since != null && at.isAfter(since)) {
                            periods.computeIfAbsent(contract, c -> new ArrayList<>()).add(new Interval(since, at));
                        }
                    }
                }, Timestamp.from(before));
        declared.forEach((incident, since) -> {
            if (now.isAfter(since)) {
                periods.computeIfAbsent(contractOf.get(incident), c -> new ArrayList<>()).add(new Interval(since, now));
            }
        });
        return periods;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private record Key(long contractId, Infrastructure infrastructure) {
    }

    private static final class Group {
        final String reference;
        final BigDecimal fee;
        final Map<Long, ServerSpans> servers = new LinkedHashMap<>();

        Group(String reference, BigDecimal fee) {
            this.reference = reference;
            this.fee = fee;
        }
    }

    private static final class ServerSpans {
        final List<Interval> counted = new ArrayList<>();
        final List<Interval> excluded = new ArrayList<>();
    }
}
