package fr.progerance.ops.monitoring.probe;

import fr.progerance.ops.monitoring.probe.MonitoringConfiguration.MountPoint;
import fr.progerance.ops.monitoring.probe.MonitoringConfiguration.Service;
import fr.progerance.ops.remote.CommandResult;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.remote.HostKeyMismatchException;
import fr.progerance.ops.remote.RemoteAuthenticationException;
import fr.progerance.ops.remote.RemoteException;
import fr.progerance.ops.remote.RemoteExecutor;
import fr.progerance.ops.remote.SshTarget;
import fr.progerance.ops.remote.UnreachableServerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks made over SSH (R4.2 N1 system surveillance: services, processes, disk space; R3.7
 * database connections), each a read-only {@link CommandTemplate} run through the
 * {@link RemoteExecutor} with the server's pinned host key (DESIGN rule 8). The login comes first
 * ({@link CheckKind#SSH_REACHABLE}, {@code cat /proc/uptime}); when it fails, the other SSH checks
 * are FAILED as "not checked" without further connections.
 */
public class SshProbe {

    private static final Pattern THREADS = Pattern.compile("Threads:\\s+(\\d+)");

    private final RemoteExecutor remote;
    private final Clock clock;
    private final int dbWarningPercent;

    public SshProbe(RemoteExecutor remote, Clock clock, int dbWarningPercent) {
        this.remote = remote;
        this.clock = clock;
        this.dbWarningPercent = dbWarningPercent;
    }

    /** The SSH checks a plan has, in the order they run: (kind, target). */
    public static List<String[]> planned(MonitoringConfiguration configuration, Integer quota) {
        List<String[]> keys = new ArrayList<>();
        keys.add(new String[] {CheckKind.SSH_REACHABLE.name(), "ssh"});
        for (Service s : configuration.services()) {
            keys.add(new String[] {CheckKind.SERVICE.name(), s.unit()});
        }
        for (String p : configuration.processes()) {
            keys.add(new String[] {CheckKind.PROCESS.name(), p});
        }
        for (MountPoint m : configuration.mountPoints()) {
            keys.add(new String[] {CheckKind.DISK_SPACE.name(), m.path()});
        }
        if (quota != null) {
            keys.add(new String[] {CheckKind.DB_CONNECTIONS.name(), "database"});
        }
        return keys;
    }

    /** Runs the checks, handing each result to {@code out} as soon as it is known. */
    public void check(SshTarget target, MonitoringConfiguration configuration, Integer quota, Consumer<CheckResult> out) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        String problem = null;
        try {
            CommandResult uptime = remote.run(target, CommandTemplate.UPTIME);
            if (uptime.succeeded()) {
                String seconds = uptime.stdout().strip().split("\\s+")[0];
                out.accept(new CheckResult(CheckKind.SSH_REACHABLE, "ssh", CheckStatus.OK, "logged in, up " + seconds + " s",
                        null, uptime.took(), at));
            } else {
                problem = "cat /proc/uptime exited " + uptime.exitStatus();
            }
        } catch (HostKeyMismatchException e) {
            problem = "host key is not the pinned one (never connected with another)";
        } catch (UnreachableServerException e) {
            problem = "unreachable: " + e.getMessage();
        } catch (RemoteAuthenticationException e) {
            problem = "login refused: " + e.getMessage();
        } catch (RemoteException | IllegalArgumentException e) {
            problem = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (problem != null) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            out.accept(new CheckResult(CheckKind.SSH_REACHABLE, "ssh", CheckStatus.FAILED, HttpProbe.shorten(problem),
                    null, took, at));
            for (String[] key : planned(configuration, quota).subList(1, planned(configuration, quota).size())) {
                out.accept(new CheckResult(CheckKind.valueOf(key[0]), key[1], CheckStatus.FAILED,
                        "not checked: SSH login failed", null, Duration.ZERO, at));
            }
            return;
        }
        for (Service s : configuration.services()) {
            out.accept(service(target, s.unit()));
        }
        for (String p : configuration.processes()) {
            out.accept(process(target, p));
        }
        if (!configuration.mountPoints().isEmpty()) {
            disks(target, configuration.mountPoints()).forEach(out);
        }
        if (quota != null) {
            out.accept(connections(target, quota));
        }
    }

    /** One SERVICE check (also the re-check after an automatic restart). */
    public CheckResult service(SshTarget target, String unit) {
        Instant at = clock.instant();
        return run(CheckKind.SERVICE, unit, at, () -> {
            CommandResult r = remote.run(target, CommandTemplate.SERVICE_STATUS, unit);
            String state = firstLine(r.stdout());
            boolean active = r.succeeded() && "active".equals(state);
            return new CheckResult(CheckKind.SERVICE, unit, active ? CheckStatus.OK : CheckStatus.FAILED,
                    state.isEmpty() ? "exit status " + r.exitStatus() : state, null, r.took(), at);
        });
    }

    /** One PROCESS check. */
    public CheckResult process(SshTarget target, String name) {
        Instant at = clock.instant();
        return run(CheckKind.PROCESS, name, at, () -> {
            CommandResult r = remote.run(target, CommandTemplate.PROCESS_RUNNING, name);
            if (r.succeeded()) {
                long count = r.stdout().lines().filter(l -> !l.isBlank()).count();
                return new CheckResult(CheckKind.PROCESS, name, CheckStatus.OK, count + " running", (double) count,
                        r.took(), at);
            }
            String detail = r.exitStatus() == 1 ? "not running" : "pgrep failed with exit status " + r.exitStatus()
                    + (r.stderr().isBlank() ? "" : ": " + firstLine(r.stderr()));
            return new CheckResult(CheckKind.PROCESS, name, CheckStatus.FAILED, detail, 0.0, r.took(), at);
        });
    }

    /** The DISK_SPACE checks of every mount point from one {@code df -P -k}. */
    public List<CheckResult> disks(SshTarget target, List<MountPoint> mounts) {
        Instant at = clock.instant();
        List<CheckResult> results = new ArrayList<>();
        CommandResult r;
        try {
            r = remote.run(target, CommandTemplate.DISK_USAGE);
        } catch (RemoteException e) {
            for (MountPoint m : mounts) {
                results.add(new CheckResult(CheckKind.DISK_SPACE, m.path(), CheckStatus.FAILED,
                        HttpProbe.shorten("df failed: " + e.getMessage()), null, Duration.ZERO, at));
            }
            return results;
        }
        List<DiskLine> lines = r.succeeded() || !r.stdout().isBlank() ? parseDf(r.stdout()) : List.of();
        for (MountPoint m : mounts) {
            DiskLine fs = holding(lines, m.path());
            if (fs == null) {
                results.add(new CheckResult(CheckKind.DISK_SPACE, m.path(), CheckStatus.FAILED,
                        r.succeeded() ? "no file system holds it" : "df exited " + r.exitStatus(), null, r.took(), at));
                continue;
            }
            double freePercent = fs.total() == 0 ? 0 : 100.0 * fs.available() / fs.total();
            double usedPercent = Math.round((100.0 - freePercent) * 10) / 10.0;
            CheckStatus status = freePercent < m.failBelowFreePercent() ? CheckStatus.FAILED
                    : freePercent < m.warnBelowFreePercent() ? CheckStatus.WARNING : CheckStatus.OK;
            results.add(new CheckResult(CheckKind.DISK_SPACE, m.path(), status, String.format(Locale.ROOT,
                    "%.1f %% used on %s, %d MiB free", usedPercent, fs.mountedOn(), fs.available() / 1024), usedPercent,
                    r.took(), at));
        }
        return results;
    }

    /** R3.7: the DB_CONNECTIONS check against the contract's quota. */
    public CheckResult connections(SshTarget target, int quota) {
        Instant at = clock.instant();
        return run(CheckKind.DB_CONNECTIONS, "database", at, () -> {
            CommandResult r = remote.run(target, CommandTemplate.DATABASE_CONNECTIONS);
            Matcher m = THREADS.matcher(r.stdout());
            if (!r.succeeded() || !m.find()) {
                return new CheckResult(CheckKind.DB_CONNECTIONS, "database", CheckStatus.FAILED,
                        HttpProbe.shorten("the database does not answer: exit status " + r.exitStatus()
                                + (r.stderr().isBlank() ? "" : ", " + firstLine(r.stderr()))), null, r.took(), at);
            }
            int count = Integer.parseInt(m.group(1));
            CheckStatus status = count >= quota ? CheckStatus.FAILED
                    : count * 100L >= (long) quota * dbWarningPercent ? CheckStatus.WARNING : CheckStatus.OK;
            return new CheckResult(CheckKind.DB_CONNECTIONS, "database", status, count + "/" + quota + " connections"
                    + (status == CheckStatus.WARNING ? " (" + dbWarningPercent + " % of the quota reached, R3.7)"
                    : status == CheckStatus.FAILED ? " (quota reached, R3.7)" : ""), (double) count, r.took(), at);
        });
    }

    private interface Check {
        CheckResult run();
    }

    private static CheckResult run(CheckKind kind, String target, Instant at, Check check) {
        long start = System.nanoTime();
        try {
            return check.run();
        } catch (RemoteException | IllegalArgumentException e) {
            return new CheckResult(kind, target, CheckStatus.FAILED, HttpProbe.shorten(e.getClass().getSimpleName() + ": "
                    + e.getMessage()), null, Duration.ofNanos(System.nanoTime() - start), at);
        }
    }

    /** One line of {@code df -P -k}: sizes in KiB. */
    record DiskLine(String mountedOn, long used, long available) {

        long total() {
            return used + available;
        }
    }

    static List<DiskLine> parseDf(String stdout) {
        List<DiskLine> lines = new ArrayList<>();
        for (String line : stdout.lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6) {
                continue;
            }
            try {
                lines.add(new DiskLine(f[f.length - 1], Long.parseLong(f[2]), Long.parseLong(f[3])));
            } catch (NumberFormatException e) {
                // a line that is not a file system: skipped
            }
        }
        return lines;
    }

    /** The file system whose mount point is the longest prefix of {@code path}. */
    static DiskLine holding(List<DiskLine> lines, String path) {
        DiskLine best = null;
        for (DiskLine l : lines) {
            String mount = l.mountedOn();
            boolean holds = path.equals(mount) || "/".equals(mount) || path.startsWith(mount + "/");
            if (holds && (best == null || mount.length() > best.mountedOn().length())) {
                best = l;
            }
        }
        return best;
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }
}
