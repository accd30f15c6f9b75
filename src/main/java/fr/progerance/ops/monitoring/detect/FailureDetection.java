package fr.progerance.ops.monitoring.detect;

import fr.progerance.ops.calendar.IncidentCategory;
import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.contract.ContractStatus;
import fr.progerance.ops.contract.Server;
import fr.progerance.ops.contract.ServerRepository;
import fr.progerance.ops.incident.IncidentEvent;
import fr.progerance.ops.incident.IncidentIntake;
import fr.progerance.ops.incident.IncidentService;
import fr.progerance.ops.incident.NewReport;
import fr.progerance.ops.monitoring.availability.AvailabilityLedger;
import fr.progerance.ops.monitoring.availability.OutageView;
import fr.progerance.ops.monitoring.probe.CheckKind;
import fr.progerance.ops.monitoring.probe.CheckResult;
import fr.progerance.ops.monitoring.probe.CheckStatus;
import fr.progerance.ops.monitoring.probe.ProbeRound;
import fr.progerance.ops.monitoring.probe.ProbeRoundListener;
import fr.progerance.ops.monitoring.probe.Prober;
import fr.progerance.ops.monitoring.windows.PlannedWindows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the rules of {@link ServerWatch} to every finished round (a {@link ProbeRoundListener}):
 * <ul>
 * <li>a confirmed failure, outside planned windows and unless the server flaps, is reported through
 * {@link IncidentIntake} as the system (no authenticated user; source {@code monitoring}, category
 * TROUBLESHOOTING, level 1) with the time of its first failed check, and its outage opened in the
 * {@link AvailabilityLedger} with the incident's number, in one transaction. A server with an open
 * incident gets the report attached (IncidentService), so a failure never opens a storm;</li>
 * <li>the first healthy round after it closes the outage and correlates {@code Message_MonitoringRecovered}
 * to the incident ({@link RecoveryCorrelator});</li>
 * <li>a FAILED service the {@link RestartPolicy} allows is restarted once at its first failed check
 * ({@link AutoRestarts}), checked again ({@link Prober#recheck}), then reported either way with the
 * attempt and its outcome on the incident's timeline ({@code AUTO_RESTART}); restored (and nothing
 * else failing), the recovery is recorded at once;</li>
 * <li>R3.7: a {@code DB_CONNECTIONS} WARNING warns the client ({@link ConnectionWarnings}).</li>
 * </ul>
 * Only servers of ACTIVE contracts get incidents, restarts and warnings. The rounds of one server are
 * handled one at a time; the state lives in memory, and a restarted engine picks up an open outage
 * from the ledger, so its recovery is still recorded.
 *
 * <p>Called on the probe's worker thread: a report, a restart with its re-check, or a mail take that
 * thread for their duration (bounded by the SSH, HTTP and SMTP time-outs); healthy rounds cost a map
 * look-up.
 */
public class FailureDetection implements ProbeRoundListener {

    private static final Logger LOG = LoggerFactory.getLogger(FailureDetection.class);
    /** NewReport.source, and the actor of the timeline lines monitoring writes. */
    public static final String SOURCE = "monitoring";
    /** The level of the incidents monitoring opens (R4.1, R4.2: N1 surveillance). */
    static final int LEVEL = 1;

    private final DetectionSettings settings;
    private final ServerRepository servers;
    private final IncidentIntake intake;
    private final IncidentService incidents;
    private final RecoveryCorrelator recovery;
    private final AvailabilityLedger ledger;
    private final PlannedWindows windows;
    private final Prober prober;
    private final RestartPolicy restartPolicy;
    private final AutoRestarts restarts;
    private final ConnectionWarnings warnings;
    private final DetectionMetrics metrics;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;
    private final Map<Long, ServerWatch> watches = new ConcurrentHashMap<>();

    /** The ports and services detection uses. */
    public record Ports(AvailabilityLedger ledger, PlannedWindows windows, Prober prober, RestartPolicy restartPolicy) {
    }

    public FailureDetection(DetectionSettings settings, ServerRepository servers, IncidentIntake intake,
            IncidentService incidents, RecoveryCorrelator recovery, AutoRestarts restarts, ConnectionWarnings warnings,
            DetectionMetrics metrics, PlatformTransactionManager transactionManager, Ports ports) {
        this.settings = settings;
        this.servers = servers;
        this.intake = intake;
        this.incidents = incidents;
        this.recovery = recovery;
        this.restarts = restarts;
        this.warnings = warnings;
        this.metrics = metrics;
        this.ledger = ports.ledger();
        this.windows = ports.windows();
        this.prober = ports.prober();
        this.restartPolicy = ports.restartPolicy();
        this.transaction = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    @Override
    public void roundFinished(ProbeRound round) {
        ServerWatch watch = watches.computeIfAbsent(round.serverId(), this::newWatch);
        synchronized (watch) {
            handle(watch, round);
        }
    }

    /** Whether the server is held flapping now (tests, logs). */
    public boolean isFlapping(long serverId) {
        ServerWatch watch = watches.get(serverId);
        return watch != null && watch.isFlapping();
    }

    private ServerWatch newWatch(long serverId) {
        ServerWatch watch = ServerWatch.of(settings);
        try {
            Optional<OutageView> open = ledger.openOutage(serverId);
            open.ifPresent(o -> watch.resume(o.incidentNumber(), o.start()));
        } catch (RuntimeException e) {
            LOG.warn("Server {}: could not read its open outage from the availability ledger ({}); a recovery before"
                    + " the next failure will not close it", serverId, e.toString());
        }
        return watch;
    }

    private void handle(ServerWatch watch, ProbeRound round) {
        long serverId = round.serverId();
        ServerWatch.Windows covered = at -> windows.covers(serverId, at);
        ServerWatch.Observation observation = watch.observe(round, covered);
        metrics.flapping(serverId, observation.flapping());
        if (observation.startedFlapping()) {
            metrics.suppressed(DetectionMetrics.Suppression.FLAPPING, serverId);
            LOG.warn("Server {} flaps ({} state changes within {}): no incident while it flaps", serverId,
                    watch.recentChanges(), settings.getFlapping().getWindow());
        }
        if (observation.settled()) {
            LOG.info("Server {} settled (no state change for {}): judged again", serverId,
                    settings.getFlapping().getSettle());
        }
        for (CheckResult result : round.results()) {
            if (result.kind() == CheckKind.DB_CONNECTIONS && result.status() == CheckStatus.WARNING) {
                try {
                    warnings.warn(serverId, result);
                } catch (RuntimeException e) {
                    LOG.warn("R3.7: server {}: the database connections warning failed: {}", serverId, e.toString());
                }
            }
        }
        for (CheckResult candidate : observation.restartCandidates()) {
            autoRestart(watch, serverId, candidate);
        }
        ServerWatch.Decision decision = watch.decide(observation, round.startedAt(), covered);
        switch (decision.action()) {
            case REPORT -> report(watch, serverId, decision);
            case SUPPRESSED_MAINTENANCE -> {
                if (decision.first()) {
                    metrics.suppressed(DetectionMetrics.Suppression.MAINTENANCE, serverId);
                    LOG.info("Server {}: confirmed failure inside a planned window, not reported (R4.4-p): {}", serverId,
                            describe(decision.confirmed()));
                }
            }
            case RECOVER -> recover(watch, serverId, decision.at());
            case NONE, FLAPPING -> {
                // nothing to do
            }
        }
    }

    private void report(ServerWatch watch, long serverId, ServerWatch.Decision decision) {
        Target target = target(serverId);
        if (target == null) {
            LOG.debug("Server {}: confirmed failure not reported, its contract is not ACTIVE", serverId);
            return;
        }
        String cause = describe(decision.confirmed());
        Reported reported = reportAndOpen(target, serverId, "Monitoring: " + cause, decision.detectedAt(),
                decision.since(), cause, null);
        watch.reported(reported.number(), decision.since(),
                decision.confirmed().stream().map(CheckResult::key).toList());
    }

    private record Reported(String number, boolean opened) {
    }

    /** The report and the outage, in one transaction; {@code timeline}, when set, goes on the incident too. */
    private Reported reportAndOpen(Target target, long serverId, String summary, Instant detectedAt, Instant since,
            String cause, String autoRestart) {
        Reported reported = transaction.execute(status -> {
            IncidentService.Reported r = intake.report(new NewReport(serverId, IncidentCategory.TROUBLESHOOTING, LEVEL,
                    clip(summary, 500), SOURCE, detectedAt));
            String number = r.incident().getNumber();
            if (autoRestart != null) {
                incidents.record(number, IncidentEvent.Kind.AUTO_RESTART, autoRestart, SOURCE);
            }
            ledger.outageStarted(serverId, since, cause, number);
            return new Reported(number, !r.attached());
        });
        if (reported.opened()) {
            metrics.incidentOpened(target.infrastructure());
        }
        LOG.info("Server {}: {} on incident {} (detected {}, down since {})", serverId,
                reported.opened() ? "reported" : "report attached", reported.number(), detectedAt, since);
        return reported;
    }

    private void recover(ServerWatch watch, long serverId, Instant at) {
        String number = watch.incidentNumber();
        ledger.outageEnded(serverId, at);
        if (number != null) {
            recovery.recovered(number, at);
        }
        watch.recovered();
        LOG.info("Server {} answers again since {}{}", serverId, at, number == null ? "" : " (incident " + number + ")");
    }

    private void autoRestart(ServerWatch watch, long serverId, CheckResult failed) {
        String unit = failed.target();
        if (!settings.isAutoRestart() || !restartPolicy.mayRestart(serverId, unit)) {
            return;
        }
        Target target = target(serverId);
        if (target == null) {
            return;
        }
        Instant failedAt = failed.checkedAt();
        Optional<Long> claim = restarts.claim(serverId, unit, failedAt);
        if (claim.isEmpty()) {
            LOG.debug("Server {}: {} not restarted again (already restarted for this failure or its incident is open)",
                    serverId, unit);
            return;
        }
        AutoRestarts.Attempt attempt = restarts.restart(target.server(), unit, failedAt);
        CheckResult after = null;
        if (attempt.ran()) {
            try {
                after = prober.recheck(serverId, CheckKind.SERVICE, unit);
            } catch (RuntimeException e) {
                LOG.warn("Server {}: the check of {} after its restart failed: {}", serverId, unit, e.toString());
            }
        }
        boolean restored = after != null && !after.failed();
        AutoRestarts.Outcome outcome = !attempt.ran() ? AutoRestarts.Outcome.FAILED
                : restored ? AutoRestarts.Outcome.RESTORED : AutoRestarts.Outcome.STILL_DOWN;
        String detail = failed.key() + " " + failed.detail() + " at its first failed check (" + failedAt
                + "): restarted once automatically: " + attempt.detail() + "; checked again: "
                + (after == null ? "not checked" : after.status() + " " + after.detail()) + " -> " + outcome;
        String number = null;
        try {
            Reported reported = reportAndOpen(target, serverId, "Monitoring: " + failed.key() + " " + failed.detail()
                    + " (restarted automatically: " + outcome + ")", failedAt, failedAt,
                    failed.key() + " " + failed.detail(), detail);
            number = reported.number();
            watch.reported(number, failedAt, List.of(failed.key()));
        } catch (RuntimeException e) {
            LOG.warn("Server {}: the incident of the automatic restart of {} could not be reported ({}); the failure is"
                    + " reported when confirmed", serverId, unit, e.toString());
        } finally {
            restarts.finish(claim.get(), outcome, number, detail);
            metrics.autoRestart(outcome);
        }
        LOG.info("Server {}: {}", serverId, detail);
        if (restored && number != null) {
            watch.restored(failed.key());
            boolean stillFailing = false;
            for (CheckResult other : watch.failing()) {
                CheckResult again = recheck(serverId, other);
                if (again == null || again.failed()) {
                    stillFailing = true;
                } else {
                    watch.restored(other.key());
                }
            }
            if (!stillFailing) {
                recover(watch, serverId, after.checkedAt());
            }
        }
    }

    private CheckResult recheck(long serverId, CheckResult other) {
        try {
            return prober.recheck(serverId, other.kind(), other.target());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The server and its infrastructure when its contract is ACTIVE; null otherwise. */
    private record Target(Server server, Infrastructure infrastructure) {
    }

    private Target target(long serverId) {
        return readOnly.execute(status -> servers.findById(serverId)
                .filter(s -> s.getContract().getStatus() == ContractStatus.ACTIVE)
                .map(s -> new Target(s, s.getInfrastructure())).orElse(null));
    }

    static String describe(List<CheckResult> results) {
        return results.stream().map(r -> r.key() + " " + r.detail()).collect(Collectors.joining("; "));
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
