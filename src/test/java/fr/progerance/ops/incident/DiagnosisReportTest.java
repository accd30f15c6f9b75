package fr.progerance.ops.incident;

import static org.assertj.core.api.Assertions.assertThat;

import fr.progerance.ops.calendar.Infrastructure;
import fr.progerance.ops.contract.ShopCheck;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reading the diagnosis templates' output, and the routing of causes (R4.2, R4.4-t). */
class DiagnosisReportTest {

    @Test
    @DisplayName("Uptime, load, full file systems and failed services are read from the commands' output")
    void parsing() {
        assertThat(DiagnosisReport.parseUptime("350735.47 234388.90\n")).isEqualTo("4 d 1 h 25 min");
        assertThat(DiagnosisReport.parseUptime("garbage")).isEqualTo("unreadable");
        assertThat(DiagnosisReport.parseLoad("0.52 0.58 0.59 1/467 12345\n")).isEqualTo("0.52 0.58 0.59");
        String df = """
                Filesystem     1024-blocks      Used Available Capacity Mounted on
                /dev/vda1         40581564  37215120   1282936      97% /
                tmpfs              1012344         0   1012344       0% /dev/shm
                /dev/vdb1        103081248  92773123  10308125      90% /var/lib/mysql
                """;
        assertThat(DiagnosisReport.parseFullFileSystems(df, 90)).containsExactly("/ 97%", "/var/lib/mysql 90%");
        assertThat(DiagnosisReport.parseFailedServices("php8.2-fpm.service loaded failed failed The PHP FPM\n"
                + "nginx.service loaded failed failed A high performance web server\n"))
                .containsExactly("php8.2-fpm.service", "nginx.service");
        assertThat(DiagnosisReport.parseFailedServices("")).isEmpty();
    }

    @Test
    @DisplayName("An unreachable server is a finding, shown with the shop's answer")
    void unreachableText() {
        DiagnosisReport r = DiagnosisReport.unreachable("connection refused",
                ShopCheck.Answer.noAnswer("https://shop.example.net/", 200, null, "ConnectException",
                        Duration.ofMillis(3)));
        assertThat(r.reachable()).isFalse();
        assertThat(r.text()).contains("UNREACHABLE").contains("connection refused").contains("no answer");
        DiagnosisReport ok = new DiagnosisReport(true, null, "2 h 0 min", "0.1 0.2 0.3", List.of("/ 95%"),
                List.of("nginx.service"), "HTTP 200 in 12 ms", true);
        assertThat(ok.text()).contains("Disks nearly full: / 95%").contains("Failed services: nginx.service")
                .contains("Shop: HTTP 200");
    }

    @Test
    @DisplayName("R4.2, R4.4-t: hardware and network on TIERCE go to the hoster; on PROGERANCE they are ours")
    void causes() {
        assertThat(CauseCategory.HARDWARE.routesToHoster(Infrastructure.TIERCE)).isTrue();
        assertThat(CauseCategory.NETWORK.routesToHoster(Infrastructure.TIERCE)).isTrue();
        assertThat(CauseCategory.HARDWARE.routesToHoster(Infrastructure.PROGERANCE)).isFalse();
        assertThat(CauseCategory.APPLICATION.routesToHoster(Infrastructure.TIERCE)).isFalse();
        assertThat(CauseCategory.HARDWARE.responsibility(Infrastructure.TIERCE))
                .isEqualTo(CauseCategory.Responsibility.HOSTER);
        assertThat(CauseCategory.HARDWARE.responsibility(Infrastructure.PROGERANCE))
                .isEqualTo(CauseCategory.Responsibility.PROVIDER);
        assertThat(CauseCategory.CLIENT_CHANGE.responsibility(Infrastructure.PROGERANCE))
                .isEqualTo(CauseCategory.Responsibility.CLIENT);
    }
}
