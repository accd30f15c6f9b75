package fr.progerance.ops.bench;

import fr.progerance.ops.MovableClock;
import fr.progerance.ops.OpsSpringBootTest;
import fr.progerance.ops.billing.BillingFixture;
import fr.progerance.ops.calendar.AvailabilityMonth;
import fr.progerance.ops.contract.MaintenanceWindowSource;
import fr.progerance.ops.contract.MaintenanceWindows;
import fr.progerance.ops.contract.RegisterApi;
import fr.progerance.ops.monitoring.availability.AvailabilityReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code ./bench}: how long the monthly availability report (R4.4-p, R4.4-t, R4.4-c) takes for
 * {@code bench.availability.servers} servers (default 1,000, one contract each) with a month of data:
 * per server 4 outages (one inside a maintenance window, one crossing the month's end) and 4
 * maintenance windows. Figures, never assertions on time. Baseline in the same run: the bare queries
 * of the same rows (the month's outages with their incidents, the month's maintenance windows), as
 * the report's floor. Writes {@code target/bench/availability.txt}.
 */
@OpsSpringBootTest
class AvailabilityReportBenchmark {

    private static final int SERVERS = Integer.getInteger("bench.availability.servers", 1_000);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final AvailabilityMonth APRIL = AvailabilityMonth.parse("2026-04", PARIS);
    private static final int RUNS = 5;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MaintenanceWindows windows;
    @Autowired
    AvailabilityReports reports;
    @Autowired
    MovableClock clock;

    private static Instant paris(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 4, day, hour, minute).atZone(PARIS).toInstant();
    }

    @Test
    void monthlyReportForAThousandServers() throws Exception {
        clock.set(paris(1, 9, 0));
        try {
            run();
        } finally {
            clock.reset();
        }
    }

    private void run() throws Exception {
        BillingFixture template = BillingFixture.create(new RegisterApi(port), true);
        long windowId = windows.record(template.serverId(), paris(2, 22, 0), paris(3, 0, 0),
                MaintenanceWindowSource.MANUAL, null, "Benchmark", "bench").id();
        int copies = SERVERS - 1;
        String run = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(),
                (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
        List<String> references = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            references.add(String.format(Locale.ROOT, "BENCH-AV-%s-%05d", run, i));
        }
        RegisterCopies rows = new RegisterCopies(jdbc);
        rows.insert("ops_contract", rows.row("ops_contract", template.contractId()), copies,
                i -> Map.of("reference", references.get(i)));
        List<Long> contracts = new ArrayList<>(rows.ids("ops_contract", "reference", "BENCH-AV-" + run + "-%", references));
        rows.insert("ops_server", rows.row("ops_server", template.serverId()), copies, i -> {
            String name = String.format(Locale.ROOT, "benchav-%s-%05d", run, i);
            return Map.of("contract_id", contracts.get(i), "name", name, "prestashop_url", "https://" + name + ".example.net/");
        });
        List<Long> servers = new ArrayList<>();
        jdbc.query("select s.id from ops_server s join ops_contract c on c.id = s.contract_id where c.reference like ?"
                + " order by s.id", rs -> {
                    servers.add(rs.getLong(1));
                }, "BENCH-AV-" + run + "-%");
        servers.add(template.serverId());
        contracts.add(template.contractId());

        // Four maintenance windows per server: 2 h every Thursday night.
        Map<String, Object> windowRow = rows.row("ops_maintenance_window", windowId);
        jdbc.update("delete from ops_maintenance_window where id = ?", windowId);
        int[] windowDays = {2, 9, 16, 23};
        rows.insert("ops_maintenance_window", windowRow, servers.size() * windowDays.length, i -> Map.of(
                "server_id", servers.get(i / windowDays.length), "reference", "bench-" + run + "-" + i,
                "window_start", Timestamp.from(paris(windowDays[i % windowDays.length], 22, 0)),
                "window_end", Timestamp.from(paris(windowDays[i % windowDays.length] + 1, 0, 0))));

        // Four outages per server: one inside a window, two counted, one crossing the month's end.
        List<Object[]> outageRows = new ArrayList<>();
        Timestamp now = Timestamp.from(paris(1, 9, 0));
        for (int s = 0; s < servers.size(); s++) {
            long server = servers.get(s);
            long contract = contracts.get(s);
            int minutes = 5 + s % 55;
            outageRows.add(outage(server, contract, paris(2, 22, 30), paris(2, 23, 10), now));
            outageRows.add(outage(server, contract, paris(5 + s % 20, 10, 0), paris(5 + s % 20, 10, minutes), now));
            outageRows.add(outage(server, contract, paris(27, 3, 0), paris(27, 3, 20), now));
            outageRows.add(outage(server, contract, paris(30, 23, 40), paris(30, 23, 40).plus(Duration.ofMinutes(50)), now));
        }
        jdbc.batchUpdate("insert into ops_outage (server_id, contract_id, started_at, ended_at, open_server_id, cause,"
                + " incident_number, created_at, version) values (?, ?, ?, ?, null, ?, null, ?, 0)", outageRows);
        clock.set(paris(1, 9, 0).plus(Duration.ofDays(31)));

        // Warm up both, then time each RUNS times; the median.
        reports.report(APRIL);
        bareQueries();
        long[] report = new long[RUNS];
        long[] bare = new long[RUNS];
        int reportRows = 0;
        long read = 0;
        for (int r = 0; r < RUNS; r++) {
            long start = System.nanoTime();
            reportRows = reports.report(APRIL).size();
            report[r] = System.nanoTime() - start;
            start = System.nanoTime();
            read = bareQueries();
            bare[r] = System.nanoTime() - start;
        }
        double reportMs = median(report) / 1e6;
        double bareMs = median(bare) / 1e6;

        List<String> lines = new ArrayList<>();
        lines.add("Monthly availability report (R4.4-p, R4.4-t, R4.4-c): AvailabilityReportBenchmark");
        lines.add(String.format(Locale.ROOT, "  Data: %d servers (one contract each) in %s, %d outages, %d maintenance"
                + " windows; the report's rows: %d", servers.size(), APRIL, outageRows.size(),
                servers.size() * windowDays.length, reportRows));
        lines.add(String.format(Locale.ROOT, "  Report for the month (median of %d):        %9.1f ms", RUNS, reportMs));
        lines.add(String.format(Locale.ROOT, "  Baseline, bare queries of the same %d rows:  %9.1f ms", read, bareMs));
        lines.add(String.format(Locale.ROOT, "  Ratio report / baseline:                     %9.2f", reportMs / bareMs));
        Path out = Path.of("target/bench/availability.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    private static Object[] outage(long server, long contract, Instant start, Instant end, Timestamp createdAt) {
        return new Object[] {server, contract, Timestamp.from(start), Timestamp.from(end), "HTTP_STATUS:bench HTTP 503",
            createdAt};
    }

    /** The rows the report reads, in plain queries: the month's outages with their incidents, and its windows. */
    private long bareQueries() {
        Timestamp from = Timestamp.from(APRIL.start());
        Timestamp to = Timestamp.from(APRIL.end());
        long[] count = {0};
        jdbc.query("select o.server_id, o.started_at, o.ended_at, i.cause_category from ops_outage o"
                + " left join ops_incident i on i.number = o.incident_number"
                + " where o.started_at < ? and (o.ended_at is null or o.ended_at > ?)", rs -> {
                    read(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class),
                            rs.getString(4));
                    count[0]++;
                }, to, from);
        jdbc.query("select server_id, window_start, window_end from ops_maintenance_window"
                + " where window_start < ? and window_end > ?", rs -> {
                    read(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class),
                            null);
                    count[0]++;
                }, to, from);
        return count[0];
    }

    /** Keeps the values read (so the baseline converts them as the report does). */
    private static long sink;

    private static void read(long id, OffsetDateTime start, OffsetDateTime end, String cause) {
        sink += id + start.toEpochSecond() + (end == null ? 0 : end.toEpochSecond()) + (cause == null ? 0 : 1);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
