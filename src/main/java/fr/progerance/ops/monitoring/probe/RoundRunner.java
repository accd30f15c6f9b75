package fr.progerance.ops.monitoring.probe;

import fr.progerance.ops.monitoring.probe.MonitoringConfigurations.ServerFacts;
import fr.progerance.ops.remote.SshTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the checks of one server (R4.1 N1, R4.2 N1, R3.7): the shop over HTTP(S), each TCP port, and
 * the SSH checks, the three channels at the same time on the bounded check pool
 * ({@code ops.probe.check-pool-size} threads), each within its time-out counted from when it starts
 * (a check past it is FAILED, "no answer within ..."). Records nothing: {@link ServerProber} does.
 */
public class RoundRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoundRunner.class);

    private final HttpProbe http;
    private final TcpProbe tcp;
    private final SshProbe ssh;
    private final ProbeSettings settings;
    private final Clock clock;
    private final ThreadPoolExecutor checks;

    public RoundRunner(HttpProbe http, TcpProbe tcp, SshProbe ssh, ProbeSettings settings, Clock clock) {
        this.http = http;
        this.tcp = tcp;
        this.ssh = ssh;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.checks = new ThreadPoolExecutor(settings.getCheckPoolSize(), settings.getCheckPoolSize(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(task, "probe-check-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.checks.allowCoreThreadTimeOut(true);
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }

    /** Every check of one server, the three channels at the same time; records nothing. */
    public ProbeRound run(ServerFacts facts, MonitoringConfiguration configuration) {
        Instant startedAt = clock.instant();
        long roundStart = System.nanoTime();
        int expected = facts.expectedStatus() != null ? facts.expectedStatus() : settings.getExpectedStatus();
        List<CheckResult> results = new ArrayList<>();

        Pending<List<CheckResult>> web = submit(() -> http.check(facts.prestashopUrl(), expected, facts.keyword()));
        List<Pending<CheckResult>> ports = new ArrayList<>();
        for (Integer port : configuration.tcpPorts()) {
            ports.add(submit(() -> tcp.check(facts.address(), port)));
        }
        List<CheckResult> sshResults = Collections.synchronizedList(new ArrayList<>());
        SshTarget target = target(facts);
        Pending<Boolean> remote = submit(() -> {
            if (target == null) {
                sshResults.add(new CheckResult(CheckKind.SSH_REACHABLE, "ssh", CheckStatus.FAILED,
                        "the register's SSH settings are unusable", null, Duration.ZERO, clock.instant()));
            } else {
                ssh.check(target, configuration, facts.dbConnectionQuota(), sshResults::add);
            }
            return true;
        });

        List<CheckResult> webResults = await(web, settings.getHttpTimeout().plusSeconds(1), roundStart);
        if (webResults == null) {
            webResults = timedOutHttp(facts.prestashopUrl(), facts.keyword(), settings.getHttpTimeout());
        }
        results.addAll(webResults);
        for (int i = 0; i < ports.size(); i++) {
            CheckResult r = await(ports.get(i), settings.getTcpTimeout().plusSeconds(1), roundStart);
            results.add(r != null ? r : failed(CheckKind.TCP_PORT, String.valueOf(configuration.tcpPorts().get(i)),
                    settings.getTcpTimeout()));
        }
        Boolean sshDone = await(remote, settings.getSshTimeout(), roundStart);
        List<CheckResult> seen;
        synchronized (sshResults) {
            seen = List.copyOf(sshResults);
        }
        results.addAll(seen);
        if (sshDone == null) {
            for (String[] key : SshProbe.planned(configuration, facts.dbConnectionQuota())) {
                String k = key[0] + ":" + key[1];
                if (seen.stream().noneMatch(r -> r.key().equals(k))) {
                    results.add(failed(CheckKind.valueOf(key[0]), key[1], settings.getSshTimeout()));
                }
            }
        }
        return new ProbeRound(facts.serverId(), startedAt, clock.instant(), results);
    }

    /** One check of one server; records nothing. */
    public CheckResult recheck(ServerFacts facts, MonitoringConfiguration configuration, CheckKind kind, String target) {
        long serverId = facts.serverId();
        SshTarget ssh = target(facts);
        Duration timeout = switch (kind.channel()) {
            case HTTP -> settings.getHttpTimeout().plusSeconds(1);
            case TCP -> settings.getTcpTimeout().plusSeconds(1);
            case SSH -> settings.getSshTimeout();
        };
        Callable<CheckResult> check = switch (kind) {
            case HTTP_STATUS, HTTP_KEYWORD, HTTP_RESPONSE_TIME, CERTIFICATE_EXPIRY -> () -> http.check(
                    facts.prestashopUrl(), facts.expectedStatus() != null ? facts.expectedStatus()
                            : settings.getExpectedStatus(), facts.keyword()).stream()
                    .filter(r -> r.kind() == kind).findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "Server " + serverId + " has no " + kind + " check"));
            case TCP_PORT -> () -> tcp.check(facts.address(), Integer.parseInt(target));
            case SERVICE -> () -> this.ssh.service(ssh, target);
            case PROCESS -> () -> this.ssh.process(ssh, target);
            case DISK_SPACE -> () -> this.ssh.disks(ssh, configuration.mountPoints().stream()
                    .filter(m -> m.path().equals(target)).toList()).stream().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Server " + serverId + " watches no mount point "
                            + target));
            case DB_CONNECTIONS -> () -> {
                if (facts.dbConnectionQuota() == null) {
                    throw new IllegalArgumentException("The contract of server " + serverId + " has no connection quota");
                }
                return this.ssh.connections(ssh, facts.dbConnectionQuota());
            };
            case SSH_REACHABLE -> () -> {
                List<CheckResult> out = new ArrayList<>();
                this.ssh.check(ssh, MonitoringConfiguration.empty(), null, out::add);
                return out.get(0);
            };
        };
        if (kind.channel() == CheckKind.Channel.SSH && ssh == null) {
            return new CheckResult(kind, target, CheckStatus.FAILED, "the register's SSH settings are unusable", null,
                    Duration.ZERO, clock.instant());
        }
        Pending<CheckResult> pending = submit(check);
        CheckResult result = await(pending, timeout, System.nanoTime());
        return result != null ? result : failed(kind, target, timeout);
    }

    private CheckResult failed(CheckKind kind, String target, Duration timeout) {
        return new CheckResult(kind, target, CheckStatus.FAILED, "no answer within " + timeout.toMillis() + " ms", null,
                timeout, clock.instant());
    }

    private List<CheckResult> timedOutHttp(String url, String keyword, Duration timeout) {
        String host;
        try {
            host = java.net.URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        String target = host == null ? url : host;
        List<CheckResult> out = new ArrayList<>();
        out.add(failed(CheckKind.HTTP_STATUS, target, timeout));
        if (keyword != null) {
            out.add(failed(CheckKind.HTTP_KEYWORD, target, timeout));
        }
        out.add(failed(CheckKind.HTTP_RESPONSE_TIME, target, timeout));
        if (url.regionMatches(true, 0, "https:", 0, 6)) {
            out.add(failed(CheckKind.CERTIFICATE_EXPIRY, target, timeout));
        }
        return out;
    }

    private static SshTarget target(ServerFacts facts) {
        try {
            return new SshTarget(facts.address(), facts.sshPort(), facts.sshUser(), facts.hostKeyFingerprint());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A check submitted to the pool, and when it started running (0: still queued). */
    private record Pending<T>(Future<T> future, AtomicLong startedAt) {
    }

    private <T> Pending<T> submit(Callable<T> work) {
        AtomicLong started = new AtomicLong();
        Future<T> f = checks.submit(() -> {
            started.set(System.nanoTime());
            return work.call();
        });
        return new Pending<>(f, started);
    }

    /**
     * The check's value, or null when it ran past {@code timeout} from its own start (then it is
     * cancelled). A check still queued because the pool is busy gets up to {@code ops.probe.interval}
     * to start.
     */
    private <T> T await(Pending<T> pending, Duration timeout, long roundStart) {
        long limit = timeout.toNanos();
        while (true) {
            long started = pending.startedAt().get();
            long now = System.nanoTime();
            long remaining = started == 0 ? Math.min(limit, TimeUnit.MILLISECONDS.toNanos(200)) : started + limit - now;
            try {
                if (started != 0 && remaining <= 0) {
                    throw new TimeoutException();
                }
                return pending.future().get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (pending.startedAt().get() != 0 && System.nanoTime() - pending.startedAt().get() >= limit
                        || System.nanoTime() - roundStart > settings.getInterval().toNanos() + limit) {
                    pending.future().cancel(true);
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.future().cancel(true);
                return null;
            } catch (ExecutionException e) {
                LOG.error("A probe check failed unexpectedly", e.getCause());
                return null;
            }
        }
    }

    /** Checks waiting for a thread of the pool. */
    public int queuedChecks() {
        return checks.getQueue().size();
    }
}
