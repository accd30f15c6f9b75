package fr.progerance.ops.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.monitoring.probe.MonitoringConfiguration.MountPoint;
import fr.progerance.ops.monitoring.probe.MonitoringConfiguration.Service;
import fr.progerance.ops.remote.EmbeddedSshServer;
import fr.progerance.ops.remote.SshTarget;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * R4.2 N1 system surveillance and R3.7 over real SSH (the embedded server, pinned host key, real
 * authentication, channels and exit statuses). Programs the test machine must not run or lacks
 * ({@code systemctl is-active}, {@code mysqladmin status} without a database, {@code pgrep} of daemons
 * that are not there) answer as the real ones do on a Debian server; {@code df} and {@code pgrep} also
 * run for real.
 */
class SshProbeTest {

    @RegisterExtension
    static final EmbeddedSshServer SSH = new EmbeddedSshServer();

    private static final String DF = "Filesystem     1024-blocks      Used Available Capacity Mounted on\n"
            + "/dev/sda1         10000000   9000000   1000000      90% /\n"
            + "tmpfs               100000         0    100000       0% /run\n"
            + "/dev/sdb1          1000000    990000     10000      99% /var/lib/mysql\n";

    private final SshProbe probe = new SshProbe(SSH.executor(), Clock.systemUTC(), 80);

    private static MountPoint mount(String path) {
        return new MountPoint(path, 15, 5);
    }

    private Map<String, CheckResult> run(SshTarget target, MonitoringConfiguration configuration, Integer quota) {
        List<CheckResult> out = new ArrayList<>();
        probe.check(target, configuration, quota, out::add);
        return out.stream().collect(Collectors.toMap(CheckResult::key, Function.identity()));
    }

    @Test
    @DisplayName("R4.2: an active service OK, a stopped one FAILED; a running process OK, a missing one FAILED; the login first")
    void servicesAndProcesses() {
        SSH.respond("systemctl is-active -- 'nginx.service'", 0, "active\n", "");
        SSH.respond("systemctl is-active -- 'php8.2-fpm.service'", 3, "inactive\n", "");
        SSH.respond("pgrep -x -- 'mariadbd'", 0, "812\n813\n", "");
        SSH.respond("pgrep -x -- 'redis-server'", 1, "", "");
        MonitoringConfiguration c = new MonitoringConfiguration(null, List.of(),
                List.of(new Service("nginx.service", false), new Service("php8.2-fpm.service", true)),
                List.of("mariadbd", "redis-server"), List.of());

        Map<String, CheckResult> r = run(SSH.target(), c, null);

        assertThat(r).containsOnlyKeys("SSH_REACHABLE:ssh", "SERVICE:nginx.service", "SERVICE:php8.2-fpm.service",
                "PROCESS:mariadbd", "PROCESS:redis-server");
        assertThat(r.get("SSH_REACHABLE:ssh").status()).isEqualTo(CheckStatus.OK);
        assertThat(r.get("SERVICE:nginx.service").status()).isEqualTo(CheckStatus.OK);
        assertThat(r.get("SERVICE:php8.2-fpm.service").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.get("SERVICE:php8.2-fpm.service").detail()).isEqualTo("inactive");
        assertThat(r.get("PROCESS:mariadbd").status()).isEqualTo(CheckStatus.OK);
        assertThat(r.get("PROCESS:mariadbd").detail()).isEqualTo("2 running");
        assertThat(r.get("PROCESS:redis-server").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.get("PROCESS:redis-server").detail()).isEqualTo("not running");
        assertThat(SSH.executedCommands()).startsWith("cat /proc/uptime");
    }

    @Test
    @DisplayName("R4.2: disk space from one df: the file system holding each mount point, WARNING below 15 % free, FAILED below 5 %")
    void diskSpace() {
        SSH.respond("df -P -k", 0, DF, "");
        MonitoringConfiguration c = new MonitoringConfiguration(null, List.of(), List.of(), List.of(),
                List.of(mount("/"), mount("/var/lib/mysql"), mount("/var/www/shop"), new MountPoint("/run", 15, 5)));

        Map<String, CheckResult> r = run(SSH.target(), c, null);

        assertThat(r.get("DISK_SPACE:/").status()).isEqualTo(CheckStatus.WARNING);
        assertThat(r.get("DISK_SPACE:/").detail()).startsWith("90.0 % used on /");
        assertThat(r.get("DISK_SPACE:/var/lib/mysql").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.get("DISK_SPACE:/var/lib/mysql").value()).isEqualTo(99.0);
        assertThat(r.get("DISK_SPACE:/var/www/shop").status()).isEqualTo(CheckStatus.WARNING);
        assertThat(r.get("DISK_SPACE:/var/www/shop").detail()).contains("on /,");
        assertThat(r.get("DISK_SPACE:/run").status()).isEqualTo(CheckStatus.OK);
        assertThat(SSH.executedCommands()).containsOnlyOnce("df -P -k");
    }

    @Test
    @DisplayName("R4.2: the real df and pgrep of this machine answer through the same checks")
    void realCommands() {
        MonitoringConfiguration c = new MonitoringConfiguration(null, List.of(), List.of(), List.of("nosuchdaemon"),
                List.of(new MountPoint("/", 0, 0)));

        Map<String, CheckResult> r = run(SSH.target(), c, null);

        assertThat(r.get("DISK_SPACE:/").status()).isEqualTo(CheckStatus.OK);
        assertThat(r.get("DISK_SPACE:/").detail()).contains("% used on /");
        assertThat(r.get("PROCESS:nosuchdaemon").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.get("PROCESS:nosuchdaemon").detail()).isEqualTo("not running");
    }

    @Test
    @DisplayName("R3.7: connections below 80 % of the quota OK, from 80 % a WARNING (warn before the limit), at the quota FAILED")
    void databaseConnections() {
        SSH.respond("mysqladmin status", 0, "Uptime: 4821  Threads: 85  Questions: 18234  Slow queries: 0  Opens: 97"
                + "  Open tables: 90  Queries per second avg: 3.782\n", "");
        MonitoringConfiguration none = MonitoringConfiguration.empty();

        assertThat(run(SSH.target(), none, 200).get("DB_CONNECTIONS:database").status()).isEqualTo(CheckStatus.OK);
        CheckResult warning = run(SSH.target(), none, 100).get("DB_CONNECTIONS:database");
        assertThat(warning.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(warning.detail()).startsWith("85/100 connections");
        assertThat(warning.value()).isEqualTo(85.0);
        assertThat(run(SSH.target(), none, 85).get("DB_CONNECTIONS:database").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(run(SSH.target(), none, null)).doesNotContainKey("DB_CONNECTIONS:database");
    }

    @Test
    @DisplayName("R3.7: a database that does not answer is FAILED with mysqladmin's message")
    void databaseDown() {
        SSH.respond("mysqladmin status", 1, "", "mysqladmin: connect to server at 'localhost' failed\n"
                + "error: 'Can't connect to local server through socket '/run/mysqld/mysqld.sock' (2)'\n");

        CheckResult r = run(SSH.target(), MonitoringConfiguration.empty(), 100).get("DB_CONNECTIONS:database");

        assertThat(r.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.detail()).startsWith("the database does not answer: exit status 1, mysqladmin: connect");
    }

    @Test
    @DisplayName("R4.2: SSH closed: the login FAILED, every other SSH check FAILED as not checked, no command sent")
    void unreachable() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        MonitoringConfiguration c = new MonitoringConfiguration(null, List.of(), List.of(new Service("nginx.service", true)),
                List.of(), List.of(mount("/")));
        SshTarget target = new SshTarget("127.0.0.1", closed, EmbeddedSshServer.USER, SSH.hostKeyFingerprint());

        Map<String, CheckResult> r = run(target, c, 50);

        assertThat(r).containsOnlyKeys("SSH_REACHABLE:ssh", "SERVICE:nginx.service", "DISK_SPACE:/",
                "DB_CONNECTIONS:database");
        assertThat(r.values()).allMatch(CheckResult::failed);
        assertThat(r.get("SSH_REACHABLE:ssh").detail()).startsWith("unreachable");
        assertThat(r.get("SERVICE:nginx.service").detail()).isEqualTo("not checked: SSH login failed");
    }

    @Test
    @DisplayName("DESIGN rule 8: a host key other than the pinned one is FAILED and no command runs")
    void hostKeyChanged() {
        String pinned = SSH.hostKeyFingerprint();
        SSH.rotateHostKey();

        Map<String, CheckResult> r = run(SSH.targetPinning(pinned), MonitoringConfiguration.empty(), null);

        assertThat(r.get("SSH_REACHABLE:ssh").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(r.get("SSH_REACHABLE:ssh").detail()).startsWith("host key is not the pinned one");
        assertThat(SSH.executedCommands()).isEmpty();
    }
}
