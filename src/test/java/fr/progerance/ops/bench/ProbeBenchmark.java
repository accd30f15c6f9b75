package fr.progerance.ops.bench;

import com.sun.net.httpserver.HttpServer;
import fr.progerance.ops.contract.AddressPolicy;
import fr.progerance.ops.monitoring.probe.CheckResult;
import fr.progerance.ops.monitoring.probe.CheckKind;
import fr.progerance.ops.monitoring.probe.HttpProbe;
import fr.progerance.ops.monitoring.probe.MonitoringConfiguration;
import fr.progerance.ops.monitoring.probe.MonitoringConfigurations.Monitored;
import fr.progerance.ops.monitoring.probe.MonitoringConfigurations.ServerFacts;
import fr.progerance.ops.monitoring.probe.ProbeMetrics;
import fr.progerance.ops.monitoring.probe.ProbeRound;
import fr.progerance.ops.monitoring.probe.ProbeScheduler;
import fr.progerance.ops.monitoring.probe.ProbeSettings;
import fr.progerance.ops.monitoring.probe.Prober;
import fr.progerance.ops.monitoring.probe.RoundRunner;
import fr.progerance.ops.monitoring.probe.SshProbe;
import fr.progerance.ops.monitoring.probe.TcpProbe;
import fr.progerance.ops.remote.EmbeddedSshServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./bench}: how many servers one node can probe every 60 s (R4.1, R4.2: 24/7 surveillance),
 * never an assertion on time. Each server's round is what production runs for a server with one
 * watched service: one HTTP GET of the shop (status, keyword, response time) against a JDK HTTP
 * server on loopback, and over real SSH (the embedded server, pinned host key, RSA 3072 client key)
 * the login check and one {@code systemctl is-active} (answered by the server's command handler), two
 * SSH connections.
 *
 * <ol>
 *   <li>Baseline: the same checks one after another on one thread: servers per 60 s = 60 s / round time.</li>
 *   <li>Burst: {@code bench.probe.servers} servers (default 400) all due at once through the real
 *       {@link ProbeScheduler} and {@link RoundRunner} (default pools: 32 rounds, 96 checks): servers
 *       per 60 s = servers / time to finish them all, as a ratio to the baseline.</li>
 *   <li>Steady: 70 % of that capacity scheduled on a 10 s interval (the 60 s interval scaled down to
 *       keep the run short; the same load per second) for {@code bench.probe.seconds} (30): the p99
 *       and the maximum of the scheduling delay (how late rounds start after they are due).</li>
 * </ol>
 * The peers run in the same JVM and take CPU from the probes: a node probing remote servers does better.
 */
class ProbeBenchmark {

    private static final int SERVERS = Integer.getInteger("bench.probe.servers", 400);
    private static final int STEADY_SECONDS = Integer.getInteger("bench.probe.seconds", 30);
    private static final Duration STEADY_INTERVAL = Duration.ofSeconds(10);
    private static final String PAGE = "<html><body><h1>Boutique Lavande</h1></body></html>";

    @Test
    void serversProbedEverySixtySeconds() throws Exception {
        HttpServer shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        shop.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        shop.setExecutor(Executors.newFixedThreadPool(32));
        shop.start();
        try (EmbeddedSshServer ssh = new EmbeddedSshServer().start()) {
            ssh.respond("cat /proc/uptime", 0, "350735.47 234388.90\n", "");
            ssh.respond("systemctl is-active -- 'nginx.service'", 0, "active\n", "");
            run(ssh, "http://127.0.0.1:" + shop.getAddress().getPort() + "/");
        } finally {
            shop.stop(0);
            ((java.util.concurrent.ExecutorService) shop.getExecutor()).shutdownNow();
        }
    }

    private void run(EmbeddedSshServer ssh, String url) throws Exception {
        Clock clock = Clock.systemUTC();
        ProbeSettings settings = new ProbeSettings();
        settings.setHousekeeping(false);
        AddressPolicy loopback = new AddressPolicy(true, List.of());
        MonitoringConfiguration configuration = new MonitoringConfiguration(null, List.of(),
                List.of(new MonitoringConfiguration.Service("nginx.service", false)), List.of(), List.of());
        try (HttpProbe http = new HttpProbe(settings.getHttpTimeout(), settings.getResponseTimeWarning(),
                settings.getCertificateWarning(), HttpProbe.sslContext("", "PKCS12", ""), loopback, clock,
                settings.getCheckPoolSize());
                RoundRunner runner = new RoundRunner(http, new TcpProbe(settings.getTcpTimeout(), loopback, clock),
                        new SshProbe(ssh.executor(), clock, 80), settings, clock)) {
            SshProbe sshProbe = new SshProbe(ssh.executor(), clock, 80);
            AtomicInteger failed = new AtomicInteger();
            Prober prober = new Prober() {
                @Override
                public ProbeRound probe(long serverId) {
                    ProbeRound round = runner.run(facts(serverId, ssh, url), configuration);
                    failed.addAndGet(round.failures().size());
                    return round;
                }

                @Override
                public CheckResult recheck(long serverId, CheckKind kind, String target) {
                    throw new UnsupportedOperationException();
                }
            };
            for (int i = 0; i < 20; i++) { // warm-up
                prober.probe(i);
                sequential(http, sshProbe, ssh, url, configuration);
            }
            failed.set(0);

            int baselineRounds = 40;
            long start = System.nanoTime();
            for (int i = 0; i < baselineRounds; i++) {
                sequential(http, sshProbe, ssh, url, configuration);
            }
            double baselineRound = (System.nanoTime() - start) / 1e9 / baselineRounds;
            double baselinePerMinute = 60 / baselineRound;

            ProbeMetrics burstMetrics = new ProbeMetrics(new SimpleMeterRegistry());
            List<Monitored> burstServers = LongStream.rangeClosed(1, SERVERS).mapToObj(id -> new Monitored(id, null))
                    .toList();
            ProbeScheduler burst = new ProbeScheduler(prober, () -> burstServers, () -> { }, () -> { }, burstMetrics,
                    settings, clock, false);
            burst.refresh();
            burst.dueNow();
            start = System.nanoTime();
            burst.tick();
            burst.awaitIdle(Duration.ofMinutes(10));
            double burstSeconds = (System.nanoTime() - start) / 1e9;
            burst.stop();
            double perMinute = SERVERS / burstSeconds * 60;
            int burstFailures = failed.getAndSet(0);

            int steadyServers = (int) Math.max(1, perMinute * 0.7 * STEADY_INTERVAL.toSeconds() / 60);
            ProbeSettings steadySettings = new ProbeSettings();
            steadySettings.setHousekeeping(false);
            steadySettings.setInterval(STEADY_INTERVAL);
            steadySettings.setMinInterval(Duration.ofSeconds(1));
            steadySettings.setJitter(Duration.ofMillis(500));
            steadySettings.setTick(Duration.ofMillis(100));
            steadySettings.setRefresh(Duration.ofMinutes(10));
            ProbeMetrics steadyMetrics = new ProbeMetrics(new SimpleMeterRegistry());
            List<Monitored> steadyList = LongStream.rangeClosed(1, steadyServers).mapToObj(id -> new Monitored(id, null))
                    .toList();
            ProbeScheduler steady = new ProbeScheduler(prober, () -> steadyList, () -> { }, () -> { }, steadyMetrics,
                    steadySettings, clock, false);
            steady.start();
            Thread.sleep(Duration.ofSeconds(STEADY_SECONDS).toMillis());
            steady.stop();
            Timer delay = steadyMetrics.schedulingDelay();
            double p99 = percentile(delay.takeSnapshot(), 0.99);
            int steadyFailures = failed.get();

            List<String> lines = new ArrayList<>();
            lines.add("Probes (HTTP GET with keyword + SSH login + 1 service, loopback peers in the same JVM, "
                    + Runtime.getRuntime().availableProcessors() + " cores):");
            lines.add(String.format(Locale.ROOT, "  Baseline, one thread, checks one after another: %.1f ms a server,"
                    + " %.0f servers per 60 s", baselineRound * 1000, baselinePerMinute));
            lines.add(String.format(Locale.ROOT, "  Scheduler, %d servers due at once (pools %d rounds / %d checks):"
                    + " %.1f s, %.0f servers per 60 s, ratio to baseline %.2f (%d failed checks)", SERVERS,
                    settings.getPoolSize(), settings.getCheckPoolSize(), burstSeconds, perMinute,
                    perMinute / baselinePerMinute, burstFailures));
            lines.add(String.format(Locale.ROOT, "  Steady, %d servers every %d s (= %d per 60 s) for %d s: %d rounds,"
                    + " scheduling delay p99 <= %.0f ms (histogram bucket), max %.0f ms (%d failed checks)",
                    steadyServers, STEADY_INTERVAL.toSeconds(), steadyServers * 60 / STEADY_INTERVAL.toSeconds(),
                    STEADY_SECONDS, delay.count(), p99, delay.max(TimeUnit.MILLISECONDS), steadyFailures));
            Path out = Path.of("target/bench/probes.txt");
            Files.createDirectories(out.getParent());
            Files.write(out, lines);
            lines.forEach(System.out::println);
        }
    }

    private static ServerFacts facts(long id, EmbeddedSshServer ssh, String url) {
        return new ServerFacts(id, id, "ACTIVE", "127.0.0.1", ssh.port(), EmbeddedSshServer.USER,
                ssh.hostKeyFingerprint(), url, 200, "Lavande", null);
    }

    private static void sequential(HttpProbe http, SshProbe sshProbe, EmbeddedSshServer ssh, String url,
            MonitoringConfiguration configuration) {
        http.check(url, 200, "Lavande");
        List<CheckResult> out = new ArrayList<>();
        sshProbe.check(ssh.target(), configuration, null, out::add);
    }

    /** The upper bound (ms) of the first histogram bucket holding {@code q} of the samples. */
    private static double percentile(HistogramSnapshot snapshot, double q) {
        double wanted = snapshot.count() * q;
        for (CountAtBucket bucket : snapshot.histogramCounts()) {
            if (bucket.count() >= wanted) {
                return bucket.bucket(TimeUnit.MILLISECONDS);
            }
        }
        return snapshot.max(TimeUnit.MILLISECONDS);
    }

}
