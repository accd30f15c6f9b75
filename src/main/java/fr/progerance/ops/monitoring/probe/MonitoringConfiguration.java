package fr.progerance.ops.monitoring.probe;

import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.web.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the probes check on one server beyond its shop and its SSH login (R4.1 N1, R4.2 N1): the
 * body of {@code PUT /api/servers/{id}/monitoring}. Null lists mean none.
 *
 * @param intervalSeconds seconds between two rounds, or null for {@code ops.probe.interval}
 * @param tcpPorts        ports that must accept connections
 * @param services        systemd units that must be active; {@code restartable}: the contract lets the
 *                        engine restart it once by itself when it stops (the detection does)
 * @param processes       process names ({@code pgrep -x}) that must run
 * @param mountPoints     mount points whose free space is watched; thresholds null: the settings'
 */
public record MonitoringConfiguration(Integer intervalSeconds, List<Integer> tcpPorts, List<@Valid Service> services,
        List<@Pattern(regexp = PROCESS_NAME) String> processes, List<@Valid MountPoint> mountPoints) {

    /** {@link CommandTemplate.Parameter#PROCESS_NAME}'s pattern. */
    static final String PROCESS_NAME = "[A-Za-z0-9][A-Za-z0-9._+:-]{0,14}";

    /** {@link CommandTemplate.Parameter#SYSTEMD_UNIT}'s pattern. */
    static final String SYSTEMD_UNIT = "[A-Za-z0-9@._-]{1,128}";

    /** The most items of one kind a server may have. */
    public static final int MAX_ITEMS = 32;

    public MonitoringConfiguration {
        // copies that keep null elements, so that validation names them instead of failing here
        tcpPorts = copy(tcpPorts);
        services = copy(services);
        processes = copy(processes);
        mountPoints = copy(mountPoints);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Nothing beyond the shop and SSH. */
    public static MonitoringConfiguration empty() {
        return new MonitoringConfiguration(null, List.of(), List.of(), List.of(), List.of());
    }

    /** A systemd unit that must be active. */
    public record Service(@Pattern(regexp = SYSTEMD_UNIT) String unit, boolean restartable) {
    }

    /** A mount point and its free-space thresholds in percent (null: the settings'). */
    public record MountPoint(@Size(max = 255) @Pattern(regexp = "/[A-Za-z0-9._@+/-]*") String path,
            Integer warnBelowFreePercent, Integer failBelowFreePercent) {
    }

    /** Whether the configuration marks {@code unit} restartable. */
    public boolean restartable(String unit) {
        return services.stream().anyMatch(s -> s.restartable() && s.unit().equals(unit));
    }

    /** What is wrong with it, each problem naming its field; empty when it may be saved. */
    public List<FieldProblem> problems(Duration minInterval) {
        List<FieldProblem> problems = new ArrayList<>();
        if (intervalSeconds != null && (intervalSeconds < minInterval.toSeconds() || intervalSeconds > 86_400)) {
            problems.add(new FieldProblem("intervalSeconds", "must be between " + minInterval.toSeconds()
                    + " (ops.probe.min-interval) and 86400 seconds"));
        }
        size(problems, "tcpPorts", tcpPorts.size());
        size(problems, "services", services.size());
        size(problems, "processes", processes.size());
        size(problems, "mountPoints", mountPoints.size());
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < tcpPorts.size(); i++) {
            Integer port = tcpPorts.get(i);
            if (port == null || port < 1 || port > 65535) {
                problems.add(new FieldProblem("tcpPorts[" + i + "]", "must be a TCP port from 1 to 65535"));
            } else if (!seen.add(port)) {
                problems.add(new FieldProblem("tcpPorts[" + i + "]", "is listed twice"));
            }
        }
        seen.clear();
        for (int i = 0; i < services.size(); i++) {
            Service s = services.get(i);
            if (s == null || !CommandTemplate.Parameter.SYSTEMD_UNIT.accepts(s.unit())) {
                problems.add(new FieldProblem("services[" + i + "].unit", "must be a systemd unit name matching "
                        + CommandTemplate.Parameter.SYSTEMD_UNIT.pattern().pattern()));
            } else if (!seen.add(s.unit())) {
                problems.add(new FieldProblem("services[" + i + "].unit", "is listed twice"));
            }
        }
        seen.clear();
        for (int i = 0; i < processes.size(); i++) {
            String p = processes.get(i);
            if (!CommandTemplate.Parameter.PROCESS_NAME.accepts(p)) {
                problems.add(new FieldProblem("processes[" + i + "]", "must be a process name as pgrep -x matches it, "
                        + CommandTemplate.Parameter.PROCESS_NAME.pattern().pattern()));
            } else if (!seen.add(p)) {
                problems.add(new FieldProblem("processes[" + i + "]", "is listed twice"));
            }
        }
        seen.clear();
        for (int i = 0; i < mountPoints.size(); i++) {
            MountPoint m = mountPoints.get(i);
            String field = "mountPoints[" + i + "]";
            if (m == null || !CommandTemplate.Parameter.ABSOLUTE_PATH.accepts(m.path()) || m.path().length() > 255) {
                problems.add(new FieldProblem(field + ".path", "must be a clean absolute path of at most 255 characters"));
                continue;
            }
            if (!seen.add(m.path())) {
                problems.add(new FieldProblem(field + ".path", "is listed twice"));
            }
            if (!percent(m.warnBelowFreePercent())) {
                problems.add(new FieldProblem(field + ".warnBelowFreePercent", "must be from 0 to 100"));
            }
            if (!percent(m.failBelowFreePercent())) {
                problems.add(new FieldProblem(field + ".failBelowFreePercent", "must be from 0 to 100"));
            }
            if (m.warnBelowFreePercent() != null && m.failBelowFreePercent() != null
                    && m.failBelowFreePercent() > m.warnBelowFreePercent()) {
                problems.add(new FieldProblem(field + ".failBelowFreePercent",
                        "must not exceed warnBelowFreePercent"));
            }
        }
        return problems;
    }

    private static boolean percent(Integer value) {
        return value == null || value >= 0 && value <= 100;
    }

    private static void size(List<FieldProblem> problems, String field, int size) {
        if (size > MAX_ITEMS) {
            problems.add(new FieldProblem(field, "at most " + MAX_ITEMS + " items"));
        }
    }
}
