package fr.progerance.ops.backup.restic;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The stale-lock rule: a lock not refreshed for {@code ops.backup.restic.stale-lock-age} (default
 * 30 min; restic refreshes a live lock every 5 min), while no restic of this engine works on that
 * repository, is stale and is removed with {@code restic unlock}. A live lock is never removed: a
 * lock of this host whose process is still alive is live whatever its age.
 *
 * <p>{@code restic unlock} removes every lock that restic itself thinks stale (older than 30 min, or
 * of a dead process on its own host). It is therefore only run when every lock this rule keeps is
 * one restic would keep too; otherwise nothing is removed and the report says why. Locks are listed
 * again afterwards, so the report says what was really removed.
 *
 * <p>Used before a backup or a prune when restic answers {@link ResticLockedException}
 * ({@link #retryAfterStaleLocks}). The clock is the product's one clock (DESIGN rule 7).
 */
@Component
public class ResticLocks {

    /** restic's own rule (restic/lock.go, staleTimeout): it treats a lock older than this as stale. */
    static final Duration RESTIC_STALE_TIMEOUT = Duration.ofMinutes(30);

    private static final Logger log = LoggerFactory.getLogger(ResticLocks.class);

    private final Restic restic;
    private final ResticProcesses processes;
    private final Clock clock;
    private final Duration staleLockAge;
    private final String localHost;

    @Autowired
    public ResticLocks(Restic restic, ResticProcesses processes, Clock clock, ResticProperties properties,
            @Value("${ops.data-dir:./data}") String dataDir) {
        this(restic, processes, clock, properties.resolve(java.nio.file.Path.of(dataDir)).staleLockAge());
    }

    public ResticLocks(Restic restic, ResticProcesses processes, Clock clock, Duration staleLockAge) {
        this.restic = Objects.requireNonNull(restic, "restic");
        this.processes = Objects.requireNonNull(processes, "processes");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (staleLockAge == null || staleLockAge.isNegative() || staleLockAge.isZero()) {
            throw new IllegalArgumentException(ResticProperties.PREFIX + ".stale-lock-age must be positive, got "
                    + staleLockAge);
        }
        this.staleLockAge = staleLockAge;
        this.localHost = LocalHost.name();
    }

    /** What happened to one lock. */
    public enum Verdict {
        /** Stale and removed by {@code restic unlock}. */
        REMOVED,
        /** Held by a process of this host that is still alive. */
        KEPT_LIVE_PROCESS,
        /** A restic of this engine works on the repository: its lock is live. */
        KEPT_OURS_RUNNING,
        /** Refreshed within {@code stale-lock-age}. */
        KEPT_RECENT,
        /** Stale by this rule, but {@code restic unlock} would also remove a lock that is kept: not run. */
        KEPT_UNLOCK_UNSAFE,
        /** Stale by this rule, but {@code restic unlock} left it (restic does not think it stale yet). */
        KEPT_BY_RESTIC
    }

    /** One lock and what was decided, with the reason in words. */
    public record LockDecision(ResticLock lock, Verdict verdict, String reason) {

        public boolean removed() {
            return verdict == Verdict.REMOVED;
        }

        @Override
        public String toString() {
            return "lock " + shortId(lock.id()) + " (" + (lock.exclusive() ? "exclusive, " : "") + "PID " + lock.pid()
                    + " on " + lock.hostname() + ", " + lock.time() + "): " + verdict + ", " + reason;
        }
    }

    /** What {@link #removeStaleLocks} found and did. */
    public record LockReport(ResticRepository repository, List<LockDecision> decisions) {

        public LockReport {
            decisions = List.copyOf(decisions);
        }

        public List<LockDecision> removed() {
            return decisions.stream().filter(LockDecision::removed).toList();
        }

        public List<LockDecision> kept() {
            return decisions.stream().filter(d -> !d.removed()).toList();
        }

        public boolean anyRemoved() {
            return decisions.stream().anyMatch(LockDecision::removed);
        }

        /** One line for logs and incident messages. */
        public String summary() {
            if (decisions.isEmpty()) {
                return "no lock on " + repository;
            }
            return removed().size() + " stale lock(s) removed, " + kept().size() + " kept on " + repository + ": "
                    + decisions.stream().map(LockDecision::toString).collect(Collectors.joining("; "));
        }
    }

    /** Applies the stale-lock rule to the repository's locks; see the class comment. */
    public LockReport removeStaleLocks(ResticRepository repository) {
        List<ResticLock> locks = restic.locks(repository);
        Set<Long> ours = processes.pids(repository.location());
        List<LockDecision> decisions = new ArrayList<>();
        List<ResticLock> stale = new ArrayList<>();
        for (ResticLock lock : locks) {
            Optional<LockDecision> kept = keepReason(lock, ours);
            if (kept.isPresent()) {
                decisions.add(kept.get());
            } else {
                stale.add(lock);
            }
        }
        if (stale.isEmpty()) {
            return report(repository, decisions);
        }
        Optional<LockDecision> endangered = decisions.stream().filter(d -> resticThinksStale(d.lock())).findFirst();
        if (endangered.isPresent()) {
            for (ResticLock lock : stale) {
                decisions.add(new LockDecision(lock, Verdict.KEPT_UNLOCK_UNSAFE, "stale, but restic unlock would also"
                        + " remove lock " + shortId(endangered.get().lock().id()) + " which is kept ("
                        + endangered.get().reason() + "): a person must decide"));
            }
            return report(repository, decisions);
        }
        restic.unlock(repository);
        Set<String> remaining = restic.locks(repository).stream().map(ResticLock::id).collect(Collectors.toSet());
        for (ResticLock lock : stale) {
            decisions.add(remaining.contains(lock.id())
                    ? new LockDecision(lock, Verdict.KEPT_BY_RESTIC, "stale by " + ResticProperties.PREFIX
                            + ".stale-lock-age, but restic unlock left it (restic removes only locks older than "
                            + RESTIC_STALE_TIMEOUT.toMinutes() + " min or of a dead process on its own host)")
                    : new LockDecision(lock, Verdict.REMOVED, "not refreshed for " + age(lock) + " (more than "
                            + ResticProperties.PREFIX + ".stale-lock-age " + staleLockAge + ") and no live restic of"
                            + " ours on the repository"));
        }
        return report(repository, decisions);
    }

    /**
     * Runs {@code call}; if restic answers that the repository is locked, applies the stale-lock rule
     * and, when it removed a lock, runs {@code call} once more. Otherwise the lock failure is thrown
     * with what the rule decided.
     */
    public <T> T retryAfterStaleLocks(ResticRepository repository, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResticLockedException locked) {
            LockReport report = removeStaleLocks(repository);
            if (!report.anyRemoved()) {
                throw locked.withDetail("no stale lock removed: " + report.summary());
            }
            return call.get();
        }
    }

    /** {@link #retryAfterStaleLocks(ResticRepository, Supplier)} for calls without a result. */
    public void retryAfterStaleLocks(ResticRepository repository, Runnable call) {
        retryAfterStaleLocks(repository, () -> {
            call.run();
            return null;
        });
    }

    private Optional<LockDecision> keepReason(ResticLock lock, Set<Long> ours) {
        if (isLocal(lock) && ours.contains(lock.pid())) {
            return Optional.of(new LockDecision(lock, Verdict.KEPT_OURS_RUNNING, "held by restic PID " + lock.pid()
                    + " that this engine is running"));
        }
        if (isLocal(lock) && processAlive(lock.pid())) {
            return Optional.of(new LockDecision(lock, Verdict.KEPT_LIVE_PROCESS, "held by PID " + lock.pid()
                    + " that is still running on this host"));
        }
        if (!ours.isEmpty()) {
            return Optional.of(new LockDecision(lock, Verdict.KEPT_OURS_RUNNING, "restic PID(s) " + ours
                    + " of this engine work on the repository"));
        }
        if (!olderThanStaleAge(lock)) {
            return Optional.of(new LockDecision(lock, Verdict.KEPT_RECENT, "refreshed " + age(lock) + " ago, within "
                    + ResticProperties.PREFIX + ".stale-lock-age " + staleLockAge));
        }
        return Optional.empty();
    }

    /** The one time comparison of the rule: the lock's last refresh against the setting. */
    boolean olderThanStaleAge(ResticLock lock) {
        return age(lock).compareTo(staleLockAge) > 0;
    }

    /** What {@code restic unlock} would remove (restic's own rule), judged with the same clock. */
    private boolean resticThinksStale(ResticLock lock) {
        return age(lock).compareTo(RESTIC_STALE_TIMEOUT) > 0 || (isLocal(lock) && !processAlive(lock.pid()));
    }

    private Duration age(ResticLock lock) {
        return Duration.between(lock.time(), clock.instant()).withNanos(0);
    }

    private boolean isLocal(ResticLock lock) {
        return localHost.equals(lock.hostname());
    }

    private static boolean processAlive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static LockReport report(ResticRepository repository, List<LockDecision> decisions) {
        LockReport report = new LockReport(repository, decisions);
        if (report.anyRemoved()) {
            log.warn("Stale-lock rule: {}", report.summary());
        } else if (!decisions.isEmpty()) {
            log.info("Stale-lock rule: {}", report.summary());
        }
        return report;
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
