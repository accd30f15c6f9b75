package fr.progerance.ops.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.monitoring.probe.MonitoringConfiguration.MountPoint;
import fr.progerance.ops.monitoring.probe.MonitoringConfiguration.Service;
import fr.progerance.ops.remote.CommandTemplate;
import fr.progerance.ops.web.FieldProblem;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The monitoring configuration's rules, without Spring (the API test shows them as 400s). */
class MonitoringConfigurationTest {

    @Test
    @DisplayName("DESIGN rule 8: the declared patterns are the command templates' own")
    void samePatternsAsTheTemplates() {
        assertThat(MonitoringConfiguration.PROCESS_NAME).isEqualTo(CommandTemplate.Parameter.PROCESS_NAME.pattern().pattern());
        assertThat(MonitoringConfiguration.SYSTEMD_UNIT).isEqualTo(CommandTemplate.Parameter.SYSTEMD_UNIT.pattern().pattern());
    }

    @Test
    @DisplayName("A valid configuration has no problem; restartable only where said")
    void valid() {
        MonitoringConfiguration c = new MonitoringConfiguration(60, List.of(443, 3306),
                List.of(new Service("nginx.service", true), new Service("mariadb.service", false)), List.of("php-fpm8.2"),
                List.of(new MountPoint("/", null, null), new MountPoint("/var/lib/mysql", 20, 10)));

        assertThat(c.problems(Duration.ofSeconds(15))).isEmpty();
        assertThat(c.restartable("nginx.service")).isTrue();
        assertThat(c.restartable("mariadb.service")).isFalse();
        assertThat(c.restartable("redis.service")).isFalse();
    }

    @Test
    @DisplayName("Each problem names its field: interval, ports, duplicates, units, processes, paths, thresholds, sizes")
    void problems() {
        MonitoringConfiguration c = new MonitoringConfiguration(10, Arrays.asList(0, 70000, 443, 443, null),
                Arrays.asList(new Service("a b", false), null, new Service("x", true), new Service("x", false)),
                List.of("-x", "ok", "ok"), Arrays.asList(new MountPoint("var", null, null), null,
                        new MountPoint("/a", 101, -1), new MountPoint("/b", 5, 10)));

        assertThat(c.problems(Duration.ofSeconds(15))).extracting(FieldProblem::field).containsExactlyInAnyOrder(
                "intervalSeconds", "tcpPorts[0]", "tcpPorts[1]", "tcpPorts[3]", "tcpPorts[4]", "services[0].unit",
                "services[1].unit", "services[3].unit", "processes[0]", "processes[2]", "mountPoints[0].path",
                "mountPoints[1].path", "mountPoints[2].warnBelowFreePercent", "mountPoints[2].failBelowFreePercent",
                "mountPoints[3].failBelowFreePercent");
        assertThat(new MonitoringConfiguration(null, java.util.Collections.nCopies(33, 1), null, null, null)
                .problems(Duration.ofSeconds(15))).extracting(FieldProblem::field).contains("tcpPorts");
    }
}
